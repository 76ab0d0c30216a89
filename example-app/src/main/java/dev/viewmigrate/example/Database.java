package dev.viewmigrate.example;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database the example runs against: a server the user named, or an embedded PostgreSQL 17 whose data directory
 * survives between runs, so that {@code downgrade -1} in one run and {@code upgrade head} in the next act on the same
 * database.
 */
final class Database implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final String description;
    private final EmbeddedPostgres embedded;

    private Database(String url, String user, String password, String description, EmbeddedPostgres embedded) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.description = description;
        this.embedded = embedded;
    }

    static Database external(String url, String user, String password) {
        // A password may also sit in the URL (password=...): never print it.
        String shown = url.replaceAll("(?i)(password=)[^&]*", "$1***");
        return new Database(url, user, password, shown + (user == null ? "" : " as " + user), null);
    }

    /** Starts PostgreSQL on {@code dataDirectory}, creating the cluster on first use. Stopped by {@link #close()}. */
    static Database embedded(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        boolean existed = Files.isRegularFile(directory.resolve("postgresql.conf"));
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(directory);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // Keep the cluster after close(): the next run continues where this one stopped.
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new ExampleException("Could not start the embedded PostgreSQL in " + directory + ": "
                    + e.getMessage() + ". If an earlier run was killed, its server may still hold the directory: "
                    + "stop it (pg_ctl -D " + directory + " stop) or delete the directory to start afresh; or "
                    + "name a server of your own with --url/--user/--password.", e);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        String description = "embedded PostgreSQL, data in " + directory + (existed ? "" : " (new)");
        return new Database(url, "postgres", "postgres", description, postgres);
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String description() {
        return description;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    /** A non-pooling DataSource: each {@code getConnection()} opens a connection (plenty for a demo). */
    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
            }
        }
    }
}
