package dev.viewmigrate.example;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        runningServer(directory).ifPresent(pid -> {
            throw new ExampleException("The embedded PostgreSQL's data directory " + directory + " is in use by a"
                    + " server that is still running (pid " + pid + "): another run of the example, or the server of"
                    + " a run that was killed. Stop it (kill " + pid + ") and run the command again; or name a"
                    + " server of your own with --url/--user/--password.");
        });
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
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ". Delete the"
                    + " directory to start afresh, or name a server of your own with --url/--user/--password.", e);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        String description = "embedded PostgreSQL, data in " + directory + (existed ? "" : " (new)");
        return new Database(url, "postgres", "postgres", description, postgres);
    }

    /**
     * The pid of the PostgreSQL server running on {@code directory}, if one is: the first line of its
     * {@code postmaster.pid}, when that process is alive and is a {@code postgres}. A server left by a killed run
     * would otherwise make the start wait for ten seconds and fail.
     */
    static Optional<Long> runningServer(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).strip());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command()
                            .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                            .orElse(true))
                    .map(ProcessHandle::pid);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // a stale or half-written file: PostgreSQL itself deals with it
        }
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
