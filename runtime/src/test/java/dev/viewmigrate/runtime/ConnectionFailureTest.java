package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ConnectionFailureTest {
    @Test
    void noDatabaseConfigured_onlineCallsSayHowToConfigureOne_offlineWorks() {
        ViewMigrator migrator = ViewMigrator.builder().catalog(Chains.THREE).build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("No database configured: build the ViewMigrator with .dataSource(...) "
                + "or .url(url, user, password)."), e.getMessage());
        assertEquals(ErrorCode.CONNECTION_FAILED, assertThrows(ViewMigrateException.class, migrator::status).code());
        assertTrue(migrator.upgradeSql(null, "head").contains("COMMIT;"));
    }

    @Test
    void unreachableDatabase_namesTheUrlButNeverThePassword(TestDatabase db) {
        String url = db.url() + "_missing?password=secret123";
        ViewMigrator migrator = ViewMigrator.builder().url(url, db.user(), db.password()).catalog(Chains.THREE)
                .build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::current);
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("Could not connect to " + db.url() + "_missing?password=*** as user "
                + db.user() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(e.getMessage().contains("secret123"), e.getMessage());
    }

    @Test
    void foreignTableWithTheHistoryTablesName_isReportedWithTheWayOut(TestDatabase db) throws Exception {
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE TABLE viewmigrate_history (id integer)");
        }
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE).build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);
        assertEquals(ErrorCode.HISTORY_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("Could not read the history table viewmigrate_history: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("configure another name with ViewMigrator.builder().historyTable(...)"),
                e.getMessage());
        // Another name works beside it.
        ViewMigrator other = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE)
                .historyTable("app_view_history").build();
        assertEquals(3, other.upgrade().executed().size());
    }

    @Test
    void builder_rejectsNonsenseSettingsEarly() {
        assertThrows(IllegalArgumentException.class, () -> ViewMigrator.builder().lockTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ViewMigrator.builder().historyTable(" ").build());
        assertThrows(IllegalArgumentException.class, () -> ViewMigrator.builder().historySchema("").build());
    }
}
