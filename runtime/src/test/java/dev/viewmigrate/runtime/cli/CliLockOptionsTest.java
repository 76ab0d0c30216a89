package dev.viewmigrate.runtime.cli;

import static dev.viewmigrate.runtime.cli.TestMigrations.CHAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CliLockOptionsTest {
    @Test
    void upgradeBlockedByAReader_showsTheRetry_thenFailsNamingTheReader(TestDatabase db) throws Exception {
        assertEquals(0, CliRunner.runOn(db, CHAIN, "upgrade", "2").exitCode());
        try (Connection reader = db.connect(); Statement s = reader.createStatement()) {
            s.execute("SET application_name = 'bi-tool'");
            reader.setAutoCommit(false);
            s.executeQuery("SELECT * FROM active_users").close();

            Result result = CliRunner.runOn(db, CHAIN, "upgrade", "--ddl-lock-timeout", "200ms",
                    "--ddl-lock-retries", "1", "--lock-mode", "session");

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.out().contains("Applying revision 3: change view active_users ... timed out waiting for "
                    + "a lock\n  Retry 1 of 1 of revision 3 (change view active_users) in 200 ms. Blocked by session "
                    + "pid "), result::toString);
            assertTrue(result.err().startsWith("viewmigrate upgrade failed: Upgrade of revision 3 (change view "
                    + "active_users) gave up after 2 attempts (1 retry): "), result::toString);
            assertTrue(result.err().contains("application 'bi-tool'"), result::toString);
            reader.rollback();
        }
        assertEquals(0, CliRunner.runOn(db, CHAIN, "upgrade").exitCode());
    }

    @Test
    void sqlScript_startsWithTheGivenLockTimeout_andBadValuesAreUsageErrors() {
        Result script = CliRunner.run(Map.of(), CHAIN, "sql", "upgrade", "--ddl-lock-timeout", "5s");
        assertEquals(0, script.exitCode(), script::toString);
        assertTrue(script.out().contains("\nSET lock_timeout = '5s';\n"), script::toString);

        Result zero = CliRunner.run(Map.of(), CHAIN, "sql", "upgrade", "--ddl-lock-timeout", "0s");
        assertEquals(2, zero.exitCode(), zero::toString);
        assertTrue(zero.err().contains("'0s' is not a positive duration"), zero::toString);

        Result mode = CliRunner.run(Map.of(), CHAIN, "sql", "upgrade", "--lock-mode", "global");
        assertEquals(2, mode.exitCode(), mode::toString);
        assertTrue(mode.err().contains("'global' is not a lock mode: write transaction or session"), mode::toString);
    }
}
