package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.Target;
import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresServer;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Many databases (issue 14 item 4): D databases, each brought from empty to R one-view revisions, by
 * {@link TargetRunner} with parallelism 1, 4 and 8, by a loop of single runs (one {@link ViewMigrator} per database,
 * one after the other, as a deploy script looping over databases does), and by Flyway looping over the same
 * databases with the same SQL as {@code V<i>__} files. Then the re-run that finds every database at head, for the
 * runner (parallel 4) and Flyway's loop. Every mode starts from empty databases (their public schema is dropped and
 * recreated between modes); the first mode of a repetition rotates.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.viewmigrate.benchmarks.ManyTargetsBenchmark -Dexec.args="--databases=100 --revisions=20
 * --repetitions=3"}.
 */
public final class ManyTargetsBenchmark {
    private enum Mode {
        RUNNER_1("viewmigrate TargetRunner, parallel 1"),
        RUNNER_4("viewmigrate TargetRunner, parallel 4"),
        RUNNER_8("viewmigrate TargetRunner, parallel 8"),
        LOOP("viewmigrate loop of single runs"),
        FLYWAY("Flyway loop (migrate per database)"),
        RUNNER_4_NO_OP("re-run at head: TargetRunner, parallel 4"),
        FLYWAY_NO_OP("re-run at head: Flyway loop");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** The runtime logs every revision at INFO: 2,000 lines per mode would bury the table. Held so it sticks. */
    private static final Logger RUNTIME_LOG = Logger.getLogger("dev.viewmigrate.runtime");

    private final int databases;
    private final int revisions;
    private final int repetitions;
    private final Path flywayLocation;
    private final List<TestDatabase> targets = new ArrayList<>();
    private final Map<Mode, Samples> samples = new EnumMap<>(Mode.class);

    private ManyTargetsBenchmark(Map<String, Integer> config, Path workDirectory) throws IOException {
        this.databases = config.get("databases");
        this.revisions = config.get("revisions");
        this.repetitions = config.get("repetitions");
        Workload workload = Workload.of(revisions);
        BenchmarkCatalog.use(workload);
        this.flywayLocation = workload.writeFlywayMigrations(workDirectory);
        for (Mode mode : Mode.values()) {
            samples.put(mode, new Samples());
        }
    }

    public static void main(String[] args) throws Exception {
        RUNTIME_LOG.setLevel(Level.WARNING);
        Map<String, Integer> config = new LinkedHashMap<>(Map.of("databases", 100, "revisions", 20,
                "repetitions", 3));
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(2, equals);
            if (!arg.startsWith("--") || equals < 0 || !config.containsKey(name)) {
                System.err.println("Unknown argument '" + arg + "'. Usage: ManyTargetsBenchmark [--databases=D]"
                        + " [--revisions=R] [--repetitions=N]; defaults 100, 20, 3.");
                System.exit(2);
            }
            config.put(name, Integer.parseInt(arg.substring(equals + 1)));
        }
        Path workDirectory = Files.createTempDirectory("viewmigrate-many-targets");
        ManyTargetsBenchmark benchmark = new ManyTargetsBenchmark(config, workDirectory);
        try {
            benchmark.run();
        } finally {
            benchmark.targets.forEach(TestDatabase::close);
            try (Stream<Path> files = Files.walk(workDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void run() throws Exception {
        PostgresServer server = PostgresServer.shared();
        System.out.printf(Locale.ROOT, "viewmigrate ManyTargetsBenchmark: %d databases x %d one-view revisions, %d"
                + " repetitions (+1 warm-up)%n", databases, revisions, repetitions);
        System.out.printf(Locale.ROOT, "Java %s, %d CPUs, PostgreSQL %s (%s), Flyway %s; load average at start: %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), server.version(),
                server, ApplyBenchmark.flywayVersion(), loadAverage());
        long created = System.nanoTime();
        for (int i = 0; i < databases; i++) {
            targets.add(server.createDatabase());
        }
        System.out.printf(Locale.ROOT, "Created %d databases in %.1f s%n", databases,
                (System.nanoTime() - created) / 1e9);
        List<Mode> measured = List.of(Mode.RUNNER_1, Mode.RUNNER_4, Mode.RUNNER_8, Mode.LOOP, Mode.FLYWAY);
        for (int r = 0; r <= repetitions; r++) {
            System.out.printf(Locale.ROOT, r == 0 ? "Warm-up (not recorded) ...%n" : "Repetition %d of %d ...%n", r,
                    repetitions);
            for (int m = 0; m < measured.size(); m++) {
                Mode mode = measured.get((m + r) % measured.size());
                reset();
                long elapsed = apply(mode);
                expectApplied(mode);
                if (r > 0) {
                    samples.get(mode).add(elapsed);
                }
                if (mode == Mode.RUNNER_4 || mode == Mode.FLYWAY) {
                    Mode noOp = mode == Mode.RUNNER_4 ? Mode.RUNNER_4_NO_OP : Mode.FLYWAY_NO_OP;
                    long again = apply(noOp);
                    if (r > 0) {
                        samples.get(noOp).add(again);
                    }
                }
            }
        }
        printTable();
        System.out.printf(Locale.ROOT, "%nLoad average at the end: %s%n", loadAverage());
    }

    /** Wall time of one mode over every database, in nanoseconds. */
    private long apply(Mode mode) {
        long start = System.nanoTime();
        switch (mode) {
            case RUNNER_1 -> runner(1);
            case RUNNER_4, RUNNER_4_NO_OP -> runner(4);
            case RUNNER_8 -> runner(8);
            case LOOP -> {
                for (TestDatabase database : targets) {
                    ViewMigrator.builder().url(database.url(), database.user(), database.password()).build()
                            .upgrade();
                }
            }
            case FLYWAY, FLYWAY_NO_OP -> {
                for (TestDatabase database : targets) {
                    MigrateResult result = Flyway.configure()
                            .dataSource(database.url(), database.user(), database.password())
                            .locations("filesystem:" + flywayLocation)
                            .load()
                            .migrate();
                    check(result.migrationsExecuted == (mode == Mode.FLYWAY ? revisions : 0),
                            "Flyway applied " + result.migrationsExecuted + " on " + database);
                }
            }
        }
        return System.nanoTime() - start;
    }

    private void runner(int parallel) {
        TestDatabase first = targets.get(0);
        TargetsResult<MigrationResult> result = TargetRunner.builder()
                .credentials(first.user(), first.password())
                .targets(targets.stream().map(database -> Target.database(database.url())).toList())
                .parallel(parallel)
                .build()
                .upgrade("head");
        check(result.succeeded(), "TargetRunner failed: " + result.failures());
    }

    /** Every database back to empty: no views, no history table of either tool. */
    private void reset() throws SQLException {
        for (TestDatabase database : targets) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            }
        }
    }

    private void expectApplied(Mode mode) throws SQLException {
        for (TestDatabase database : List.of(targets.get(0), targets.get(targets.size() - 1))) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_views WHERE viewname LIKE 'v\\_%'"
                            + " AND schemaname = 'public'")) {
                row.next();
                check(row.getInt(1) == revisions, mode.label + " left " + row.getInt(1) + " views in " + database);
            }
        }
    }

    private void printTable() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-42s %10s %10s %10s %14s %8s%n", "mode", "median", "min", "max",
                "per database", "vs loop");
        double loop = samples.get(Mode.LOOP).medianMillis();
        for (Mode mode : Mode.values()) {
            Samples s = samples.get(mode);
            if (s.isEmpty()) {
                continue;
            }
            double median = s.medianMillis();
            System.out.printf(Locale.ROOT, "%-42s %8.0f ms %7.0f ms %7.0f ms %11.1f ms %7.2fx%n", mode.label, median,
                    s.minMillis(), s.maxMillis(), median / databases, loop / median);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (1/5/15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
