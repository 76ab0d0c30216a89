package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A revision blocked by a long reader (issue 14, item 2). A report holds the view in an open transaction; the
 * revision's DROP VIEW needs ACCESS EXCLUSIVE and queues behind it; four readers keep querying the view meanwhile.
 * Measured, as medians of {@code -Dbenchmark.runs} runs (default 3):
 *
 * <ul>
 *   <li>gives up: the report lasts longer than timeout x attempts + pauses: time until the upgrade fails;</li>
 *   <li>succeeds: the report ends during the retries: time until the upgrade is done;</li>
 *   <li>no lock timeout (the classic queue: a lock_timeout of an hour, no retry): the upgrade waits for the report;</li>
 * </ul>
 * and for each, the readers' worst wait for one query while the upgrade ran.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.viewmigrate.benchmarks.LockWaitBenchmark}.
 */
public final class LockWaitBenchmark {
    private static final Duration TIMEOUT = Duration.ofMillis(Long.getLong("benchmark.timeoutMs", 500));
    private static final int RETRIES = Integer.getInteger("benchmark.retries", 2);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    private static final int READERS = 4;

    private LockWaitBenchmark() {}

    private record Outcome(boolean succeeded, long millis, long worstReaderMillis, long readerQueries) {}

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            ViewMigrator setup = migrator(db, Duration.ofSeconds(10), 0, List.of(TABLE));
            setup.upgrade();
            long pauses = 0;
            for (int retry = 1; retry <= RETRIES; retry++) {
                pauses += Math.min(TIMEOUT.toMillis(), 1000) << (retry - 1);
            }
            long budget = TIMEOUT.toMillis() * (RETRIES + 1) + pauses;
            System.out.printf(Locale.ROOT, "Lock timeout %d ms, %d retries: %d attempts, pauses %d ms, budget %d ms;"
                    + " %d readers; medians of %d runs%n", TIMEOUT.toMillis(), RETRIES, RETRIES + 1, pauses, budget,
                    READERS, RUNS);
            System.out.printf(Locale.ROOT, "%-44s %10s %12s %22s%n", "scenario (report length)", "outcome",
                    "upgrade ms", "readers' worst wait ms");
            scenario(db, "gives up (report " + (budget * 2) + " ms)", TIMEOUT, RETRIES, budget * 2);
            scenario(db, "succeeds (report " + (TIMEOUT.toMillis() * 2) + " ms)", TIMEOUT, RETRIES,
                    TIMEOUT.toMillis() * 2);
            scenario(db, "no lock timeout (report " + (budget * 2) + " ms)", Duration.ofHours(1), 0, budget * 2);
        }
    }

    private static void scenario(TestDatabase db, String name, Duration timeout, int retries, long reportMillis)
            throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            outcomes.add(once(db, timeout, retries, reportMillis));
        }
        long ok = outcomes.stream().filter(Outcome::succeeded).count();
        System.out.printf(Locale.ROOT, "%-44s %10s %12d %22d%n", name,
                ok == RUNS ? "succeeded" : ok == 0 ? "failed" : ok + "/" + RUNS + " ok",
                median(outcomes.stream().map(Outcome::millis).toList()),
                median(outcomes.stream().map(Outcome::worstReaderMillis).toList()));
    }

    private static Outcome once(TestDatabase db, Duration timeout, int retries, long reportMillis) throws Exception {
        ViewMigrator migrator = migrator(db, timeout, retries, List.of(TABLE, RECREATE));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong worst = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
        try (Connection report = db.connect(); Statement s = report.createStatement()) {
            report.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM totals").close();
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(threads.submit(() -> read(db, done, worst, queries)));
            }
            Future<?> ender = threads.submit(() -> {
                Thread.sleep(reportMillis);
                report.rollback();
                return null;
            });
            long start = System.nanoTime();
            boolean succeeded;
            try {
                migrator.upgrade();
                succeeded = true;
            } catch (ViewMigrateException e) {
                succeeded = false;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            done.set(true);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
            ender.get(60, TimeUnit.SECONDS);
            if (succeeded) {
                migrator.downgrade("1");
            }
            return new Outcome(succeeded, millis, worst.get(), queries.get());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Queries the view until {@code done}, recording the longest single query. */
    private static Void read(TestDatabase db, AtomicBoolean done, AtomicLong worst, AtomicLong queries)
            throws SQLException, InterruptedException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (!done.get()) {
                long start = System.nanoTime();
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM totals")) {
                    r.next();
                }
                worst.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                queries.incrementAndGet();
                Thread.sleep(10);
            }
        }
        return null;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static ViewMigrator migrator(TestDatabase db, Duration timeout, int retries, List<Migration> chain) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> chain).ddlLockTimeout(timeout)
                .ddlLockRetries(retries).build();
    }

    private static final Migration TABLE = migration("1", "orders and totals",
            List.of("CREATE TABLE orders (id bigint PRIMARY KEY, customer int NOT NULL, amount numeric NOT NULL)",
                    "INSERT INTO orders SELECT g, g % 100, g % 997 FROM generate_series(1, 20000) g",
                    "CREATE VIEW totals AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer"),
            List.of("DROP VIEW totals", "DROP TABLE orders"));

    private static final Migration RECREATE = migration("2", "totals with counts",
            List.of("DROP VIEW totals", "CREATE VIEW totals AS SELECT customer, sum(amount) AS total, count(*) AS n "
                    + "FROM orders GROUP BY customer"),
            List.of("DROP VIEW totals",
                    "CREATE VIEW totals AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer"));

    private static Migration migration(String revision, String description, List<String> up, List<String> down) {
        return new Migration() {
            @Override
            public String revision() {
                return revision;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public int checksum() {
                return (revision + description + up + down).hashCode();
            }

            @Override
            public void upgrade(MigrationContext context) throws Exception {
                for (String sql : up) {
                    context.execute(sql);
                }
            }

            @Override
            public void downgrade(MigrationContext context) throws Exception {
                for (String sql : down) {
                    context.execute(sql);
                }
            }
        };
    }
}
