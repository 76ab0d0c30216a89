package dev.viewmigrate.runtime;

import static dev.viewmigrate.runtime.RefreshTest.execute;
import static dev.viewmigrate.runtime.RefreshTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.VerifyReport.Finding;
import dev.viewmigrate.runtime.VerifyReport.Kind;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class VerifyTest {
    private static ViewMigrator upgraded(TestDatabase db, MigrationCatalog catalog) {
        ViewMigrator migrator = ReportingChain.migrator(db.dataSource(), catalog);
        migrator.upgrade();
        return migrator;
    }

    /** Verifies, checking that the database (schemas, relations, definitions, indexes, grants...) is unchanged. */
    private static VerifyReport verify(TestDatabase db, ViewMigrator migrator) throws Exception {
        CatalogSnapshot before = CatalogSnapshot.capture(db);
        VerifyReport report = migrator.verify();
        before.assertSameAs(CatalogSnapshot.capture(db), "verify changed the database");
        return report;
    }

    private static List<Kind> kinds(VerifyReport report) {
        return report.findings().stream().map(Finding::kind).toList();
    }

    @Test
    void untouchedDatabase_isClean_althoughPostgresRewroteTheSql(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db, ReportingChain.CHAIN);
        // Not a comparison of texts: PostgreSQL prints the view quite differently from the frozen SQL.
        String stored = rows(db, "SELECT pg_get_viewdef('user_orders'::regclass, true)").get(0);
        assertTrue(stored.contains("count(o.id)::integer AS order_count"), stored);
        assertTrue(stored.contains("LEFT JOIN orders o ON o.user_id = u.id"), stored);
        assertNotEquals(ReportingChain.USER_ORDERS.sql().strip(), stored.strip());

        VerifyReport report = verify(db, migrator);

        assertTrue(report.clean(), report::toString);
        assertEquals(5, report.viewsChecked());
        assertEquals(Optional.of("2"), report.revision());
    }

    @Test
    void viewChangedByHand_isReportedWithAUnifiedDiff(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db, ReportingChain.CHAIN);
        execute(db, "CREATE OR REPLACE VIEW user_orders AS " + ReportingChain.USER_ORDERS.sql()
                .replace("where u.active = TRUE", "where u.active = TRUE AND u.name <> 'test'"));

        VerifyReport report = verify(db, migrator);

        assertEquals(List.of(Kind.DEFINITION_CHANGED), kinds(report), report::toString);
        Finding finding = report.findings().get(0);
        assertEquals(Optional.of("user_orders"), finding.view());
        assertTrue(finding.message().startsWith("The definition of view user_orders differs from the one revision 2 "
                + "(create reporting views) froze"), finding::message);
        String diff = finding.diff().orElseThrow();
        assertTrue(diff.startsWith("--- user_orders (revision 2 (create reporting views))\n"
                + "+++ user_orders (database)\n@@ "), diff);
        assertTrue(diff.contains("\n-  WHERE u.active = true\n"), diff);
        assertTrue(diff.contains("\n+  WHERE u.active = true AND u.name <> 'test'::text\n"), diff);
        assertTrue(diff.contains("\n    FROM users u\n"), "context lines are kept:\n" + diff);
    }

    @Test
    void materializedViewIndexes_missingChangedOrUndeclared_areReported(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db, ReportingChain.CHAIN);
        execute(db, "DROP INDEX lazy_counts_id",
                "DROP INDEX reporting.z_totals_user", "CREATE INDEX z_totals_user ON reporting.z_totals (user_id)",
                "DROP INDEX a_ranks_rank", "CREATE INDEX a_ranks_rank ON a_ranks (rank DESC)",
                "CREATE INDEX a_ranks_by_hand ON a_ranks (user_id)");

        VerifyReport report = verify(db, migrator);

        assertEquals(List.of(Kind.CHANGED_INDEX, Kind.EXTRA_INDEX, Kind.MISSING_INDEX, Kind.CHANGED_INDEX),
                kinds(report), report::toString);
        List<Finding> findings = report.findings();
        assertEquals("Index a_ranks_rank on materialized view a_ranks differs from its declaration in revision 2 "
                + "(create reporting views): it is 'btree (rank DESC)' where the declaration gives 'btree (rank)'. "
                + "Database: CREATE INDEX a_ranks_rank ON public.a_ranks USING btree (rank DESC). Declared: CREATE "
                + "INDEX a_ranks_rank ON public.a_ranks (rank). Drop it and create it as declared.",
                findings.get(0).message());
        assertTrue(findings.get(1).message().startsWith("Index a_ranks_by_hand on materialized view a_ranks is not "
                + "declared by the revisions (CREATE INDEX a_ranks_by_hand ON public.a_ranks USING btree (user_id))."),
                findings.get(1)::message);
        assertEquals("Index lazy_counts_id declared on materialized view lazy_counts (revision 2 (create reporting "
                + "views)) does not exist; without it, refresh --concurrently is refused. Recreate it: CREATE UNIQUE "
                + "INDEX lazy_counts_id ON public.lazy_counts (id);", findings.get(2).message());
        assertEquals(Optional.of("reporting.z_totals"), findings.get(3).view());
        assertTrue(findings.get(3).message().contains(": it is not unique."), findings.get(3)::message);
    }

    @Test
    void viewsMissingOrOfTheWrongKind_areReported(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db, ReportingChain.CHAIN);
        execute(db, "DROP MATERIALIZED VIEW a_ranks",
                "DROP MATERIALIZED VIEW lazy_counts",
                "CREATE VIEW lazy_counts AS " + ReportingChain.LAZY_COUNTS.sql());

        VerifyReport report = verify(db, migrator);

        assertEquals(List.of(Kind.MISSING_VIEW, Kind.WRONG_KIND), kinds(report), report::toString);
        assertEquals("Materialized view a_ranks does not exist, but revision 2 (create reporting views) defines it. "
                + "It was dropped outside viewmigrate. Recreate it with its frozen SQL (the CREATE statements of that "
                + "revision's generated migration, indexes included), or restore it from a backup.",
                report.findings().get(0).message());
        assertEquals("lazy_counts should be a materialized view (revision 2 (create reporting views)) but is a plain "
                + "view in the database. Drop it and recreate it with the frozen SQL of that revision.",
                report.findings().get(1).message());
    }

    @Test
    void viewsTheRevisionsRemoveOrWillCreate_areReportedWhenPresent(TestDatabase db) throws Exception {
        FrozenView later = ViewMigration.view("later_view", "SELECT id FROM users");
        MigrationCatalog catalog = () -> List.of(ReportingChain.TABLES, ReportingChain.VIEWS,
                ViewMigration.removing("3", ReportingChain.USER_ORDERS),
                ViewMigration.creating("4", "create later_view", List.of(), later));
        ViewMigrator migrator = ReportingChain.migrator(db.dataSource(), catalog);
        migrator.upgrade("3");
        assertTrue(verify(db, migrator).clean());
        execute(db, "CREATE VIEW user_orders AS SELECT 1 AS id", "CREATE TABLE later_view (id integer)",
                "CREATE VIEW unrelated AS SELECT 1 AS id");

        VerifyReport report = verify(db, migrator);

        assertEquals(List.of(Kind.UNEXPECTED_VIEW, Kind.UNEXPECTED_VIEW), kinds(report), report::toString);
        assertEquals("public.later_view is a table that the applied revisions do not define: not created yet: pending "
                + "revision 4 (create later_view) creates it, and upgrade will fail while a relation of that name "
                + "exists. Drop or rename it before upgrading (or remove the view from the code).",
                report.findings().get(0).message());
        assertEquals("public.user_orders is a plain view that the applied revisions do not define: removed by revision "
                + "3 (drop view user_orders). It was recreated by hand, or its drop was undone: drop it, or declare "
                + "it again with @View so that a revision manages it.", report.findings().get(1).message());
        assertEquals(4, report.viewsChecked());
    }

    @Test
    void frozenSqlThatNoLongerCompiles_isReported(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db, ReportingChain.CHAIN);
        // PostgreSQL follows the rename inside the view, but the frozen SQL still says "name".
        execute(db, "ALTER TABLE users RENAME COLUMN name TO full_name");

        VerifyReport report = verify(db, migrator);

        assertEquals(List.of(Kind.DEFINITION_FAILS), kinds(report), report::toString);
        assertTrue(report.findings().get(0).message().startsWith("The frozen definition of view user_orders (revision "
                + "2 (create reporting views)) can no longer be created in this database: PostgreSQL: column "
                + "u.name does not exist (SQLState 42703)."), report.findings().get(0)::message);
    }

    @Test
    void checksumMismatch_isReported_andViewsAreStillCompared(TestDatabase db) throws Exception {
        upgraded(db, ReportingChain.CHAIN);
        execute(db, "DROP VIEW big_spenders CASCADE");
        ViewMigration edited = new ViewMigration("2", "create reporting views", List.of("SELECT 1"),
                ReportingChain.VIEWS.down(), ReportingChain.VIEWS.viewsAfter(), List.of());
        ViewMigrator migrator = ReportingChain.migrator(db.dataSource(), () -> List.of(ReportingChain.TABLES, edited));

        VerifyReport report = verify(db, migrator);

        assertEquals(List.of(Kind.CHECKSUM_MISMATCH, Kind.MISSING_VIEW, Kind.MISSING_VIEW), kinds(report),
                report::toString);
        assertEquals(Optional.empty(), report.findings().get(0).view());
        assertTrue(report.findings().get(0).message().startsWith("Revision 2 (create reporting views): applied to "
                + "database with checksum "), report.findings().get(0)::message);
        assertEquals(List.of(Optional.of("a_ranks"), Optional.of("big_spenders")),
                report.findings().subList(1, 3).stream().map(Finding::view).toList());
    }

    @Test
    void unknownAppliedRevision_isReported_withoutComparingViews(TestDatabase db) throws Exception {
        upgraded(db, ReportingChain.CHAIN);
        ViewMigrator older = ReportingChain.migrator(db.dataSource(), () -> List.of(ReportingChain.TABLES));

        VerifyReport report = verify(db, older);

        assertEquals(List.of(Kind.UNKNOWN_REVISION), kinds(report), report::toString);
        assertEquals(0, report.viewsChecked());
        assertFalse(report.clean());
    }

    @Test
    void afterAChange_comparesWithTheNewestDefinition(TestDatabase db) throws Exception {
        FrozenView changed = ViewMigration.view("big_spenders",
                "SELECT user_id, total, orders FROM reporting.z_totals WHERE total > 1000");
        ViewMigration change = new ViewMigration("3", "change big_spenders",
                List.of("CREATE OR REPLACE VIEW big_spenders AS\n" + changed.sql()),
                List.of("SELECT 1"), List.of(changed), List.of());
        ViewMigrator migrator = upgraded(db, () -> List.of(ReportingChain.TABLES, ReportingChain.VIEWS, change));

        assertTrue(verify(db, migrator).clean());

        execute(db, "CREATE OR REPLACE VIEW big_spenders AS " + changed.sql().replace("1000", "100"));
        VerifyReport report = verify(db, migrator);
        assertEquals(List.of(Kind.DEFINITION_CHANGED), kinds(report), report::toString);
        String diff = report.findings().get(0).diff().orElseThrow();
        // PostgreSQL 15 prints the column as z_totals.total, 16 and later as total.
        assertTrue(diff.matches("(?s).*\n-  WHERE (z_totals\\.)?total > 1000::numeric;\n"
                + "\\+  WHERE (z_totals\\.)?total > 100::numeric;\n.*"), diff);
    }

    @Test
    void pooledConnection_isGivenBackWithoutTheScratchViews_soVerifyingAgainIsCleanToo(TestDatabase db)
            throws Exception {
        upgraded(db, ReportingChain.CHAIN);
        // A pool keeps the session: temporary views left in it would outlive verify (and clash with the next one).
        try (PooledConnection pool = new PooledConnection(db)) {
            ViewMigrator pooled = ReportingChain.migrator(pool, ReportingChain.CHAIN);
            for (int run = 1; run <= 2; run++) {
                VerifyReport report = pooled.verify();
                assertTrue(report.clean(), "run " + run + ": " + report);
                assertEquals(5, report.viewsChecked());
                try (var c = pool.getConnection(); var s = c.createStatement(); var r = s.executeQuery(
                        "SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()")) {
                    r.next();
                    assertEquals(0, r.getInt(1), "temporary relations left in the pooled session after run " + run);
                }
            }
        }
    }

    @Test
    void atBase_isClean(TestDatabase db) throws Exception {
        VerifyReport report = verify(db, ReportingChain.migrator(db.dataSource(), ReportingChain.CHAIN));

        assertTrue(report.clean(), report::toString);
        assertEquals(Optional.empty(), report.revision());
        assertEquals(0, report.viewsChecked());
    }
}
