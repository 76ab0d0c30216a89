package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.testdb.PostgresServer;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 14 item 1: readers' worst wait while a materialized view over millions of rows (2 dependent views, 3 indexes)
 * is changed, side by side against DROP + CREATE, printed together with the time of the rebuild itself.
 *
 * <p>One database; revision 1 creates and fills the table, revision 2 the materialized view and its readers, revision
 * 3 changes the materialized view's SQL. Each measured rebuild is an upgrade 2 → 3 or a downgrade 3 → 2 (both
 * rebuild the view) while reader threads, each on its own connection, query the view by key in a loop; a reader's
 * wait is the longest single query during the rebuild. The two kinds of rebuild alternate.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package exec:java \
 *     -Dexec.mainClass=dev.viewmigrate.benchmarks.SideBySideBenchmark -Dexec.args="--rows=5000000 --repetitions=2"
 * </pre>
 */
public final class SideBySideBenchmark {
    private final int rows;
    private final int repetitions;
    private final int readers;

    private SideBySideBenchmark(int rows, int repetitions, int readers) {
        this.rows = rows;
        this.repetitions = repetitions;
        this.readers = readers;
    }

    public static void main(String[] args) throws Exception {
        int rows = 5_000_000;
        int repetitions = 2;
        int readers = 2;
        for (String arg : args) {
            if (arg.startsWith("--rows=")) {
                rows = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--repetitions=")) {
                repetitions = Integer.parseInt(arg.substring(14));
            } else if (arg.startsWith("--readers=")) {
                readers = Integer.parseInt(arg.substring(10));
            } else {
                throw new IllegalArgumentException("unknown option " + arg
                        + "; options: --rows=N (5000000) --repetitions=K (2) --readers=R (2)");
            }
        }
        new SideBySideBenchmark(rows, repetitions, readers).run();
    }

    private static final ViewName SUMMARY = ViewName.of("facts_summary");

    private static FrozenView summary(int factor) {
        return FrozenView.materializedView(SUMMARY, """
                SELECT id, grp, amount * %d AS scaled, md5(id::text) AS tag
                FROM facts""".formatted(factor))
                .withIndexes(FrozenIndex.uniqueOn("facts_summary_id_key", "id"),
                        FrozenIndex.on("facts_summary_grp_idx", "grp"),
                        FrozenIndex.on("facts_summary_scaled_idx", "scaled"));
    }

    private static final FrozenView BEFORE = summary(2);
    private static final FrozenView AFTER = summary(3);
    private static final FrozenView PER_GROUP = FrozenView.view(ViewName.of("facts_per_group"),
            "SELECT grp, count(*) AS n, sum(scaled) AS total FROM facts_summary GROUP BY grp");
    private static final FrozenView LARGE = FrozenView.view(ViewName.of("large_facts"),
            "SELECT id, scaled FROM facts_summary WHERE scaled > 1000");

    /** A revision as the processor generates one, from a body of view steps; the same checksum for both kinds. */
    private record Revision(String revision, String description, Body up, Body down, List<FrozenView> viewsAfter)
            implements Migration {
        @Override
        public int checksum() {
            return (revision + description).hashCode();
        }

        @Override
        public void upgrade(MigrationContext context) throws Exception {
            up.run(context);
        }

        @Override
        public void downgrade(MigrationContext context) throws Exception {
            down.run(context);
        }
    }

    @FunctionalInterface
    private interface Body {
        void run(MigrationContext context) throws Exception;
    }

    private MigrationCatalog chain(boolean sideBySide) {
        Revision table = new Revision("1", "facts", context -> {
            context.execute("CREATE TABLE facts (id bigint PRIMARY KEY, grp int NOT NULL, amount numeric NOT NULL)");
            context.execute("INSERT INTO facts SELECT i, i % 1000, (i % 9973)::numeric / 7"
                    + " FROM generate_series(1, " + rows + ") i");
            context.execute("ANALYZE facts");
        }, context -> context.execute("DROP TABLE facts"), List.of());
        Revision create = new Revision("2", "summary and readers",
                context -> context.views().create(BEFORE, PER_GROUP, LARGE),
                context -> {
                    context.views().checkDependents(LARGE, PER_GROUP, BEFORE);
                    context.views().drop(LARGE, PER_GROUP, BEFORE);
                }, List.of(BEFORE, PER_GROUP, LARGE));
        Revision change = new Revision("3", "scale by 3",
                context -> rebuild(context.views(), BEFORE, AFTER, sideBySide),
                context -> rebuild(context.views(), AFTER, BEFORE, sideBySide), List.of(AFTER, PER_GROUP, LARGE));
        return () -> List.of(table, create, change);
    }

    /** The steps the processor generates for the change, either kind. */
    private static void rebuild(ViewSteps steps, FrozenView from, FrozenView to, boolean sideBySide)
            throws Exception {
        steps.checkDependents(LARGE, PER_GROUP, from);
        steps.savePrivileges(from, PER_GROUP, LARGE);
        if (sideBySide) {
            steps.buildBeside(to);
        }
        steps.drop(LARGE, PER_GROUP, from);
        if (sideBySide) {
            steps.swapIn(to);
        } else {
            steps.create(to);
        }
        steps.create(PER_GROUP, LARGE);
        steps.restorePrivileges(to, PER_GROUP, LARGE);
    }

    private record Measurement(String kind, double rebuildMillis, double worstWaitMillis, double medianReadMillis,
            long reads) {}

    private void run() throws Exception {
        PostgresServer server = PostgresServer.shared();
        System.out.printf(Locale.ROOT, "viewmigrate SideBySideBenchmark: %,d rows, %d repetitions, %d readers%n",
                rows, repetitions, readers);
        System.out.printf(Locale.ROOT, "Java %s, %d CPUs, load average at start: %s, server %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(),
                server);
        try (TestDatabase db = TestDatabase.create()) {
            long start = System.nanoTime();
            ViewMigrator.builder().dataSource(db.dataSource()).catalog(chain(false)).build().upgrade("2");
            System.out.printf(Locale.ROOT, "Setup (table of %,d rows, the view, its indexes): %.1f s%n", rows,
                    (System.nanoTime() - start) / 1e9);
            List<Measurement> measured = new ArrayList<>();
            for (int r = 1; r <= repetitions; r++) {
                for (boolean sideBySide : List.of(false, true)) {
                    ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource())
                            .catalog(chain(sideBySide)).build();
                    String kind = sideBySide ? "side by side" : "DROP + CREATE";
                    measured.add(measure(db, kind + ", upgrade", () -> migrator.upgrade("3")));
                    measured.add(measure(db, kind + ", downgrade", () -> migrator.downgrade("2")));
                    Measurement last = measured.get(measured.size() - 1);
                    System.out.printf(Locale.ROOT, "  repetition %d, %s: done (last rebuild %.2f s)%n", r, kind,
                            last.rebuildMillis() / 1000);
                }
            }
            print(measured);
        }
        System.out.printf(Locale.ROOT, "Load average at the end: %s%n", loadAverage());
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} while the readers read; the rebuild's time, the readers' worst and median query. */
    private Measurement measure(TestDatabase db, String kind, Action action) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong worst = new AtomicLong();
        List<Long> all = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            Connection connection = db.connect();
            connections.add(connection);
            Thread reader = new Thread(() -> read(connection, stop, worst, all), "reader-" + i);
            reader.start();
            threads.add(reader);
        }
        Thread.sleep(500); // the readers are reading before the change starts
        worst.set(0);
        all.clear();
        long start = System.nanoTime();
        action.run();
        long took = System.nanoTime() - start;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        for (Connection connection : connections) {
            connection.close();
        }
        List<Long> sorted;
        synchronized (all) {
            sorted = new ArrayList<>(all);
        }
        java.util.Collections.sort(sorted);
        double median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
        return new Measurement(kind, took / 1e6, worst.get() / 1e6, median, sorted.size());
    }

    private void read(Connection connection, AtomicBoolean stop, AtomicLong worst, List<Long> all) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT scaled, tag FROM facts_summary WHERE id = ?")) {
            while (!stop.get()) {
                query.setLong(1, 1 + ThreadLocalRandom.current().nextInt(rows));
                long start = System.nanoTime();
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                } catch (SQLException e) {
                    // A query that waited for the old view and found it gone still waited: counted below.
                }
                long took = System.nanoTime() - start;
                worst.accumulateAndGet(took, Math::max);
                all.add(took);
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(List<Measurement> measured) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %12s %18s %18s %8s%n", "rebuild", "rebuild (s)", "readers' worst (s)",
                "median read (ms)", "reads");
        for (Measurement m : measured) {
            System.out.printf(Locale.ROOT, "%-28s %12.2f %18.3f %18.2f %8d%n", m.kind(), m.rebuildMillis() / 1000,
                    m.worstWaitMillis() / 1000, m.medianReadMillis(), m.reads());
        }
        System.out.println();
        System.out.println("Medians per kind:");
        for (String kind : List.of("DROP + CREATE", "side by side")) {
            Samples rebuild = new Samples();
            Samples worst = new Samples();
            measured.stream().filter(m -> m.kind().startsWith(kind)).forEach(m -> {
                rebuild.add((long) (m.rebuildMillis() * 1e6));
                worst.add((long) (m.worstWaitMillis() * 1e6));
            });
            System.out.printf(Locale.ROOT, "  %-14s rebuild %.2f s (min %.2f, max %.2f); readers' worst wait %.3f s"
                    + " (min %.3f, max %.3f)%n", kind, rebuild.medianMillis() / 1000, rebuild.minMillis() / 1000,
                    rebuild.maxMillis() / 1000, worst.medianMillis() / 1000, worst.minMillis() / 1000,
                    worst.maxMillis() / 1000);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
