package dev.viewmigrate.runtime;

import static dev.viewmigrate.runtime.RefreshTest.execute;
import static dev.viewmigrate.runtime.RefreshTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class StampTest {
    /** A revision after the views that touches no view: stamping below it changes no expected view. */
    private static final SqlMigration AUDIT = SqlMigration.of("3", "create table audit",
            "CREATE TABLE audit (id integer)", "DROP TABLE audit");
    private static final MigrationCatalog THREE = () -> List.of(ReportingChain.TABLES, ReportingChain.VIEWS, AUDIT);

    /** What a DBA did by hand before viewmigrate: the same tables and views, no history table. */
    private static void buildByHand(TestDatabase db) throws Exception {
        List<String> statements = new ArrayList<>(ReportingChain.TABLES.up());
        statements.addAll(ReportingChain.VIEWS.up());
        execute(db, statements.toArray(String[]::new));
    }

    private static ViewMigrator migrator(TestDatabase db, MigrationCatalog catalog) {
        return ReportingChain.migrator(db.dataSource(), catalog);
    }

    @Test
    void databaseBuiltByHand_stampHead_recordsEveryRevision_runsNothing_andVerifiesClean(TestDatabase db)
            throws Exception {
        buildByHand(db);
        CatalogSnapshot before = CatalogSnapshot.capture(db);
        ViewMigrator migrator = migrator(db, ReportingChain.CHAIN);

        StampResult result = migrator.stamp("head", false);

        assertEquals(new StampResult(Optional.empty(), Optional.of("2"), List.of("1", "2"), List.of(), true), result);
        // The same rows an upgrade writes, except that nothing ran (execution_ms 0).
        assertEquals(List.of("1|create tables|" + ReportingChain.TABLES.checksum() + "|0",
                "2|create reporting views|" + ReportingChain.VIEWS.checksum() + "|0"),
                rows(db, "SELECT rank || '|' || description || '|' || checksum || '|' || execution_ms "
                        + "FROM viewmigrate_history ORDER BY rank"));
        // Only the history table is new: no view was dropped, recreated or refreshed.
        execute(db, "DROP TABLE viewmigrate_history");
        before.assertSameAs(CatalogSnapshot.capture(db), "stamp changed something besides the history");
        migrator.stamp("head", false);
        assertTrue(migrator.verify().clean());
        assertTrue(migrator.upgrade().executed().isEmpty(), "upgrade head has nothing left to do");
    }

    @Test
    void viewThatDiffers_isRefusedWithVerifysFindings_andNothingIsRecorded(TestDatabase db) throws Exception {
        buildByHand(db);
        execute(db, "CREATE OR REPLACE VIEW user_orders AS " + ReportingChain.USER_ORDERS.sql()
                .replace("where u.active = TRUE", "where u.active = TRUE AND u.name <> 'test'"),
                "DROP INDEX lazy_counts_id");
        ViewMigrator migrator = migrator(db, ReportingChain.CHAIN);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.stamp("head", false));

        assertEquals(ErrorCode.STAMP_REFUSED, e.code());
        assertTrue(e.getMessage().startsWith("Refusing to stamp revision 2 (create reporting views), nothing was "
                + "recorded: the live views differ from what the revisions up to it froze (2 findings"),
                e::getMessage);
        assertTrue(e.getMessage().contains("\n  - definition changed: The definition of view user_orders differs"),
                e::getMessage);
        assertTrue(e.getMessage().contains("+  WHERE u.active = true AND u.name <> 'test'::text"), e::getMessage);
        assertTrue(e.getMessage().contains("\n  - missing index: Index lazy_counts_id"), e::getMessage);
        assertEquals(List.of(), rows(db, "SELECT to_regclass('viewmigrate_history')::text WHERE "
                + "to_regclass('viewmigrate_history') IS NOT NULL"), "no history table was created");
    }

    @Test
    void force_recordsWithoutComparing(TestDatabase db) throws Exception {
        buildByHand(db);
        execute(db, "DROP VIEW big_spenders CASCADE");
        ViewMigrator migrator = migrator(db, ReportingChain.CHAIN);
        assertEquals(ErrorCode.STAMP_REFUSED,
                assertThrows(ViewMigrateException.class, () -> migrator.stamp("2", false)).code());

        StampResult result = migrator.stamp("2", true);

        assertFalse(result.checked());
        assertEquals(List.of("1", "2"), result.recorded());
        assertEquals(List.of("1", "2"), rows(db, "SELECT revision FROM viewmigrate_history ORDER BY rank"));
        assertFalse(migrator.verify().clean(), "verify still sees what --force did not check");
    }

    @Test
    void stampBase_emptiesTheHistory_andLeavesTheViews(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, ReportingChain.CHAIN);
        migrator.upgrade();
        List<String> views = rows(db, "SELECT relname FROM pg_class WHERE relkind IN ('v', 'm') ORDER BY 1");

        // Checked against base: every view the chain creates now counts as unexpected.
        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.stamp("base", false));
        assertEquals(ErrorCode.STAMP_REFUSED, e.code());
        assertTrue(e.getMessage().contains("unexpected view: "), e::getMessage);

        StampResult result = migrator.stamp("base", true);

        assertEquals(new StampResult(Optional.of("2"), Optional.empty(), List.of(), List.of("1", "2"), false),
                result);
        assertEquals(List.of(), rows(db, "SELECT revision FROM viewmigrate_history"));
        assertEquals(views, rows(db, "SELECT relname FROM pg_class WHERE relkind IN ('v', 'm') ORDER BY 1"));
    }

    @Test
    void newerHistory_stampDown_removesTheNewerRows_andKeepsTheOthersAsTheyWere(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, THREE);
        migrator.upgrade();
        List<String> before = HistoryRows.of(db);
        String appliedAt = rows(db, "SELECT applied_at::text FROM viewmigrate_history WHERE rank = 1").get(0);

        StampResult result = migrator.stamp("2", false);

        assertEquals(new StampResult(Optional.of("3"), Optional.of("2"), List.of(), List.of("3"), true), result);
        assertEquals(before.subList(0, 2), HistoryRows.of(db));
        assertEquals(List.of(appliedAt), rows(db, "SELECT applied_at::text FROM viewmigrate_history WHERE rank = 1"));
        assertEquals(Optional.of("2"), migrator.current().map(AppliedRevision::revision));
        // The table audit still exists: stamp never runs a downgrade.
        assertEquals(List.of("audit"), rows(db, "SELECT relname FROM pg_class WHERE relname = 'audit'"));
    }

    @Test
    void stampBelowAViewRevision_isRefused_becauseItsViewsExist(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, THREE);
        migrator.upgrade();

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.stamp("1", false));

        assertTrue(e.getMessage().contains("pending revision 2 (create reporting views) creates it"), e::getMessage);
        assertEquals(List.of("1", "2", "3"), rows(db, "SELECT revision FROM viewmigrate_history ORDER BY rank"));
    }

    @Test
    void historyTheChainDoesNotHave_isReplaced(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, ReportingChain.CHAIN);
        migrator.upgrade();
        execute(db, "UPDATE viewmigrate_history SET checksum = checksum + 1 WHERE rank = 2",
                "INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms) "
                        + "VALUES (3, 'other-branch', 'from another branch', 7, 1)");
        assertEquals(ErrorCode.UNKNOWN_APPLIED_REVISION,
                assertThrows(ViewMigrateException.class, migrator::upgrade).code());

        StampResult result = migrator.stamp("head", false);

        assertEquals(List.of("2"), result.recorded());
        assertEquals(List.of("2", "other-branch"), result.removed());
        assertTrue(migrator.status().problems().isEmpty(), () -> migrator.status().problems().toString());
        assertTrue(migrator.stamp("head", false).unchanged(), "a second stamp writes nothing");
    }

    @Test
    void unknownTarget_isAUsageError_listingTheRevisions(TestDatabase db) {
        ViewMigrator migrator = migrator(db, ReportingChain.CHAIN);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.stamp("7", true));

        assertEquals(ErrorCode.INVALID_TARGET, e.code());
        assertEquals("Unknown stamp target '7': no revision with that id in the chain. Stamp takes head, base or a "
                + "revision id (revisions: 1, 2).", e.getMessage());
    }

    @Test
    void offlineScript_recordsTheSameRows_onAHandBuiltDatabase(TestDatabase db) throws Exception {
        buildByHand(db);
        ViewMigrator offline = ViewMigrator.builder().catalog(ReportingChain.CHAIN).build();
        String script = offline.stampSql("head");
        assertTrue(script.startsWith("-- viewmigrate stamp script: record revision 2 as the current revision, "
                + "history table viewmigrate_history.\n-- Runs no migration. Unlike the online stamp, it does not "
                + "check"), script);

        ScriptRunner.Outcome outcome = ScriptRunner.run(db, script);

        assertTrue(outcome.succeeded(), outcome::output);
        ViewMigrator online = migrator(db, ReportingChain.CHAIN);
        assertEquals(List.of("1", "2"), online.history().stream().map(AppliedRevision::revision).toList());
        assertTrue(online.verify().clean());
        // Run twice: the same history (a stamp script is idempotent).
        assertTrue(ScriptRunner.run(db, offline.stampSql("head")).succeeded());
        assertEquals(2, online.history().size());
        // Down to 1 offline: only row 2 goes.
        assertTrue(ScriptRunner.run(db, offline.stampSql("1")).succeeded());
        assertEquals(List.of("1"), online.history().stream().map(AppliedRevision::revision).toList());
    }
}
