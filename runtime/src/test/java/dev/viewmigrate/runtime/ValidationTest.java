package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** Applied revisions that disagree with the code are refused before anything runs, in both directions. */
@ExtendWith(PostgresExtension.class)
class ValidationTest {
    private static final SqlMigration FOURTH = SqlMigration.of("4", "create view named_accounts",
            "CREATE VIEW named_accounts AS SELECT name FROM accounts", "DROP VIEW named_accounts");

    private static ViewMigrator migrator(TestDatabase db, Migration... migrations) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(migrations)).build();
    }

    /** Runs {@code action}, expects {@code code}, and checks that neither the schema nor the history changed. */
    private static ViewMigrateException refusedWithoutChange(TestDatabase db, ErrorCode code, Executable action)
            throws Exception {
        CatalogSnapshot schema = CatalogSnapshot.capture(db);
        List<String> history = HistoryRows.of(db);
        ViewMigrateException e = assertThrows(ViewMigrateException.class, action);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Refusing to migrate, nothing was changed: "), e.getMessage());
        schema.assertSameAs(CatalogSnapshot.capture(db), "refused with " + code);
        assertEquals(history, HistoryRows.of(db));
        return e;
    }

    @Test
    void editedAppliedRevision_isRefusedWithBothChecksums(TestDatabase db) throws Exception {
        migrator(db, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS).upgrade();
        SqlMigration edited = Chains.ACTIVE_ACCOUNTS.withUp(
                "CREATE VIEW active_accounts AS SELECT id, name, created_at FROM accounts WHERE active");
        ViewMigrator migrator = migrator(db, Chains.ACCOUNTS, edited, FOURTH);

        ViewMigrateException up = refusedWithoutChange(db, ErrorCode.CHECKSUM_MISMATCH, migrator::upgrade);
        assertEquals("Refusing to migrate, nothing was changed: Revision 2 (create view active_accounts): applied to "
                + "database with checksum " + Chains.ACTIVE_ACCOUNTS.checksum() + " / resolved locally: "
                + edited.checksum() + ". A frozen revision was edited after it was applied. Either revert the change "
                + "to the revision, or, if the database really should match the new content, downgrade below it "
                + "first with the old code, then upgrade with the new code (put the change in a new revision next "
                + "time).", up.getMessage());
        refusedWithoutChange(db, ErrorCode.CHECKSUM_MISMATCH, () -> migrator.downgrade("base"));
        refusedWithoutChange(db, ErrorCode.CHECKSUM_MISMATCH, migrator::validate);

        Status status = migrator.status();
        assertFalse(status.valid());
        assertEquals(List.of(up.getMessage().substring("Refusing to migrate, nothing was changed: ".length())),
                status.problems());
        assertEquals(List.of("4"), status.pending().stream().map(Migration::revision).toList());
    }

    @Test
    void appliedRevisionMissingFromTheCode_isRefused(TestDatabase db) throws Exception {
        migrator(db, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS, Chains.EMAIL).upgrade();
        ViewMigrator older = migrator(db, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS);

        ViewMigrateException e = refusedWithoutChange(db, ErrorCode.UNKNOWN_APPLIED_REVISION, older::upgrade);
        assertTrue(e.getMessage().contains("Revision 3 (add accounts.email; account stats) is applied to the "
                + "database (history table viewmigrate_history, rank 3) but the code's migration chain has no such "
                + "revision (the chain has 2: 1, 2). The database was migrated by another version of the "
                + "application, probably a newer one. Deploy the code that contains revision 3, or use that code "
                + "to downgrade the database below it first."), e.getMessage());
        refusedWithoutChange(db, ErrorCode.UNKNOWN_APPLIED_REVISION, () -> older.downgrade("-1"));
        assertEquals(1, older.status().problems().size());
    }

    @Test
    void appliedOrderThatIsNotTheStartOfTheChain_isRefused(TestDatabase db) throws Exception {
        migrator(db, Chains.ACCOUNTS, FOURTH).upgrade();
        // A merge put revision 2 between the two applied ones.
        ViewMigrator merged = migrator(db, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS, FOURTH);

        ViewMigrateException e = refusedWithoutChange(db, ErrorCode.UNKNOWN_APPLIED_REVISION, merged::upgrade);
        assertTrue(e.getMessage().contains("rank 2 of history table viewmigrate_history holds revision 4, where the "
                + "chain has revision 2 at position 2 (revision 4 is at position 3)."), e.getMessage());
        Status status = merged.status();
        assertEquals(List.of("2"), status.pending().stream().map(Migration::revision).toList());
        assertEquals(1, status.problems().size());
    }

    @Test
    void severalProblems_areAllListed_andStructuralOnesDecideTheCode(TestDatabase db) throws Exception {
        migrator(db, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS, Chains.EMAIL).upgrade();
        SqlMigration editedFirst = Chains.ACCOUNTS.withUp("CREATE TABLE accounts (id bigint PRIMARY KEY)");
        ViewMigrator migrator = migrator(db, editedFirst, Chains.ACTIVE_ACCOUNTS);

        ViewMigrateException e = refusedWithoutChange(db, ErrorCode.UNKNOWN_APPLIED_REVISION, migrator::upgrade);
        assertTrue(e.getMessage().contains("2 applied revisions disagree with the code:\n  - Revision 1 (create table "
                + "accounts): applied to database with checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  - Revision 3 (add accounts.email; account stats) is applied"),
                e.getMessage());
    }

    @Test
    void historyRowsEditedByHand_areCaughtToo(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS);
        migrator.upgrade();
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("UPDATE viewmigrate_history SET checksum = checksum + 1 WHERE revision = '1'");
        }
        refusedWithoutChange(db, ErrorCode.CHECKSUM_MISMATCH, () -> migrator.downgrade("-1"));
    }
}
