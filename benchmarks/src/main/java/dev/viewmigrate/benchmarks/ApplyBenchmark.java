package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresServer;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 2's benchmark: applying N one-view revisions, and the "already up to date" check an application makes at
 * start-up, measured for viewmigrate and for its anchors (psql, Flyway) in the same run, on the same server, each
 * repetition on a fresh database. Prints medians and ratios; asserts nothing about time (machines are shared and
 * noisy), only that every tool really did its work.
 *
 * <p>Options ({@code --name=value} arguments or {@code -Dbenchmark.name=value}): {@code revisions} (default 1000),
 * {@code repetitions} (default 5), {@code noOpRuns} (no-op calls measured per repetition, default 5).
 */
public final class ApplyBenchmark {
    /** What is measured, in the order the table prints it. */
    enum Row {
        PSQL_ONE_TRANSACTION("psql", "apply, one transaction (psql -1 -f)"),
        PSQL_PER_TRANSACTION("psql", "apply, BEGIN/COMMIT per view (psql -f)"),
        FLYWAY_APPLY("Flyway", "apply V1..VN (migrate)"),
        VIEWMIGRATE_APPLY("viewmigrate", "apply (upgrade head)"),
        JDBC_LOOP("plain JDBC", "apply, commit per view (reference)"),
        JDBC_LOOP_WITH_HISTORY("plain JDBC", "same + a history row per view (reference)"),
        FLYWAY_NO_OP("Flyway", "no-op migrate, all applied"),
        VIEWMIGRATE_NO_OP("viewmigrate", "no-op upgrade, all applied"),
        JDBC_NO_OP("plain JDBC", "connect + read history (reference)"),
        VIEWMIGRATE_DOWNGRADE("viewmigrate", "downgrade base (for information)");

        final String tool;
        final String operation;

        Row(String tool, String operation) {
            this.tool = tool;
            this.operation = operation;
        }
    }

    /** What "well under Flyway's" no-op means here: at most half of Flyway's median. */
    static final double NO_OP_TARGET = 0.5;
    /** Issue 2: applying within 2x of psql's transaction-per-view time. */
    static final double APPLY_TARGET = 2.0;

    private final Config config;
    private final Workload workload;
    private final Optional<Psql> psql;
    private final Path psqlOneTransaction;
    private final Path psqlPerTransaction;
    private final Path flywayLocation;
    private final Map<Row, Samples> samples = new EnumMap<>(Row.class);

    private ApplyBenchmark(Config config, Path workDirectory) throws IOException {
        this.config = config;
        this.workload = Workload.of(config.revisions());
        this.psql = Psql.find();
        this.psqlOneTransaction = workload.writePsqlScript(workDirectory);
        this.psqlPerTransaction = workload.writePsqlScriptPerTransaction(workDirectory);
        this.flywayLocation = workload.writeFlywayMigrations(workDirectory);
        BenchmarkCatalog.use(workload);
        for (Row row : Row.values()) {
            samples.put(row, new Samples());
        }
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path workDirectory = Files.createTempDirectory("viewmigrate-benchmark");
        try {
            new ApplyBenchmark(config, workDirectory).run();
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    private void run() throws Exception {
        PostgresServer server = PostgresServer.shared();
        printEnvironment(server);

        System.out.println("Warm-up (not recorded) ...");
        repetition(0, false);
        for (int r = 1; r <= config.repetitions(); r++) {
            System.out.printf(Locale.ROOT, "Repetition %d of %d ...%n", r, config.repetitions());
            repetition(r, true);
        }
        System.out.println();
        printTable();
        System.out.println();
        printRoundTrips();
        System.out.printf(Locale.ROOT, "%nLoad average at the end: %s%n", loadAverage());
    }

    /**
     * One repetition: every tool once, each on a fresh database. The starting tool rotates from one repetition to
     * the next, so that no tool always runs right after the same neighbour (a checkpoint, a JIT burst).
     */
    private void repetition(int number, boolean record) throws Exception {
        List<Task> tasks = new ArrayList<>();
        if (psql.isPresent()) {
            tasks.add(this::psqlOneTransaction);
            tasks.add(this::psqlPerTransaction);
        }
        tasks.add(this::flyway);
        tasks.add(this::viewmigrate);
        tasks.add(this::jdbcLoop);
        tasks.add(this::jdbcLoopWithHistory);
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get((i + number) % tasks.size());
            try (TestDatabase database = TestDatabase.create()) {
                Map<Row, List<Long>> measured = new LinkedHashMap<>();
                task.run(database, measured);
                if (record) {
                    measured.forEach((row, nanos) -> nanos.forEach(samples.get(row)::add));
                }
            }
        }
    }

    @FunctionalInterface
    private interface Task {
        void run(TestDatabase database, Map<Row, List<Long>> measured) throws Exception;
    }

    private void psqlOneTransaction(TestDatabase database, Map<Row, List<Long>> measured) throws Exception {
        long elapsed = psql.orElseThrow().run(database, psqlOneTransaction, true);
        expectViews(database, workload.size(), "psql -1");
        measured.put(Row.PSQL_ONE_TRANSACTION, List.of(elapsed));
    }

    private void psqlPerTransaction(TestDatabase database, Map<Row, List<Long>> measured) throws Exception {
        long elapsed = psql.orElseThrow().run(database, psqlPerTransaction, false);
        expectViews(database, workload.size(), "psql per transaction");
        measured.put(Row.PSQL_PER_TRANSACTION, List.of(elapsed));
    }

    /** Configured from scratch every time, as an application configures Flyway at start-up. */
    private MigrateResult flywayMigrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("filesystem:" + flywayLocation)
                .load()
                .migrate();
    }

    private void flyway(TestDatabase database, Map<Row, List<Long>> measured) throws Exception {
        DataSource dataSource = database.dataSource();
        long start = System.nanoTime();
        MigrateResult applied = flywayMigrate(dataSource);
        long elapsed = System.nanoTime() - start;
        check(applied.migrationsExecuted == workload.size(), "Flyway applied " + applied.migrationsExecuted
                + " migrations instead of " + workload.size());
        expectViews(database, workload.size(), "Flyway migrate");
        measured.put(Row.FLYWAY_APPLY, List.of(elapsed));

        List<Long> noOps = new ArrayList<>();
        for (int i = 0; i < config.noOpRuns(); i++) {
            start = System.nanoTime();
            MigrateResult nothing = flywayMigrate(dataSource);
            noOps.add(System.nanoTime() - start);
            check(nothing.migrationsExecuted == 0, "Flyway's second migrate applied " + nothing.migrationsExecuted
                    + " migrations instead of none");
        }
        measured.put(Row.FLYWAY_NO_OP, noOps);
    }

    /** A new ViewMigrator every time, as at application start-up: ServiceLoader finds the catalog again. */
    private static ViewMigrator migrator(DataSource dataSource) {
        return ViewMigrator.builder().dataSource(dataSource).build();
    }

    private void viewmigrate(TestDatabase database, Map<Row, List<Long>> measured) throws Exception {
        DataSource dataSource = database.dataSource();
        long start = System.nanoTime();
        MigrationResult applied = migrator(dataSource).upgrade();
        long elapsed = System.nanoTime() - start;
        check(applied.executed().size() == workload.size(), "viewmigrate applied " + applied.executed().size()
                + " revisions instead of " + workload.size());
        expectViews(database, workload.size(), "viewmigrate upgrade");
        measured.put(Row.VIEWMIGRATE_APPLY, List.of(elapsed));

        List<Long> noOps = new ArrayList<>();
        List<Long> floor = new ArrayList<>();
        for (int i = 0; i < config.noOpRuns(); i++) {
            start = System.nanoTime();
            MigrationResult nothing = migrator(dataSource).upgrade();
            noOps.add(System.nanoTime() - start);
            check(nothing.executed().isEmpty(), "viewmigrate's second upgrade executed " + nothing.executed().size()
                    + " revisions instead of none");
            start = System.nanoTime();
            int rows = readHistory(dataSource);
            floor.add(System.nanoTime() - start);
            check(rows == workload.size(), "The history table has " + rows + " rows instead of " + workload.size());
        }
        measured.put(Row.VIEWMIGRATE_NO_OP, noOps);
        measured.put(Row.JDBC_NO_OP, floor);

        start = System.nanoTime();
        MigrationResult rolledBack = migrator(dataSource).downgrade("base");
        elapsed = System.nanoTime() - start;
        check(rolledBack.executed().size() == workload.size(), "viewmigrate rolled back "
                + rolledBack.executed().size() + " revisions instead of " + workload.size());
        expectViews(database, 0, "viewmigrate downgrade base");
        measured.put(Row.VIEWMIGRATE_DOWNGRADE, List.of(elapsed));
    }

    /**
     * The floor of any "already up to date" check that keeps its history in a table: open a connection, read every
     * history row (the same columns viewmigrate reads), close. Interleaved with viewmigrate's no-op runs.
     */
    private static int readHistory(DataSource dataSource) throws SQLException {
        int rows = 0;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT rank, revision, description, checksum, applied_at, "
                        + "applied_by, execution_ms FROM viewmigrate_history ORDER BY rank")) {
            while (row.next()) {
                row.getInt(1);
                row.getString(2);
                row.getString(3);
                row.getInt(4);
                row.getTimestamp(5);
                row.getString(6);
                row.getLong(7);
                rows++;
            }
        }
        return rows;
    }

    /**
     * The same statements on one connection with autocommit off and a commit after each: what any JDBC client pays,
     * without history rows or a lock. Tells the runtime's own cost apart from the driver's and the server's.
     */
    private void jdbcLoop(TestDatabase database, Map<Row, List<Long>> measured) throws Exception {
        DataSource dataSource = database.dataSource();
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String create : workload.creates()) {
                statement.execute(create);
                connection.commit();
            }
        }
        long elapsed = System.nanoTime() - start;
        expectViews(database, workload.size(), "plain JDBC");
        measured.put(Row.JDBC_LOOP, List.of(elapsed));
    }

    /**
     * As {@link #jdbcLoop}, plus what a migration tool must add: a history row per revision, inserted with a reused
     * prepared statement in the revision's transaction. The floor for any tool that records its history this way;
     * the gap between this row and viewmigrate's is the runtime's own overhead.
     */
    private void jdbcLoopWithHistory(TestDatabase database, Map<Row, List<Long>> measured) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE history (rank integer NOT NULL UNIQUE, revision text PRIMARY KEY, "
                    + "description text NOT NULL, checksum integer NOT NULL, applied_at timestamptz NOT NULL "
                    + "DEFAULT now(), applied_by text NOT NULL DEFAULT current_user, execution_ms bigint NOT NULL)");
        }
        DataSource dataSource = database.dataSource();
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO history "
                        + "(rank, revision, description, checksum, execution_ms) VALUES (?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < workload.size(); i++) {
                long started = System.nanoTime();
                statement.execute(workload.creates().get(i));
                insert.setInt(1, i + 1);
                insert.setString(2, Integer.toString(i + 1));
                insert.setString(3, "create view v_" + (i + 1));
                insert.setInt(4, i);
                insert.setLong(5, (System.nanoTime() - started) / 1_000_000);
                insert.executeUpdate();
                connection.commit();
            }
        }
        long elapsed = System.nanoTime() - start;
        expectViews(database, workload.size(), "plain JDBC with history");
        measured.put(Row.JDBC_LOOP_WITH_HISTORY, List.of(elapsed));
    }

    private static void expectViews(TestDatabase database, int expected, String after) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_class WHERE relkind = 'v' "
                        + "AND relnamespace = 'public'::regnamespace AND relname LIKE 'v\\_%'")) {
            row.next();
            check(row.getInt(1) == expected, "After " + after + " the database has " + row.getInt(1)
                    + " benchmark views instead of " + expected + ": that tool did not do the same work as the others");
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private void printEnvironment(PostgresServer server) throws SQLException {
        System.out.printf(Locale.ROOT, "viewmigrate ApplyBenchmark: %d one-view revisions, %d repetitions "
                + "(+1 warm-up), %d no-op runs per repetition%n", config.revisions(), config.repetitions(),
                config.noOpRuns());
        System.out.printf(Locale.ROOT, "Java %s on %s %s, %d CPUs, load average at start: %s%n",
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (Connection connection = server.adminConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_setting('server_version'), "
                        + "current_setting('fsync'), current_setting('synchronous_commit')")) {
            row.next();
            System.out.printf(Locale.ROOT, "Server: PostgreSQL %s, %s (fsync=%s, synchronous_commit=%s)%n",
                    row.getString(1), server, row.getString(2), row.getString(3));
        }
        System.out.printf(Locale.ROOT, "viewmigrate-runtime %s, Flyway %s, %s%n",
                mavenVersion("dev.viewmigrate", "viewmigrate-runtime"), flywayVersion(),
                psql.map(Psql::version).orElse("psql: not on PATH, the psql anchors are skipped"));
        System.out.println();
    }

    static String flywayVersion() {
        return mavenVersion("org.flywaydb", "flyway-core");
    }

    private static String mavenVersion(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = ApplyBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (1/5/15 min)";
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 min)", load);
        }
    }

    private void printTable() {
        System.out.printf(Locale.ROOT, "%-15s %-42s %10s %10s %10s  %s%n", "tool", "operation", "median", "min",
                "max", "ratio");
        for (Row row : Row.values()) {
            Samples s = samples.get(row);
            if (s.isEmpty()) {
                continue;
            }
            String tool = row.tool.equals("Flyway") ? "Flyway " + flywayVersion() : row.tool;
            System.out.printf(Locale.ROOT, "%-15s %-42s %10s %10s %10s  %s%n", tool, row.operation,
                    millis(s.medianMillis()), millis(s.minMillis()), millis(s.maxMillis()), ratio(row));
        }
        System.out.printf(Locale.ROOT, "(%d samples per apply row, %d per no-op row; medians)%n",
                samples.get(Row.VIEWMIGRATE_APPLY).size(), samples.get(Row.VIEWMIGRATE_NO_OP).size());
        System.out.println();
        Samples perTransaction = samples.get(Row.PSQL_PER_TRANSACTION);
        if (!perTransaction.isEmpty()) {
            double apply = samples.get(Row.VIEWMIGRATE_APPLY).medianMillis() / perTransaction.medianMillis();
            System.out.printf(Locale.ROOT, "Target 1, apply %d revisions within %.0fx of psql per transaction: "
                    + "%.2fx -> %s%n", config.revisions(), APPLY_TARGET, apply, apply <= APPLY_TARGET ? "met"
                    : "MISSED");
        } else {
            System.out.println("Target 1, apply within 2x of psql per transaction: not measured (no psql on PATH)");
        }
        double noOp = samples.get(Row.VIEWMIGRATE_NO_OP).medianMillis()
                / samples.get(Row.FLYWAY_NO_OP).medianMillis();
        System.out.printf(Locale.ROOT, "Target 2, \"already up to date\" well under Flyway's no-op (here: at most "
                + "%.1fx): %.3fx -> %s%n", NO_OP_TARGET, noOp, noOp <= NO_OP_TARGET ? "met" : "MISSED");
    }

    private String ratio(Row row) {
        return switch (row) {
            case FLYWAY_NO_OP, VIEWMIGRATE_NO_OP, JDBC_NO_OP -> relative(row, Row.FLYWAY_NO_OP, "Flyway no-op");
            default -> relative(row, Row.PSQL_PER_TRANSACTION, "psql per transaction");
        };
    }

    private String relative(Row row, Row anchor, String anchorName) {
        Samples base = samples.get(anchor);
        if (base.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx %s", samples.get(row).medianMillis() / base.medianMillis(),
                anchorName);
    }

    private static String millis(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** Counts, outside any timing, what viewmigrate sends to the server for an apply, a no-op and a downgrade. */
    private void printRoundTrips() throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            RoundTripCounter counter = new RoundTripCounter(database.dataSource());
            migrator(counter).upgrade();
            List<RoundTripCounter.RoundTrip> apply = counter.roundTrips();
            counter.reset();
            migrator(counter).upgrade();
            List<RoundTripCounter.RoundTrip> noOp = counter.roundTrips();
            counter.reset();
            migrator(counter).downgrade("base");
            List<RoundTripCounter.RoundTrip> downgrade = counter.roundTrips();

            System.out.println("viewmigrate's JDBC calls that wait for the server (round trips), counted outside "
                    + "the timed runs:");
            printRoundTrips("no-op upgrade, " + workload.size() + " applied", noOp);
            printRoundTrips("upgrade head from base", apply);
            printRoundTrips("downgrade base", downgrade);
        }
        // The same counter on Flyway shows where its time goes (its DatabaseMetaData calls are not listed; the wire
        // count below has them).
        try (TestDatabase database = TestDatabase.create()) {
            RoundTripCounter counter = new RoundTripCounter(database.dataSource());
            flywayMigrate(counter);
            List<RoundTripCounter.RoundTrip> apply = counter.roundTrips();
            counter.reset();
            flywayMigrate(counter);
            List<RoundTripCounter.RoundTrip> noOp = counter.roundTrips();
            System.out.println();
            System.out.println("Flyway's JDBC calls that wait for the server, counted the same way:");
            printRoundTrips("no-op migrate, " + workload.size() + " applied", noOp);
            printRoundTrips("migrate from empty", apply);
        }
        System.out.println();
        printWireRoundTrips();
    }

    /**
     * Round trips on the wire for viewmigrate and Flyway alike, through {@link WireRelay}: the JDBC-level list above
     * only sees what viewmigrate calls, while Flyway also talks to the server through driver metadata calls.
     */
    private void printWireRoundTrips() throws Exception {
        System.out.println("Round trips on the wire (TCP relay; connection set-up included), outside the timed runs:");
        System.out.printf(Locale.ROOT, "  %-15s %-42s %12s %12s%n", "tool", "operation", "connections", "round trips");
        if (psql.isPresent()) {
            try (TestDatabase database = TestDatabase.create(); WireRelay relay = relayTo(database)) {
                psql.get().run(database, relay.endpoint(database.url()), psqlPerTransaction, false);
                printWire("psql", "apply, BEGIN/COMMIT per view", relay);
            }
        }
        try (TestDatabase flywayDatabase = TestDatabase.create();
                TestDatabase viewmigrateDatabase = TestDatabase.create()) {
            try (WireRelay relay = relayTo(flywayDatabase)) {
                DataSource dataSource = relayed(relay, flywayDatabase);
                flywayMigrate(dataSource);
                printWire("Flyway " + flywayVersion(), "apply", relay);
                flywayMigrate(dataSource);
                printWire("Flyway " + flywayVersion(), "no-op", relay);
            }
            try (WireRelay relay = relayTo(viewmigrateDatabase)) {
                DataSource dataSource = relayed(relay, viewmigrateDatabase);
                migrator(dataSource).upgrade();
                printWire("viewmigrate", "apply", relay);
                migrator(dataSource).upgrade();
                printWire("viewmigrate", "no-op", relay);
            }
        }
    }

    private static WireRelay relayTo(TestDatabase database) throws IOException {
        Psql.Endpoint endpoint = Psql.Endpoint.of(database.url());
        return new WireRelay(endpoint.host(), endpoint.port());
    }

    private static DataSource relayed(WireRelay relay, TestDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(relay.relayUrl(database.url()));
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    private void printWire(String tool, String operation, WireRelay relay) {
        System.out.printf(Locale.ROOT, "  %-15s %-42s %12d %12d  (%.2f per revision)%n", tool,
                operation + ", " + workload.size() + " revisions", relay.connections(), relay.roundTrips(),
                relay.roundTrips() / (double) workload.size());
        relay.reset();
    }

    private void printRoundTrips(String what, List<RoundTripCounter.RoundTrip> roundTrips) {
        System.out.printf(Locale.ROOT, "  %s: %d round trips (%.2f per revision)%n", what, roundTrips.size(),
                roundTrips.size() / (double) workload.size());
        // The same statement for every revision differs only in numbers: group by shape, in first-seen order.
        Map<String, Integer> shapes = new LinkedHashMap<>();
        for (RoundTripCounter.RoundTrip roundTrip : roundTrips) {
            shapes.merge(roundTrip.toString().replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        shapes.forEach((shape, count) -> System.out.printf(Locale.ROOT, "    %6d x %s%n", count, shape));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The run's size, from {@code --name=value} arguments or {@code benchmark.name} system properties. */
    record Config(int revisions, int repetitions, int noOpRuns) {
        static final String USAGE = "Usage: ApplyBenchmark [--revisions=N] [--repetitions=R] [--noOpRuns=K] "
                + "(or -Dbenchmark.revisions=N -Dbenchmark.repetitions=R -Dbenchmark.noOpRuns=K); defaults "
                + "1000, 5, 5. With Maven: mvn -B -q -pl benchmarks -am -DskipTests install exec:java "
                + "-Dexec.args=\"--repetitions=7\"";

        static Config parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : List.of("revisions", "repetitions", "noOpRuns")) {
                String property = System.getProperty("benchmark." + name);
                if (property != null) {
                    values.put(name, property);
                }
            }
            for (String arg : args) {
                int equals = arg.indexOf('=');
                if (!arg.startsWith("--") || equals < 0) {
                    throw new IllegalArgumentException("Unknown argument '" + arg + "'. " + USAGE);
                }
                String name = arg.substring(2, equals);
                if (!List.of("revisions", "repetitions", "noOpRuns").contains(name)) {
                    throw new IllegalArgumentException("Unknown option '--" + name + "'. " + USAGE);
                }
                values.put(name, arg.substring(equals + 1));
            }
            return new Config(positive(values, "revisions", 1000), positive(values, "repetitions", 5),
                    positive(values, "noOpRuns", 5));
        }

        private static int positive(Map<String, String> values, String name, int fallback) {
            String text = values.get(name);
            if (text == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(text.strip());
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Reported below with the usage.
            }
            throw new IllegalArgumentException("Option " + name + " must be a whole number of at least 1, was '"
                    + text + "'. " + USAGE);
        }
    }
}
