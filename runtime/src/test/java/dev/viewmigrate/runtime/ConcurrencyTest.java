package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.internal.HistoryTable;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Concurrent upgrades (threads, then processes) are serialised by the advisory lock: every revision runs once. */
@ExtendWith(PostgresExtension.class)
class ConcurrencyTest {
    private static final List<String> ALL = List.of("1", "2", "3");

    @Test
    void eightConcurrentUpgrades_applyEveryRevisionExactlyOnce(TestDatabase db) throws Exception {
        int instances = 8;
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<MigrationResult>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                // A migrator (and so a connection) of its own per instance, as separate application nodes have.
                ViewMigrator migrator = ViewMigrator.builder().url(db.url(), db.user(), db.password())
                        .catalog(RunOnceChain.CATALOG).build();
                runs.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return migrator.upgrade();
                }));
            }
            List<String> executed = new ArrayList<>();
            for (Future<MigrationResult> run : runs) {
                // get() rethrows any failure of an instance, e.g. a revision run twice.
                executed.addAll(run.get(60, TimeUnit.SECONDS).executed());
            }
            executed.sort(null);
            assertEquals(ALL, executed);
        } finally {
            pool.shutdownNow();
        }
        assertRanOnce(db);
    }

    @Test
    void fourConcurrentProcesses_applyEveryRevisionExactlyOnce(TestDatabase db) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ConcurrentUpgradeMain.class.getName(), db.url(), db.user(), db.password())
                    .redirectErrorStream(true).start());
        }
        List<String> executed = new ArrayList<>();
        for (Process process : processes) {
            String output = read(process);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "a process did not finish: " + output);
            assertEquals(0, process.exitValue(), output);
            String line = output.lines().filter(l -> l.startsWith("executed=")).findFirst().orElseThrow(
                    () -> new AssertionError("no result line in: " + output));
            String ids = line.substring("executed=".length());
            if (!ids.isEmpty()) {
                executed.addAll(List.of(ids.split(",")));
            }
        }
        executed.sort(null);
        assertEquals(ALL, executed);
        assertRanOnce(db);
    }

    @Test
    void lockHeldLongerThanTheTimeout_failsWithLockTimeoutNamingTheHolder(TestDatabase db) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicInteger holderPid = new AtomicInteger();
        Migration blocking = new Migration() {
            @Override
            public String revision() {
                return "1";
            }

            @Override
            public String description() {
                return "wait for the test";
            }

            @Override
            public int checksum() {
                return 1;
            }

            @Override
            public void upgrade(MigrationContext context) throws Exception {
                context.execute("CREATE TABLE blocked (id integer)");
                try (Statement s = context.connection().orElseThrow().createStatement();
                        ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                    r.next();
                    holderPid.set(r.getInt(1));
                }
                inside.countDown();
                assertTrue(proceed.await(30, TimeUnit.SECONDS));
            }

            @Override
            public void downgrade(MigrationContext context) throws Exception {
                context.execute("DROP TABLE blocked");
            }
        };
        MigrationCatalog catalog = () -> List.of(blocking);
        ViewMigrator holder = ViewMigrator.builder().dataSource(db.dataSource()).catalog(catalog).build();
        ViewMigrator waiter = ViewMigrator.builder().dataSource(db.dataSource()).catalog(catalog)
                .lockTimeout(Duration.ofMillis(400)).build();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<MigrationResult> first = thread.submit(() -> holder.upgrade());
            assertTrue(inside.await(30, TimeUnit.SECONDS));

            long started = System.nanoTime();
            ViewMigrateException e = assertThrows(ViewMigrateException.class, waiter::upgrade);
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(ErrorCode.LOCK_TIMEOUT, e.code(), e.getMessage());
            assertTrue(waitedMillis >= 350, "gave up after " + waitedMillis + " ms");
            assertTrue(e.getMessage().startsWith("Timed out after 400 ms waiting for the viewmigrate lock of history "
                    + "table viewmigrate_history (PostgreSQL advisory lock "), e.getMessage());
            assertTrue(e.getMessage().contains("It is held by backend pid " + holderPid.get() + " (user "
                    + db.user()), e.getMessage());
            assertTrue(e.getMessage().contains("SELECT pg_terminate_backend(<pid>)"), e.getMessage());

            proceed.countDown();
            assertEquals(List.of("1"), first.get(30, TimeUnit.SECONDS).executed());
            // The timed-out waiter left nothing behind: a new run finds the work done and the lock free.
            assertEquals(List.of(), waiter.upgrade().executed());
            assertEquals(List.of("1"), waiter.downgrade("base").executed());
        } finally {
            proceed.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void upToDateDatabase_needsNoLock_butPendingWorkWaitsForIt(TestDatabase db) throws Exception {
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE)
                .lockTimeout(Duration.ofMillis(200)).build();
        migrator.upgrade("2");
        long key = new HistoryTable(null, ViewMigrator.DEFAULT_HISTORY_TABLE).lockKey();
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            // Someone else holds the lock, e.g. an operator running a script generated by upgradeSql.
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            assertEquals(List.of(), migrator.upgrade("2").executed());
            assertEquals(List.of(), migrator.downgrade("2").executed());
            assertEquals(ErrorCode.LOCK_TIMEOUT, assertThrows(ViewMigrateException.class, migrator::upgrade).code());
            assertEquals(ErrorCode.LOCK_TIMEOUT,
                    assertThrows(ViewMigrateException.class, () -> migrator.downgrade("-1")).code());
            s.execute("SELECT pg_advisory_unlock(" + key + ")");
        }
        assertEquals(List.of("3"), migrator.upgrade().executed());
    }

    @Test
    void pooledConnection_givesTheLockBackAfterEachRun(TestDatabase db) throws Exception {
        // A pool keeps the session open, so only an explicit unlock frees the lock for the other instances.
        try (PooledConnection pool = new PooledConnection(db)) {
            ViewMigrator pooled = ViewMigrator.builder().dataSource(pool).catalog(Chains.THREE).build();
            ViewMigrator other = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE)
                    .lockTimeout(Duration.ofMillis(500)).build();

            assertEquals(List.of("1", "2"), pooled.upgrade("2").executed());
            assertEquals(0, pool.advisoryLocksHeld(db), "upgrade kept the lock");
            assertEquals(List.of("3"), other.upgrade().executed());

            assertEquals(List.of("3", "2"), pooled.downgrade("1").executed());
            assertEquals(0, pool.advisoryLocksHeld(db), "downgrade kept the lock");
            assertEquals(List.of("1"), other.downgrade("base").executed());
        }
    }

    private static void assertRanOnce(TestDatabase db) throws Exception {
        assertEquals(List.of("1|create run log", "2|create table second", "3|create view third"),
                HistoryRows.of(db).stream().map(row -> row.split("\\|")[1] + "|" + row.split("\\|")[2]).toList());
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT string_agg(revision, ',' ORDER BY revision), "
                        + "count(DISTINCT backend) FROM run_log")) {
            r.next();
            // The primary key of run_log already failed any revision run twice. Which runs applied them is open: in
            // the default lock mode (transaction) every revision's transaction may be another run's.
            assertEquals("1,2,3", r.getString(1));
        }
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
