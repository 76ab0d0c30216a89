package dev.viewmigrate.runtime.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Which implementation runs: decided by the database (URL or DataSource), and a chain of the other dialect refused. */
class DialectDispatchTest {
    @TempDir
    Path dir;

    @Test
    void sqliteChainOnPostgresql_isRefusedBeforeAnythingRuns() {
        try (TestDatabase db = TestDatabase.create()) {
            ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource())
                    .catalog(PracticeChain.catalog()).build();
            ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);
            assertEquals(ViewMigrateException.ErrorCode.WRONG_DIALECT, e.code());
            assertTrue(e.getMessage().startsWith("Refusing to run, nothing was changed: revision 1 (create tables) "
                    + "was generated for SQLite (dialect \"sqlite\") but the database is PostgreSQL."), e.getMessage());
            assertTrue(e.getMessage().contains("-Aviewmigrate.dialect=postgresql"), e.getMessage());
            assertEquals(List.of(), migrator.history(), "no history table was created");
        }
    }

    @Test
    void sqliteDataSource_isRecognisedByItsDriver() {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("ds.db"));
        ViewMigrator migrator = ViewMigrator.builder().dataSource(dataSource).catalog(PracticeChain.catalog())
                .backups(false).build();
        assertEquals(7, migrator.upgrade().executed().size());
        assertTrue(migrator.verify().clean());
    }
}
