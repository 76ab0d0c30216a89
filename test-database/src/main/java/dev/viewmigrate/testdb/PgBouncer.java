package dev.viewmigrate.testdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PgBouncer ({@code pgbouncer} from the operating system's package, Debian's {@code pgbouncer}) started on a
 * free port in front of a test database, in {@code pool_mode = transaction}: every transaction of a client may run on
 * another server connection, so session state (session advisory locks, {@code SET}, server-side prepared statements)
 * does not survive between transactions. {@link #close()} stops it.
 *
 * <p>Authentication is {@code trust} towards PgBouncer, which logs in to PostgreSQL with the test user's password
 * from a generated {@code userlist.txt}. PgBouncer refuses to run as root: as root it is started with
 * {@code -u nobody} and its files are made readable for that user.
 *
 * <p>Tests call {@link #unavailable()} first and skip (with its reason) when pgbouncer is not installed;
 * {@code .ci/run} installs it.
 */
public final class PgBouncer implements AutoCloseable {
    private static final List<String> LOCATIONS = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer",
            "/usr/local/bin/pgbouncer", "/usr/local/sbin/pgbouncer");
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

    private final Process process;
    private final Path directory;
    private final int port;
    private final String database;

    private PgBouncer(Process process, Path directory, int port, String database) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.database = database;
    }

    /** Why PgBouncer cannot be started here (not installed), or empty when it can. */
    public static Optional<String> unavailable() {
        return executable().isPresent() ? Optional.empty()
                : Optional.of("pgbouncer is not installed (looked in " + String.join(", ", LOCATIONS) + " and on the "
                        + "PATH); install it with 'apt-get install -y pgbouncer' (.ci/run does) to run this test");
    }

    private static Optional<Path> executable() {
        List<Path> candidates = new ArrayList<>();
        LOCATIONS.forEach(location -> candidates.add(Path.of(location)));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "pgbouncer"));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts PgBouncer in transaction pooling mode in front of {@code db}; waits until it accepts connections. */
    public static PgBouncer start(TestDatabase db) {
        Path binary = executable().orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
        Matcher url = URL.matcher(db.url());
        if (!url.matches()) {
            throw new IllegalStateException("Cannot put PgBouncer in front of " + db.url() + ": not a "
                    + "jdbc:postgresql://host:port/database URL");
        }
        String host = url.group(1).equals("localhost") ? "127.0.0.1" : url.group(1);
        String serverPort = url.group(2) == null ? "5432" : url.group(2);
        try {
            Path directory = Files.createTempDirectory("pgbouncer");
            int port = freePort();
            boolean root = "root".equals(System.getProperty("user.name"));
            Path userlist = directory.resolve("userlist.txt");
            Files.writeString(userlist, quoted(db.user()) + " " + quoted(db.password() == null ? "" : db.password())
                    + "\n", StandardCharsets.UTF_8);
            Path config = directory.resolve("pgbouncer.ini");
            Files.writeString(config, String.join("\n",
                    "[databases]",
                    db.name() + " = host=" + host + " port=" + serverPort + " dbname=" + db.name(),
                    "",
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + userlist,
                    "pool_mode = transaction",
                    "max_client_conn = 200",
                    "default_pool_size = 20",
                    // pgjdbc sends extra_float_digits at start-up, which PgBouncer does not track.
                    "ignore_startup_parameters = extra_float_digits",
                    "server_check_delay = 0",
                    ""), StandardCharsets.UTF_8);
            if (root) {
                // pgbouncer -u nobody reads its files after dropping root.
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(userlist, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if (root) {
                command.addAll(List.of("-u", "nobody"));
            }
            command.add(config.toString());
            Path log = directory.resolve("pgbouncer.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, directory, port, db.name());
            bouncer.awaitListening(log);
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start pgbouncer", e);
        }
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + " at start-up: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("pgbouncer did not listen on port " + port + " within 15 s: "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * JDBC URL of the test database through PgBouncer, with {@code prepareThreshold=0}: no server-side prepared
     * statements, which a transaction pooler (before PgBouncer 1.21's {@code max_prepared_statements}) cannot keep.
     */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?prepareThreshold=0";
    }

    public int port() {
        return port;
    }

    /** What PgBouncer logged so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
