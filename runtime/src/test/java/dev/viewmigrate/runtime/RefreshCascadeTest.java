package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.RefreshResult.RefreshedView;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code refresh} with cascade (the managed materialized views reading the views named, directly or through plain
 * views, in dependency order) and {@code CONCURRENTLY} where possible (a plain refresh, with the reason, for a view
 * never populated or without a usable unique index), on {@link ReportingChain}.
 */
@ExtendWith(PostgresExtension.class)
class RefreshCascadeTest {
    private static ViewMigrator upgraded(TestDatabase db) throws SQLException {
        ViewMigrator migrator = ReportingChain.migrator(db.dataSource(), ReportingChain.CHAIN);
        migrator.upgrade();
        try (Connection connection = db.connect()) {
            ReportingChain.insertOrders(connection);
        }
        return migrator;
    }

    private static List<String> names(RefreshResult result) {
        return result.refreshed().stream().map(RefreshedView::view).toList();
    }

    private static long count(TestDatabase db, String query) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void cascade_refreshesTheViewThenWhatReadsIt_throughAPlainView(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);

        RefreshResult result = migrator.refresh(RefreshOptions.only("reporting.z_totals").cascade(true));

        assertEquals(List.of("reporting.z_totals", "a_ranks"), names(result));
        assertEquals(List.of(false, true), result.refreshed().stream().map(RefreshedView::cascaded).toList());
        assertEquals(1, count(db, "SELECT count(*) FROM a_ranks"), "a_ranks sees the refreshed totals");
        assertEquals(0, count(db, "SELECT count(*) FROM pg_matviews WHERE matviewname = 'lazy_counts'"
                + " AND ispopulated"), "lazy_counts reads neither, so it is left alone");
    }

    @Test
    void withoutCascade_onlyTheViewNamedIsRefreshed(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);

        assertEquals(List.of("reporting.z_totals"), names(migrator.refresh(RefreshOptions.only("reporting.z_totals"))));
        assertEquals(0, count(db, "SELECT count(*) FROM a_ranks"));
    }

    @Test
    void cascadeFromAPlainView_refreshesTheMaterializedViewsReadingIt(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);
        migrator.refresh(RefreshOptions.only("reporting.z_totals"));

        RefreshResult result = migrator.refresh(RefreshOptions.only("big_spenders").cascade(true));

        assertEquals(List.of("a_ranks"), names(result));
        assertEquals(1, count(db, "SELECT count(*) FROM a_ranks"));
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator.refresh(RefreshOptions.only("big_spenders")));
        assertTrue(e.getMessage().contains("with cascade, the materialized views that read it are"), e.getMessage());
    }

    @Test
    void concurrentlyWherePossible_fallsBackPerViewAndSaysWhy(TestDatabase db) throws Exception {
        ViewMigrator migrator = upgraded(db);

        RefreshResult result = migrator.refresh(RefreshOptions.all().concurrentlyWherePossible());

        assertEquals(List.of("lazy_counts", "reporting.z_totals", "a_ranks"), names(result));
        assertEquals(List.of(false, true, false),
                result.refreshed().stream().map(RefreshedView::concurrently).toList());
        assertEquals(List.of(Optional.of("it was never populated (created WITH NO DATA)"), Optional.empty(),
                Optional.of("it has no unique index")),
                result.refreshed().stream().map(RefreshedView::fallback).toList());

        // Populated now: lazy_counts goes concurrently the second time.
        RefreshResult again = migrator.refresh(RefreshOptions.only("lazy_counts").concurrentlyWherePossible());
        assertEquals(List.of(true), again.refreshed().stream().map(RefreshedView::concurrently).toList());
    }

    @Test
    void strictConcurrentlyWithCascade_refusesNamingTheCascadedView_andRefreshesNothing(TestDatabase db)
            throws Exception {
        ViewMigrator migrator = upgraded(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.refresh(
                RefreshOptions.only("reporting.z_totals").cascade(true).concurrently(true)));

        assertTrue(e.getMessage().contains("a_ranks has no unique index"), e.getMessage());
        assertEquals(0, count(db, "SELECT count(*) FROM reporting.z_totals"), "nothing was refreshed");
    }
}
