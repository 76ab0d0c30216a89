package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** Every target form online, and every way a target can be wrong: an error listing the choices, never a no-op. */
@ExtendWith(PostgresExtension.class)
class TargetsTest {
    private static ViewMigrator migrator(TestDatabase db) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE).build();
    }

    private static String current(ViewMigrator migrator) {
        return migrator.current().map(AppliedRevision::revision).orElse("base");
    }

    /** Expects INVALID_TARGET with exactly {@code message}, and no change to the history. */
    private static void invalid(TestDatabase db, String message, Executable action) throws Exception {
        List<String> before = HistoryRows.of(db);
        ViewMigrateException e = assertThrows(ViewMigrateException.class, action);
        assertEquals(ErrorCode.INVALID_TARGET, e.code(), e.getMessage());
        assertEquals(message, e.getMessage());
        assertEquals(before, HistoryRows.of(db));
    }

    @Test
    void everyForm_movesToTheStateItNames(TestDatabase db) {
        ViewMigrator migrator = migrator(db);
        assertEquals(List.of("1"), migrator.upgrade("+1").executed());
        assertEquals(List.of("2"), migrator.upgrade("2").executed());
        assertEquals(List.of("3"), migrator.upgrade("head").executed());
        assertEquals(List.of("3", "2"), migrator.downgrade("-2").executed());
        assertEquals("1", current(migrator));
        assertEquals(List.of("2", "3"), migrator.upgrade(" +2 ").executed());
        assertEquals(List.of("3", "2"), migrator.downgrade("1").executed());
        assertEquals(List.of("1"), migrator.downgrade("base").executed());
        assertEquals(List.of("1", "2", "3"), migrator.upgrade().executed());
        assertEquals(List.of("3", "2", "1"), migrator.downgrade("-3").executed());
        assertEquals("base", current(migrator));
    }

    @Test
    void outOfRangeOrWrongWay_listsTheValidTargets(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        migrator.upgrade("1");
        String upChoices = " Valid upgrade targets from 1: head, +1 to +2, or a pending revision (2, 3).";
        invalid(db, "Invalid upgrade target '+5': only 2 revisions are pending (current: 1, head: 3)." + upChoices,
                () -> migrator.upgrade("+5"));
        invalid(db, "Invalid upgrade target '-1': -N moves backwards. Use downgrade -1." + upChoices,
                () -> migrator.upgrade("-1"));
        invalid(db, "Invalid upgrade target 'base': it is older than the current revision 1. Use downgrade base to "
                + "go back." + upChoices, () -> migrator.upgrade("base"));

        migrator.upgrade("2");
        invalid(db, "Invalid upgrade target '1': it is older than the current revision 2. Use downgrade 1 to go "
                + "back. Valid upgrade targets from 2: head, +1, or a pending revision (3).",
                () -> migrator.upgrade("1"));
        String downChoices = " Valid downgrade targets from 2: base, -1 to -2, or an applied revision (1, 2).";
        invalid(db, "Invalid downgrade target '-3': only 2 revisions are applied (current: 2)." + downChoices,
                () -> migrator.downgrade("-3"));
        invalid(db, "Invalid downgrade target '3': it is newer than the current revision 2. Use upgrade 3 to go "
                + "forward." + downChoices, () -> migrator.downgrade("3"));
        invalid(db, "Invalid downgrade target 'head': it is newer than the current revision 2. Use upgrade head to "
                + "go forward." + downChoices, () -> migrator.downgrade("head"));
        invalid(db, "Invalid downgrade target '+1': +N moves forwards. Use upgrade +1." + downChoices,
                () -> migrator.downgrade("+1"));
    }

    @Test
    void malformedOrUnknown_listsTheValidTargets(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        String upChoices = " Valid upgrade targets from base: head, +1 to +3, or a pending revision (1, 2, 3).";
        invalid(db, "Unknown upgrade target '7': no revision with that id in the chain (revisions: 1, 2, 3)."
                + upChoices, () -> migrator.upgrade("7"));
        invalid(db, "Malformed upgrade target '+x': +N needs a whole number N of at least 1." + upChoices,
                () -> migrator.upgrade("+x"));
        invalid(db, "Malformed upgrade target '+0': +N needs a whole number N of at least 1." + upChoices,
                () -> migrator.upgrade("+0"));
        invalid(db, "Malformed upgrade target '+99999999999': +N needs a whole number N of at least 1." + upChoices,
                () -> migrator.upgrade("+99999999999"));
        invalid(db, "No upgrade target given." + upChoices, () -> migrator.upgrade(" "));
        invalid(db, "Malformed downgrade target '-': -N needs a whole number N of at least 1. Nothing is applied: the "
                + "database is at base, so base is the only downgrade target (a no-op).",
                () -> migrator.downgrade("-"));
        migrator.upgrade();
        invalid(db, "Invalid upgrade target '+1': only 0 revisions are pending (current: 3, head: 3). Nothing is "
                + "pending: the database is at head (3), so head and 3 are the only upgrade targets (no-ops).",
                () -> migrator.upgrade("+1"));
    }

    @Test
    void offlineStartingPoint_mustBeARevisionOfTheChain() {
        ViewMigrator offline = ViewMigrator.builder().catalog(Chains.THREE).build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> offline.upgradeSql("9", "head"));
        assertEquals(ErrorCode.INVALID_TARGET, e.code());
        assertEquals("Invalid starting revision '9' for the SQL script: no such revision in the chain. Use base, "
                + "head or one of: 1, 2, 3.", e.getMessage());
        ViewMigrateException backwards = assertThrows(ViewMigrateException.class,
                () -> offline.upgradeSql("2", "1"));
        assertEquals(ErrorCode.INVALID_TARGET, backwards.code());
        ViewMigrateException tooFar = assertThrows(ViewMigrateException.class,
                () -> offline.downgradeSql("1", "-2"));
        assertEquals("Invalid downgrade target '-2': only 1 revision is applied (current: 1). Valid downgrade "
                + "targets from 1: base, -1, or an applied revision (1).", tooFar.getMessage());
    }
}
