package dev.viewmigrate.runtime;

import dev.viewmigrate.testdb.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs an offline script the way a user would: {@code psql -v ON_ERROR_STOP=1 -f}, or, when psql is not on the
 * PATH, through JDBC as one simple-query multi-statement string (which also stops at the first error).
 */
final class ScriptRunner {
    private ScriptRunner() {}

    /** What happened: which way the script ran, whether it succeeded, and what psql or the driver said. */
    record Outcome(String path, boolean succeeded, String output) {}

    static boolean psqlAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "psql"))) {
                return true;
            }
        }
        return false;
    }

    /** psql when available, else JDBC. */
    static Outcome run(TestDatabase db, String script) throws Exception {
        return psqlAvailable() ? psql(db, script) : jdbc(db, script);
    }

    static Outcome psql(TestDatabase db, String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("viewmigrate-script", ".sql");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            URI uri = URI.create(db.url().substring("jdbc:".length()));
            ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                    "-U", db.user(), "-d", uri.getPath().substring(1), "-f", file.toString())
                    .redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", db.password());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("psql did not finish: " + output);
            }
            return new Outcome("psql", process.exitValue() == 0, output);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static Outcome jdbc(TestDatabase db, String script) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        properties.setProperty("password", db.password());
        // Simple query protocol: the whole script goes to the server as one Query message, as psql -c would send it.
        properties.setProperty("preferQueryMode", "simple");
        try (Connection connection = DriverManager.getConnection(db.url(), properties);
                Statement statement = connection.createStatement()) {
            statement.execute(script);
            return new Outcome("jdbc simple query", true, "");
        } catch (SQLException e) {
            return new Outcome("jdbc simple query", false, e.getMessage());
        }
    }
}
