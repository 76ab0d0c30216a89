package dev.viewmigrate.benchmarks;

import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code psql} anchor: runs a script file against a test database, as a separate process. */
final class Psql {
    private final String version;

    private Psql(String version) {
        this.version = version;
    }

    /** The {@code psql} on PATH, or empty when there is none (the psql anchors are then skipped). */
    static Optional<Psql> find() {
        try {
            Process process = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? Optional.of(new Psql(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    String version() {
        return version;
    }

    /**
     * Runs {@code script} with {@code ON_ERROR_STOP}, in one transaction when {@code singleTransaction} ({@code -1}),
     * and returns the wall-clock time of the whole process: start-up, connection, every statement, exit. That is
     * what "psql -f" costs a deploy script, and how the reference figures were taken.
     */
    long run(TestDatabase database, Path script, boolean singleTransaction) throws IOException, InterruptedException {
        return run(database, Endpoint.of(database.url()), script, singleTransaction);
    }

    /** As {@link #run(TestDatabase, Path, boolean)}, connecting to {@code endpoint} (e.g. a relay) instead. */
    long run(TestDatabase database, Endpoint endpoint, Path script, boolean singleTransaction)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", endpoint.host(), "-p", Integer.toString(endpoint.port()), "-U", database.user(),
                "-d", endpoint.database()));
        if (singleTransaction) {
            command.add("-1");
        }
        command.add("-f");
        command.add(script.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PGPASSWORD", database.password());
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] errors = process.getErrorStream().readAllBytes();
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - start;
        if (exit != 0) {
            throw new IllegalStateException("psql failed (exit " + exit + ") running " + script + " on "
                    + database.name() + ": " + new String(errors, StandardCharsets.UTF_8).strip());
        }
        return elapsed;
    }

    /** Host, port and database of a {@code jdbc:postgresql://host:port/database?...} URL. */
    record Endpoint(String host, int port, String database) {
        static Endpoint of(String jdbcUrl) {
            String prefix = "jdbc:postgresql://";
            if (!jdbcUrl.startsWith(prefix)) {
                throw new IllegalArgumentException("Expected a jdbc:postgresql://host:port/database URL, got "
                        + jdbcUrl);
            }
            String rest = jdbcUrl.substring(prefix.length());
            int query = rest.indexOf('?');
            if (query >= 0) {
                rest = rest.substring(0, query);
            }
            int slash = rest.indexOf('/');
            String hostPort = slash < 0 ? rest : rest.substring(0, slash);
            String database = slash < 0 ? "postgres" : rest.substring(slash + 1);
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
            return new Endpoint(host.isEmpty() ? "localhost" : host, port, database);
        }
    }
}
