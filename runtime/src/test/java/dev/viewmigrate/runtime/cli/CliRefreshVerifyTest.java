package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.ReportingChain;
import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** refresh, verify and status problems through the command line, against a real database. */
@ExtendWith(PostgresExtension.class)
class CliRefreshVerifyTest {
    private static final String TIME = "\\d+(\\.\\d)? m?s";
    private static final MigrationCatalog CHAIN = ReportingChain.CHAIN;

    private static void upgradeWithOrders(TestDatabase db) throws SQLException {
        Result upgrade = CliRunner.runOn(db, CHAIN, "upgrade");
        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        try (Connection connection = db.connect()) {
            ReportingChain.insertOrders(connection);
        }
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void refresh_printsOneLinePerViewInDependencyOrder(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);

        Result result = CliRunner.runOn(db, CHAIN, "refresh");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("Refreshing materialized view lazy_counts \\.\\.\\. " + TIME), result::toString);
        assertTrue(lines.get(1).matches("Refreshing materialized view reporting\\.z_totals \\.\\.\\. " + TIME),
                result::toString);
        assertTrue(lines.get(2).matches("Refreshing materialized view a_ranks \\.\\.\\. " + TIME), result::toString);
        assertTrue(lines.get(3).matches("Refreshed 3 materialized views in " + TIME + " \\(database at revision 2\\)\\."),
                result::toString);
        assertEquals("", result.err());
    }

    @Test
    void refreshConcurrently_namedView(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);

        Result result = CliRunner.runOn(db, CHAIN, "refresh", "--concurrently", "z_totals");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("Refreshing materialized view reporting\\.z_totals concurrently \\.\\.\\. "
                + TIME), result::toString);
        assertTrue(lines.get(1).matches("Refreshed 1 materialized view concurrently in " + TIME
                + " \\(database at revision 2\\)\\."), result::toString);
    }

    @Test
    void refreshConcurrently_withoutUniqueIndex_explainsAndExitsOne(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);

        Result result = CliRunner.runOn(db, CHAIN, "refresh", "--concurrently", "a_ranks");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("viewmigrate refresh failed: Refusing to refresh CONCURRENTLY, nothing was "
                + "refreshed: a_ranks has no unique index."), result::toString);
        assertTrue(result.err().contains("@View.Index(unique = true"), result::toString);
    }

    @Test
    void failingRefresh_endsItsLineWithFailed_andNamesTheView(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);
        // Both users get 2 orders: a duplicate in the unique index on z_totals.orders makes its refresh fail.
        execute(db, "INSERT INTO orders (id, user_id, amount) VALUES (4, 2, 1)");
        execute(db, "DROP INDEX reporting.z_totals_user");
        execute(db, "CREATE UNIQUE INDEX z_totals_user ON reporting.z_totals (orders)");

        Result result = CliRunner.runOn(db, CHAIN, "refresh");

        assertEquals(1, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("Refreshing materialized view lazy_counts \\.\\.\\. " + TIME), result::toString);
        assertEquals("Refreshing materialized view reporting.z_totals ... failed", lines.get(1));
        assertTrue(result.err().startsWith("viewmigrate refresh failed: Refreshing materialized view reporting.z_totals"
                + " failed: could not create unique index \"z_totals_user\" (SQLState 23505)."), result::toString);
    }

    @Test
    void refreshUnknownView_isAUsageErrorListingTheManagedOnes(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);

        Result result = CliRunner.runOn(db, CHAIN, "refresh", "daily_totals");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate refresh: Cannot refresh 'daily_totals': not a materialized view managed by the "
                + "applied revisions (the database is at revision 2); nothing was refreshed. The managed materialized "
                + "views are: a_ranks, lazy_counts, reporting.z_totals. Name some of them, or none to refresh them "
                + "all.\n", result.err());
    }

    @Test
    void refreshAtBase_saysThereIsNothingToRefresh(TestDatabase db) {
        Result result = CliRunner.runOn(db, CHAIN, "refresh");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("No managed materialized view to refresh (database at base).\n", result.out());
    }

    @Test
    void verify_cleanDatabase_exitsZero(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);

        Result result = CliRunner.runOn(db, CHAIN, "verify");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("No drift: the database matches revision 2 (5 views checked).\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void verify_drift_printsOneLinePerFindingWithTheDiff_andExitsOne(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);
        execute(db, "CREATE OR REPLACE VIEW big_spenders AS SELECT user_id, total FROM reporting.z_totals "
                + "WHERE total > 1000");
        execute(db, "DROP INDEX lazy_counts_id");

        Result result = CliRunner.runOn(db, CHAIN, "verify");

        assertEquals(1, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("definition changed: The definition of view big_spenders differs from the "
                + "one revision 2 (create reporting views) froze"), result::toString);
        assertEquals("--- big_spenders (revision 2 (create reporting views))", lines.get(1), result::toString);
        assertEquals("+++ big_spenders (database)", lines.get(2), result::toString);
        assertTrue(lines.contains("-  WHERE total > 100::numeric;"), result::toString);
        assertTrue(lines.contains("+  WHERE total > 1000::numeric;"), result::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("missing index: Index lazy_counts_id declared on "
                + "materialized view lazy_counts")), result::toString);
        assertEquals("Drift: 2 findings against revision 2 (5 views checked).", lines.get(lines.size() - 1));
        assertTrue(result.err().startsWith("viewmigrate verify failed: the database has drifted from revision 2 (2 "
                + "findings, listed above)."), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
    }

    @Test
    void status_showsTheProblemsThatStopUpgrade(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);
        execute(db, "UPDATE viewmigrate_history SET checksum = 42 WHERE revision = '2'");

        Result status = CliRunner.runOn(db, CHAIN, "status");
        Result verify = CliRunner.runOn(db, CHAIN, "verify");

        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("\nProblems: upgrade and downgrade refuse to run until these are resolved:\n"
                + "  - Revision 2 (create reporting views): applied to database with checksum 42 / resolved locally: "),
                status::toString);
        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.out().startsWith("checksum mismatch: Revision 2 (create reporting views): applied to "
                + "database with checksum 42"), verify::toString);
    }

    @Test
    void status_withoutProblems_hasNoProblemsSection(TestDatabase db) throws SQLException {
        upgradeWithOrders(db);

        Result status = CliRunner.runOn(db, CHAIN, "status");

        assertEquals(0, status.exitCode(), status::toString);
        assertFalse(status.out().contains("Problems"), status::toString);
    }
}
