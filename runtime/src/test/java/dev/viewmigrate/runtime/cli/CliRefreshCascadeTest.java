package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ReportingChain;
import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code refresh --cascade --concurrently-where-possible} through the command line: progress lines, then the table. */
@ExtendWith(PostgresExtension.class)
class CliRefreshCascadeTest {
    private static final String TIME = "\\d+(\\.\\d)? m?s";

    @Test
    void cascadeWherePossible_printsEachViewHowAndWhy(TestDatabase db) throws Exception {
        Result upgrade = CliRunner.runOn(db, ReportingChain.CHAIN, "upgrade");
        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        try (Connection connection = db.connect()) {
            ReportingChain.insertOrders(connection);
        }

        Result result = CliRunner.runOn(db, ReportingChain.CHAIN, "refresh", "--cascade",
                "--concurrently-where-possible", "z_totals");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(6, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("Refreshing materialized view reporting\\.z_totals concurrently \\.\\.\\. "
                + TIME), result::toString);
        assertTrue(lines.get(1).matches("Refreshing materialized view a_ranks \\.\\.\\. " + TIME), result::toString);
        assertTrue(lines.get(2).matches("Refreshed 2 materialized views in " + TIME
                + " \\(database at revision 2\\)\\."), result::toString);
        assertTrue(lines.get(3).matches("VIEW +REFRESHED +WHY +TIME"), result::toString);
        assertTrue(lines.get(4).matches("reporting\\.z_totals +concurrently +named +" + TIME), result::toString);
        assertTrue(lines.get(5).matches("a_ranks +blocking readers +reads a view named; not concurrently: it has no"
                + " unique index +" + TIME), result::toString);
    }
}
