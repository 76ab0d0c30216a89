package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each way a connection can fail gets a one-paragraph message on stderr that says what to fix, exit code 1 (2 for a
 * URL that is not even a URL), and no stack trace unless {@code --verbose}. Passwords never appear.
 */
@ExtendWith(PostgresExtension.class)
class CliConnectionTest {
    private static final String SECRET = "Sup3r-Secret-Pw";

    @Test
    void urlThatIsNotJdbc_isAUsageErrorShowingTheExpectedForm() {
        Result result = CliRunner.run("status", "--url", "postgres://localhost:5432/app");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate status: The database URL 'postgres://localhost:5432/app' is neither a PostgreSQL"
                + " nor a SQLite JDBC URL. Give --url (or VIEWMIGRATE_URL) in the form"
                + " jdbc:postgresql://HOST:PORT/DATABASE, e.g. jdbc:postgresql://localhost:5432/app (or jdbc:sqlite:FILE"
                + " for SQLite).\n", result.err());
    }

    @Test
    void urlWithABadPort_isAUsageError() {
        Result result = CliRunner.run("status", "--url", "jdbc:postgresql://localhost:notaport/app");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate status: The database URL"
                + " 'jdbc:postgresql://localhost:notaport/app' is malformed"), result::toString);
    }

    @Test
    void closedPort_saysConnectionRefusedAndWhatToCheck() {
        int port = closedPort();
        Result result = CliRunner.run("upgrade", "--url", "jdbc:postgresql://localhost:" + port + "/app");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("viewmigrate upgrade failed: Could not connect to PostgreSQL at localhost:" + port
                + ": connection refused. Check that the server is running and accepts TCP/IP connections on that"
                + " host and port, and that --url (or VIEWMIGRATE_URL) names the right ones.\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void closedPortWithVerbose_addsTheStackTrace() {
        Result result = CliRunner.run("upgrade", "--verbose", "--url",
                "jdbc:postgresql://localhost:" + closedPort() + "/app");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Connecting to jdbc:postgresql://localhost:"), result::toString);
        assertTrue(result.err().contains("connection refused"), result::toString);
        assertTrue(result.err().contains("org.postgresql.util.PSQLException"), result::toString);
        assertTrue(result.err().contains("Caused by: java.net.ConnectException"), result::toString);
    }

    @Test
    void unknownRole_isReportedAsRejectedLogin(TestDatabase db) {
        Result result = CliRunner.run("current", "--url", db.url(), "--user", "no_such_role_cli");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate current failed: PostgreSQL at "), result::toString);
        assertTrue(result.err().contains("rejected the login of user 'no_such_role_cli'"), result::toString);
        assertTrue(result.err().contains("Check --user and --password (or VIEWMIGRATE_USER and"
                + " VIEWMIGRATE_PASSWORD)."), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
    }

    /**
     * A server that asks for a password (scram or md5 in pg_hba.conf: most servers but the embedded test one, which
     * trusts local logins), and no --password or VIEWMIGRATE_PASSWORD. pgjdbc's own words were passed on: "The server
     * requested password-based authentication, but no password was provided by plugin null (SQLState 08004)". Here
     * the test server is told to ask one role of its own for a password (a pg_hba.conf line for that role only,
     * then a reload), so the real server and the real driver decide.
     */
    @Test
    void serverAsksForAPassword_noneGiven_saysToPassOne(TestDatabase db) throws Exception {
        String role = "vm_password_cli";
        try (Connection admin = db.connect(); Statement statement = admin.createStatement()) {
            Path hba;
            try (ResultSet rs = statement.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            Assumptions.assumeTrue(Files.isWritable(hba), "pg_hba.conf of the test server is not writable here: " + hba);
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                    + " CREATE ROLE " + role + " LOGIN PASSWORD 'secret-pw'; END IF; END $$");
            String rule = "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role
                    + " ::1/128 scram-sha-256\n";
            String rules = Files.readString(hba);
            if (!rules.startsWith(rule)) {
                Files.writeString(hba, rule + rules);
            }
            statement.execute("SELECT pg_reload_conf()");
        }
        String server = db.url().replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
        Result result = null;
        for (int attempt = 0; attempt < 50; attempt++) { // the reload is asynchronous: until the server asks
            result = CliRunner.run("status", "--url", db.url(), "--user", role);
            if (result.err().contains("for a password")) {
                break;
            }
            Thread.sleep(100);
        }

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("viewmigrate status failed: PostgreSQL at " + server + " asks user '" + role + "' for a"
                + " password, and none was given. Pass --password (or set VIEWMIGRATE_PASSWORD).\n", result.err());
    }

    @Test
    void unknownDatabase_saysHowToCreateIt(TestDatabase db) {
        String url = db.url().replace("/" + db.name(), "/" + db.name() + "_missing");
        Result result = CliRunner.run("history", "--url", url, "--user", db.user(), "--password", db.password());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate history failed: Database '" + db.name() + "_missing' does"
                + " not exist on PostgreSQL at "), result::toString);
        assertTrue(result.err().contains("Create it (CREATE DATABASE " + db.name() + "_missing) or fix the database"
                + " name in --url (or VIEWMIGRATE_URL)."), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
    }

    @Test
    void passwords_neverAppearInOutputNotEvenVerbose() {
        String url = "jdbc:postgresql://localhost:" + closedPort() + "/app?password=" + SECRET + "&ssl=false";
        Result result = CliRunner.run("status", "--verbose", "--url", url, "--password", SECRET + "-option");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("password=***"), result::toString);
        assertFalse(result.err().contains(SECRET), result::toString);
        assertFalse(result.out().contains(SECRET), result::toString);
    }

    @Test
    void passwordFromTheEnvironment_neverAppearsEither() {
        Map<String, String> env = Map.of(
                "VIEWMIGRATE_URL", "jdbc:postgresql://localhost:" + closedPort() + "/app",
                "VIEWMIGRATE_USER", "app",
                "VIEWMIGRATE_PASSWORD", SECRET);
        Result result = CliRunner.run(env, null, "upgrade", "--verbose");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Connecting to jdbc:postgresql://localhost:"), result::toString);
        assertTrue(result.err().contains("as user app"), result::toString);
        assertFalse(result.err().contains(SECRET), result::toString);
    }

    @Test
    void passwordThatIsPartOfOtherWords_masksOnlyThePasswordItself() {
        // "postgres" is a common password, and a part of "jdbc:postgresql" and of every pgjdbc class name: masking
        // each occurrence turned the verbose output into "jdbc:***ql://..." and "org.***ql.util.PSQLException".
        Map<String, String> env = Map.of(
                "VIEWMIGRATE_URL", "jdbc:postgresql://localhost:" + closedPort() + "/app",
                "VIEWMIGRATE_USER", "app",
                "VIEWMIGRATE_PASSWORD", "postgres");
        Result result = CliRunner.run(env, null, "upgrade", "--verbose");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Connecting to jdbc:postgresql://localhost:"), result::toString);
        assertTrue(result.err().contains("org.postgresql.util.PSQLException"), result::toString);
        assertFalse(result.err().contains("***"), result::toString);
    }

    @Test
    void passwordGivenWhereATargetBelongs_isMaskedInTheUsageError() {
        // A password pasted as an argument is echoed by the usage error unless masked as a whole word.
        Map<String, String> env = Map.of(
                "VIEWMIGRATE_URL", "jdbc:postgresql://localhost:" + closedPort() + "/app",
                "VIEWMIGRATE_PASSWORD", SECRET);
        Result result = CliRunner.run(env, null, "current", SECRET);

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("'***'"), result::toString);
        assertFalse(result.err().contains(SECRET), result::toString);
    }

    @Test
    void optionsWinOverTheEnvironment(TestDatabase db) {
        Map<String, String> env = Map.of(
                "VIEWMIGRATE_URL", "jdbc:postgresql://localhost:" + closedPort() + "/app",
                "VIEWMIGRATE_USER", "no_such_role_env");
        // --url wins over VIEWMIGRATE_URL (no "connection refused"); VIEWMIGRATE_USER still applies.
        Result result = CliRunner.run(env, null, "current", "--url", db.url());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("rejected the login of user 'no_such_role_env'"), result::toString);
    }

    /** A localhost port nothing listens on: bound once by the OS, then released. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
