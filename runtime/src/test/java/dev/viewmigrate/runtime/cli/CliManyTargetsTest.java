package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.PostgresServer;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Verbs on many targets through the command line: progress lines, the summary table, exit codes, resuming. */
@ExtendWith(PostgresExtension.class)
class CliManyTargetsTest {
    private static final String TIME = "\\d+(\\.\\d)? m?s";
    private static final String TENANTS_QUERY =
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1";

    private static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void upgradeOnTenantsFromAQuery_continuesPastAFailure_thenResumes(TestDatabase db) throws SQLException {
        execute(db, "CREATE SCHEMA tenant_a", "CREATE SCHEMA tenant_b", "CREATE SCHEMA tenant_c",
                "CREATE TABLE tenant_b.users (id int)");

        Result failed = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "--targets-query", TENANTS_QUERY,
                "--parallel", "2", "--on-failure", "continue");

        assertEquals(1, failed.exitCode(), failed::toString);
        List<String> lines = failed.out().lines().toList();
        assertEquals(3, lines.stream().filter(line -> line.matches("\\[[1-3]/3\\] tenant_[abc]: .*")).count(),
                failed::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches("TARGET +RESULT +REVISIONS +TIME +MESSAGE")),
                failed::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches("tenant_a +ok +3 +" + TIME
                + " +upgraded from base to 3")), failed::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches("tenant_b +failed +- +" + TIME
                + " +Upgrade of revision 1 \\(create table users\\) failed.*")), failed::toString);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(
                "  tenant_b: Upgrade of revision 1 (create table users)")), failed::toString);
        assertTrue(failed.out().contains("3 targets: 2 ok, 1 failed, 0 not run ("), failed::toString);
        assertTrue(failed.err().startsWith("viewmigrate upgrade failed on 1 of 3 targets (tenant_b)."),
                failed::toString);

        execute(db, "DROP TABLE tenant_b.users");
        Result resumed = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "--targets-query", TENANTS_QUERY);

        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().lines().anyMatch(line -> line.matches("tenant_a +ok +0 +" + TIME
                + " +already at head \\(3\\)")), resumed::toString);
        assertTrue(resumed.out().lines().anyMatch(line -> line.matches("tenant_b +ok +3 +" + TIME
                + " +upgraded from base to 3")), resumed::toString);
        assertEquals("", resumed.err());
    }

    @Test
    void stopPolicy_listsUnstartedTargetsAsNotRun(TestDatabase db) throws SQLException {
        execute(db, "CREATE SCHEMA tenant_a", "CREATE TABLE tenant_a.users (id int)");

        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "--target", "tenant_a", "--target",
                "tenant_b");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().lines().anyMatch(line -> line.matches(
                "tenant_b +not run +- +- +not run: the run stopped after tenant_a failed")), result::toString);
        assertTrue(result.err().contains("failed on 1 of 2 targets (tenant_a); 1 not run."), result::toString);
    }

    @Test
    void targetsFile_mixesDatabasesAndSchemas_forStatusAndVerify(TestDatabase db, @TempDir Path dir)
            throws Exception {
        execute(db, "CREATE SCHEMA tenant_a");
        try (TestDatabase other = PostgresServer.shared().createDatabase()) {
            Path file = dir.resolve("targets.txt");
            Files.writeString(file, "# every place the views live\ntenant_a\n" + other.url() + "\n");
            Result upgraded = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "2", "--targets-file",
                    file.toString());
            assertEquals(0, upgraded.exitCode(), upgraded::toString);

            Result status = CliRunner.runOn(db, TestMigrations.CHAIN, "status", "--targets-file", file.toString());

            assertEquals(0, status.exitCode(), status::toString);
            assertTrue(status.out().lines().anyMatch(line -> line.matches("tenant_a +ok +- +" + TIME
                    + " +at 2, 1 pending")), status::toString);
            assertTrue(status.out().lines().anyMatch(line -> line.matches(java.util.regex.Pattern.quote(other.url())
                    + " +ok +- +" + TIME + " +at 2, 1 pending")), status::toString);

            Result verify = CliRunner.runOn(db, TestMigrations.CHAIN, "verify", "--targets-file", file.toString());
            assertEquals(0, verify.exitCode(), verify::toString);
            assertTrue(verify.out().contains("2 targets: 2 ok, 0 failed, 0 not run"), verify::toString);
        }
    }

    @Test
    void wrongPolicyOrParallelism_isAUsageError(TestDatabase db) {
        Result policy = CliRunner.runOn(db, TestMigrations.CHAIN, "status", "--target", "x", "--on-failure", "maybe");
        assertEquals(2, policy.exitCode(), policy::toString);
        assertTrue(policy.err().contains("--on-failure 'maybe' is not stop or continue."), policy::toString);

        Result parallel = CliRunner.runOn(db, TestMigrations.CHAIN, "status", "--target", "x", "--parallel", "0");
        assertEquals(2, parallel.exitCode(), parallel::toString);
    }
}
