package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.RefreshResult.RefreshedView;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RefreshTest {
    private static ViewMigrator upgraded(TestDatabase db) throws SQLException {
        ViewMigrator migrator = ReportingChain.migrator(db.dataSource(), ReportingChain.CHAIN);
        migrator.upgrade();
        try (Connection connection = db.connect()) {
            ReportingChain.insertOrders(connection);
        }
        return migrator;
    }

    @Test
    void refreshAll_refreshesEachViewAfterTheViewsItReads_evenThroughAPlainView(TestDatabase db) throws Exception {
        List<String> events = new ArrayList<>();
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(ReportingChain.CHAIN)
                .listener(new MigrationListener() {
                    @Override
                    public void beforeRefresh(String view, boolean concurrently) {
                        events.add("before " + view);
                    }

                    @Override
                    public void afterRefresh(String view, boolean concurrently, Duration duration) {
                        events.add("after " + view);
                    }
                })
                .build();
        upgraded(db);

        RefreshResult result = migrator.refresh();

        // By name a_ranks would come first; it reads reporting.z_totals through big_spenders, so it comes last.
        assertEquals(List.of("lazy_counts", "reporting.z_totals", "a_ranks"), names(result));
        assertEquals(List.of("before lazy_counts", "after lazy_counts", "before reporting.z_totals",
                "after reporting.z_totals", "before a_ranks", "after a_ranks"), events);
        assertEquals(Optional.of("2"), result.revision());
        assertFalse(result.concurrently());
        // Refreshed after z_totals, a_ranks sees the new totals: only user 1 spent more than 100.
        assertEquals(List.of("1:1"), rows(db, "SELECT user_id || ':' || rank FROM a_ranks"));
        assertEquals(List.of("1:3"), rows(db, "SELECT id || ':' || orders FROM lazy_counts"));
    }

    @Test
    void refreshNamed_refreshesOnlyThose_inDependencyOrder_bareNameAccepted(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);

        RefreshResult result = migrator.refresh(RefreshOptions.only("a_ranks", "z_totals", "a_ranks"));

        assertEquals(List.of("reporting.z_totals", "a_ranks"), names(result));
        assertEquals(List.of("1:1"), rows(db, "SELECT user_id || ':' || rank FROM a_ranks"));
        assertTrue(relation(db, "public.lazy_counts").startsWith("materialized view not populated "),
                () -> relation(db, "public.lazy_counts"));
    }

    @Test
    void refreshConcurrently_withAUniqueIndex_refreshes(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);

        RefreshResult result = migrator.refresh(RefreshOptions.only("reporting.z_totals").concurrently(true));

        assertTrue(result.concurrently());
        assertEquals(List.of("reporting.z_totals"), names(result));
        assertEquals(List.of("1:500.00", "2:50.00"),
                rows(db, "SELECT user_id || ':' || total FROM reporting.z_totals ORDER BY user_id"));
    }

    @Test
    void refreshConcurrently_withoutUniqueIndexOrNeverPopulated_explainsBeforeRefreshingAnything(TestDatabase db)
            throws Exception {
        ViewMigrator migrator = upgraded(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator.refresh(RefreshOptions.all().concurrently(true)));

        assertEquals(ErrorCode.REFRESH_REFUSED, e.code());
        String message = e.getMessage();
        assertTrue(message.startsWith("Refusing to refresh CONCURRENTLY, nothing was refreshed: 2 problems:"),
                message);
        assertTrue(message.contains("\n  - a_ranks has no unique index. REFRESH ... CONCURRENTLY needs a unique index "
                + "on plain columns, without a WHERE clause. Declare one on the view's class, e.g. "
                + "@View.Index(unique = true, columns = {\"id\"})"), message);
        assertTrue(message.contains("or refresh this view without CONCURRENTLY."), message);
        assertTrue(message.contains("\n  - lazy_counts has never been populated (created WITH NO DATA), and "
                + "CONCURRENTLY only refreshes a populated view. Refresh it once without CONCURRENTLY"), message);
        assertFalse(message.contains("z_totals"), message);
        // Nothing ran: z_totals, which could have been refreshed concurrently, is still empty.
        assertEquals(List.of(), rows(db, "SELECT user_id::text FROM reporting.z_totals"));
    }

    @Test
    void uniqueIndexesPostgresCannotUse_areNamedWithTheReason_andPostgresAgrees(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);
        migrator.refresh(RefreshOptions.only("a_ranks"));
        execute(db, "CREATE UNIQUE INDEX a_ranks_partial ON a_ranks (user_id) WHERE user_id > 0",
                "CREATE UNIQUE INDEX a_ranks_expression ON a_ranks ((user_id + 0))");

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator.refresh(RefreshOptions.only("a_ranks").concurrently(true)));

        assertEquals(ErrorCode.REFRESH_REFUSED, e.code());
        assertTrue(e.getMessage().contains("a_ranks has no unique index PostgreSQL can use (a_ranks_expression "
                + "indexes an expression; a_ranks_partial has a WHERE clause)."), e::getMessage);
        // The check says what PostgreSQL says: it refuses the same statement.
        SQLException refused = assertThrows(SQLException.class,
                () -> execute(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY a_ranks"));
        assertTrue(refused.getMessage().contains("cannot refresh materialized view \"public.a_ranks\" concurrently"),
                refused::getMessage);

        execute(db, "CREATE UNIQUE INDEX a_ranks_user ON a_ranks (user_id)");
        assertEquals(List.of("a_ranks"), names(migrator.refresh(RefreshOptions.only("a_ranks").concurrently(true))));
    }

    @Test
    void neverPopulatedView_refreshesPlainOnce_thenConcurrently(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);
        RefreshOptions concurrently = RefreshOptions.only("lazy_counts").concurrently(true);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.refresh(concurrently));
        assertEquals("Refusing to refresh CONCURRENTLY, nothing was refreshed: lazy_counts has never been populated "
                + "(created WITH NO DATA), and CONCURRENTLY only refreshes a populated view. Refresh it once without "
                + "CONCURRENTLY (readers are blocked while it runs); later refreshes can be concurrent.",
                e.getMessage());

        migrator.refresh(RefreshOptions.only("lazy_counts"));
        execute(db, "INSERT INTO orders (id, user_id, amount) VALUES (4, 2, 1)");
        migrator.refresh(concurrently);

        assertEquals(List.of("1:4"), rows(db, "SELECT id || ':' || orders FROM lazy_counts"));
    }

    @Test
    void namesAsPsqlShowsThem_qualifiedWithTheLiveSchemaOrQuoted_areAccepted(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);

        // a_ranks is unqualified in the revisions and lives in public; z_totals is reporting.z_totals.
        RefreshResult result = migrator.refresh(RefreshOptions.only("public.a_ranks", "\"reporting\".\"z_totals\""));

        assertEquals(List.of("reporting.z_totals", "a_ranks"), names(result));
        assertEquals(List.of("1:1"), rows(db, "SELECT user_id || ':' || rank FROM a_ranks"));
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator.refresh(RefreshOptions.only("reporting.a_ranks")));
        assertEquals(ErrorCode.UNKNOWN_VIEW, e.code());
    }

    @Test
    void quotedMixedCaseNamesInSeveralSchemas_refreshInOrder_byEitherSpelling(TestDatabase db) throws Exception {
        FrozenView daily = ViewMigration.materialized("Sales Data.Daily Totals",
                "SELECT \"Day\", sum(\"Amount\") AS \"Total\" FROM \"Sales Data\".\"Orders\" GROUP BY \"Day\"",
                ViewMigration.unique("Daily Totals by day", "\"Day\""));
        FrozenView big = ViewMigration.view("Big Days",
                "SELECT \"Day\", \"Total\" FROM \"Sales Data\".\"Daily Totals\" WHERE \"Total\" > 10");
        FrozenView monthly = ViewMigration.materialized("Reports.Monthly",
                "SELECT date_trunc('month', \"Day\") AS month, count(*) AS big_days FROM \"Big Days\" GROUP BY 1",
                ViewMigration.unique("Monthly_month", "month"));
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(
                ViewMigration.creating("1", "quoted names", List.of(
                        "CREATE SCHEMA \"Sales Data\"", "CREATE SCHEMA \"Reports\"",
                        "CREATE TABLE \"Sales Data\".\"Orders\" (id int PRIMARY KEY, \"Day\" date, \"Amount\" numeric)"),
                        daily, big, monthly))).build();
        migrator.upgrade();
        execute(db, "INSERT INTO \"Sales Data\".\"Orders\" VALUES (1, '2026-01-01', 20), (2, '2026-01-02', 5)");

        assertEquals(List.of("Sales Data.Daily Totals", "Reports.Monthly"), names(migrator.refresh()));
        assertEquals(List.of("1"), rows(db, "SELECT big_days::text FROM \"Reports\".\"Monthly\""));
        assertEquals(List.of("Sales Data.Daily Totals", "Reports.Monthly"),
                names(migrator.refresh(RefreshOptions.all().concurrently(true))));
        assertEquals(List.of("Sales Data.Daily Totals", "Reports.Monthly"), names(migrator.refresh(RefreshOptions.only(
                "\"Reports\".\"Monthly\"", "Sales Data.Daily Totals"))));
        assertEquals(List.of("Sales Data.Daily Totals"), names(migrator.refresh(RefreshOptions.only("Daily Totals"))));
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());
    }

    @Test
    void unknownOrPlainViewName_listsTheManagedMaterializedViews(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator.refresh(RefreshOptions.only("a_ranks", "no_such_view", "user_orders")));

        assertEquals(ErrorCode.UNKNOWN_VIEW, e.code());
        assertEquals("Cannot refresh 'no_such_view', 'user_orders' (a plain view: only materialized views are "
                + "refreshed; with cascade, the materialized views that read it are): not materialized views managed by the applied revisions (the database is at revision "
                + "2); nothing was refreshed. The managed materialized views are: a_ranks, lazy_counts, "
                + "reporting.z_totals. Name some of them, or none to refresh them all.", e.getMessage());
        assertEquals(List.of(), rows(db, "SELECT user_id::text FROM a_ranks"));
    }

    @Test
    void materializedViewDroppedByHand_isRefusedBeforeAnythingRuns(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);
        execute(db, "DROP MATERIALIZED VIEW a_ranks");

        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::refresh);

        assertEquals(ErrorCode.REFRESH_REFUSED, e.code());
        assertTrue(e.getMessage().contains("materialized view a_ranks (from revision 2 (create reporting views)) does "
                + "not exist in the database"), e::getMessage);
        assertTrue(e.getMessage().contains("run 'verify'"), e::getMessage);
        assertEquals(List.of(), rows(db, "SELECT user_id::text FROM reporting.z_totals"));
    }

    @Test
    void failingRefresh_namesTheView_andWhatWasAlreadyRefreshed(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);
        // Both users now have 2 orders, a duplicate in z_totals' unique index: its refresh fails after lazy_counts
        // (earlier by name) went through.
        execute(db, "INSERT INTO orders (id, user_id, amount) VALUES (4, 2, 1)", "DROP INDEX reporting.z_totals_user",
                "CREATE UNIQUE INDEX z_totals_user ON reporting.z_totals (orders)");

        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::refresh);

        assertEquals(ErrorCode.REFRESH_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("Refreshing materialized view reporting.z_totals failed: could not "
                + "create unique index \"z_totals_user\" (SQLState 23505)."), e::getMessage);
        assertTrue(e.getMessage().contains("Already refreshed and committed: lazy_counts. Not refreshed: a_ranks."),
                e::getMessage);
        assertTrue(relation(db, "public.lazy_counts").startsWith("materialized view populated "),
                () -> relation(db, "public.lazy_counts"));
    }

    @Test
    void atBase_orWithoutMaterializedViews_refreshesNothing(TestDatabase db) {
        ViewMigrator migrator = ReportingChain.migrator(db.dataSource(), ReportingChain.CHAIN);

        RefreshResult atBase = migrator.refresh();
        assertEquals(List.of(), atBase.refreshed());
        assertEquals(Optional.empty(), atBase.revision());

        migrator.upgrade("+1");
        assertEquals(List.of(), migrator.refresh().refreshed());
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator.refresh(RefreshOptions.only("a_ranks")));
        assertTrue(e.getMessage().endsWith("The applied revisions manage no materialized view (the database is at "
                + "revision 1), so there is nothing to refresh."), e::getMessage);
    }

    @Test
    void editedAppliedRevision_isRefusedLikeAnUpgrade(TestDatabase db) throws Exception {
        upgraded(db);
        ViewMigration edited = new ViewMigration("2", "create reporting views", List.of("SELECT 1"),
                ReportingChain.VIEWS.down(), ReportingChain.VIEWS.viewsAfter(), List.of());
        ViewMigrator migrator = ReportingChain.migrator(db.dataSource(),
                () -> List.of(ReportingChain.TABLES, edited));

        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::refresh);

        assertEquals(ErrorCode.CHECKSUM_MISMATCH, e.code());
        assertTrue(e.getMessage().startsWith("Refusing to refresh, nothing was refreshed: Revision 2 "), e::getMessage);
    }

    private static List<String> names(RefreshResult result) {
        return result.refreshed().stream().map(RefreshedView::view).toList();
    }

    /** What the catalog snapshot says about relation {@code schema.name}: kind, populated or not, owner, ... */
    private static String relation(TestDatabase db, String qualifiedName) {
        try {
            return CatalogSnapshot.capture(db).find(CatalogSnapshot.Kind.RELATION, qualifiedName, "")
                    .map(CatalogSnapshot.Entry::detail).orElse("(absent)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> rows(TestDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
