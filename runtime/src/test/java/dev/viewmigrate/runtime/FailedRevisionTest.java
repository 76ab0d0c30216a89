package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class FailedRevisionTest {
    /** Revision 2's second statement reads a column that does not exist; its first statement did succeed. */
    private static final SqlMigration BROKEN_VIEW = new SqlMigration("2", "create views on accounts",
            List.of("CREATE VIEW account_names AS SELECT name FROM accounts",
                    "CREATE VIEW account_mails AS\nSELECT id,\n       mail_address\nFROM accounts"),
            List.of("DROP VIEW account_mails", "DROP VIEW account_names"));

    private static ViewMigrator migrator(TestDatabase db, Migration... migrations) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(migrations)).build();
    }

    @Test
    void failingStatement_rollsBackItsRevision_keepsEarlierOnes_andNamesRevisionStatementAndPosition(TestDatabase db)
            throws Exception {
        ViewMigrator migrator = migrator(db, Chains.ACCOUNTS, BROKEN_VIEW, Chains.EMAIL);
        ViewMigrator onlyFirst = migrator(db, Chains.ACCOUNTS);
        onlyFirst.upgrade();
        CatalogSnapshot revisionOne = CatalogSnapshot.capture(db);
        onlyFirst.downgrade("base");

        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);

        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        String message = e.getMessage();
        assertTrue(message.startsWith("Upgrade of revision 2 (create views on accounts) failed and was rolled back; "
                + "the database stays at revision 1 (applied in this run: 1)."), message);
        assertTrue(message.contains("Statement 2 of the revision failed:\n    CREATE VIEW account_mails AS\n"
                + "    SELECT id,\n           mail_address\n    FROM accounts"), message);
        assertTrue(message.contains("PostgreSQL: column \"mail_address\" does not exist (SQLState 42703) at line 3, "
                + "column 8:\n           mail_address\n           ^"), message);
        assertInstanceOf(SQLException.class, e.getCause());

        // Exactly revision 1's objects: account_names (the statement before the failure) was rolled back too.
        revisionOne.assertSameAs(CatalogSnapshot.capture(db), "after the failed revision 2");
        assertEquals(List.of("1"), migrator.history().stream().map(AppliedRevision::revision).toList());
    }

    @Test
    void failureInTheFirstRevision_leavesTheDatabaseAtBase(TestDatabase db) throws Exception {
        SqlMigration bad = SqlMigration.of("1", "bad table", "CREATE TABLE t (id nonexistent_type)", "DROP TABLE t");
        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator(db, bad).upgrade());
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("the database stays at base (no revision applied)."), e.getMessage());
        assertTrue(e.getMessage().contains("type \"nonexistent_type\" does not exist (SQLState 42704) at line 1, "
                + "column 20:\n    CREATE TABLE t (id nonexistent_type)\n    " + " ".repeat(19) + "^"), e.getMessage());
        assertEquals(List.of(), migrator(db, bad).history());
    }

    @Test
    void exceptionThrownByMigrationCode_isReportedWithTheLastStatement(TestDatabase db) throws Exception {
        Migration throwing = new Migration() {
            @Override
            public String revision() {
                return "2";
            }

            @Override
            public String description() {
                return "data fix";
            }

            @Override
            public int checksum() {
                return 7;
            }

            @Override
            public void upgrade(MigrationContext context) throws Exception {
                context.execute("INSERT INTO accounts (id, name) VALUES (1, 'a')");
                throw new IllegalStateException("unexpected row count");
            }

            @Override
            public void downgrade(MigrationContext context) {
            }
        };
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, Chains.ACCOUNTS, throwing).upgrade());
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("Upgrade of revision 2 (data fix) failed and was rolled back"),
                e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: unexpected row count after 1 statement; "
                + "the last was:\n    INSERT INTO accounts (id, name) VALUES (1, 'a')"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        // The insert was rolled back with the revision.
        try (var c = db.connect(); var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM accounts")) {
            r.next();
            assertEquals(0, r.getInt(1));
        }
    }

    @Test
    void failureInAMultiStatementString_givesTheCharacterPositionWithoutGuessingTheLine(TestDatabase db) {
        SqlMigration both = SqlMigration.of("2", "two views in one string",
                "CREATE VIEW ok AS SELECT id FROM accounts;\nCREATE VIEW bad AS SELECT nope FROM accounts",
                "DROP VIEW bad; DROP VIEW ok");
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, Chains.ACCOUNTS, both).upgrade());
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("column \"nope\" does not exist (SQLState 42703) at character 28 of one of "
                + "the 2 statements in this text"), e.getMessage());
    }

    @Test
    void failingDowngrade_keepsTheRevisionApplied(TestDatabase db) throws Exception {
        SqlMigration view = SqlMigration.of("2", "view", "CREATE VIEW v AS SELECT id FROM accounts",
                "DROP VIEW no_such_view");
        ViewMigrator migrator = migrator(db, Chains.ACCOUNTS, view);
        migrator.upgrade();
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.downgrade("base"));
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("Downgrade of revision 2 (view) failed and was rolled back; the "
                + "database stays at revision 2."), e.getMessage());
        assertTrue(e.getMessage().contains("view \"no_such_view\" does not exist (SQLState 42P01)"), e.getMessage());
        before.assertSameAs(CatalogSnapshot.capture(db), "after the failed downgrade");
        assertEquals("2", migrator.current().orElseThrow().revision());
    }

    @Test
    void lockIsReleasedAfterAFailure_soTheNextRunProceeds(TestDatabase db) throws Exception {
        ViewMigrator broken = migrator(db, Chains.ACCOUNTS, BROKEN_VIEW);
        assertThrows(ViewMigrateException.class, broken::upgrade);
        SqlMigration fixed = BROKEN_VIEW.withUp("CREATE VIEW account_names AS SELECT name FROM accounts");
        ViewMigrator repaired = ViewMigrator.builder().dataSource(db.dataSource())
                .catalog(() -> List.of(Chains.ACCOUNTS, fixed))
                .lockTimeout(Duration.ofSeconds(2)).build();
        assertEquals(List.of("2"), repaired.upgrade().executed());
        CatalogSnapshot repairedCatalog = CatalogSnapshot.capture(db);
        assertFalse(repairedCatalog.hasRelation("public.account_mails"), repairedCatalog::toString);
        assertTrue(repairedCatalog.hasRelation("public.account_names"), repairedCatalog::toString);
    }
}
