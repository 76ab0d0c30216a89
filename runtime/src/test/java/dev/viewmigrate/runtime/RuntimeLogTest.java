package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.internal.HistoryTable;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plain application (no logging library: the platform logger goes to java.util.logging) gets the runtime's log
 * lines: revisions applied and rolled back with their time, nothing to do, lock waits, refreshes, verify.
 */
@ExtendWith(PostgresExtension.class)
class RuntimeLogTest {
    // Held strongly: java.util.logging keeps loggers weakly.
    private final Logger runtime = Logger.getLogger("dev.viewmigrate.runtime");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        runtime.addHandler(capture);
    }

    @AfterEach
    void release() {
        runtime.removeHandler(capture);
    }

    @Test
    void upgradeDowngradeAndNothingToDo_areLoggedWithTheirTimes(TestDatabase db) {
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE).build();

        migrator.upgrade("2");
        migrator.upgrade("2");
        migrator.downgrade("-1");

        List<String> lines = lines("dev.viewmigrate.runtime.migration");
        assertEquals(7, lines.size(), lines::toString);
        assertEquals("Created history table viewmigrate_history with the first revision", lines.get(0));
        assertTrue(lines.get(1).matches("Applied revision 1 \\(create table accounts\\) in \\d+ ms"), lines::toString);
        assertTrue(lines.get(2).matches("Applied revision 2 \\(create view active_accounts\\) in \\d+ ms"),
                lines::toString);
        assertTrue(lines.get(3).matches("Upgraded from base to revision 2: 2 revisions in \\d+ ms"), lines::toString);
        assertEquals("Nothing to upgrade: the database is at revision 2 (target '2')", lines.get(4));
        assertTrue(lines.get(5).matches("Rolled back revision 2 \\(create view active_accounts\\) in \\d+ ms"),
                lines::toString);
        assertTrue(lines.get(6).matches("Downgraded from revision 2 to revision 1: 1 revision in \\d+ ms"),
                lines::toString);
        assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.INFO), records::toString);
    }

    @Test
    void waitingForTheLock_isLoggedWithTheHolderAndHowLongItTook(TestDatabase db) throws Exception {
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE)
                .lockTimeout(Duration.ofSeconds(60)).build();
        long key = new HistoryTable(null, ViewMigrator.DEFAULT_HISTORY_TABLE).lockKey();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            Future<MigrationResult> run = thread.submit(() -> migrator.upgrade());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines("dev.viewmigrate.runtime.lock").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(100);
            s.execute("SELECT pg_advisory_unlock(" + key + ")");
            assertEquals(3, run.get(30, TimeUnit.SECONDS).executed().size());
        } finally {
            thread.shutdownNow();
        }

        List<String> lines = lines("dev.viewmigrate.runtime.lock");
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("Waiting for the viewmigrate lock of history table viewmigrate_history "
                + "(PostgreSQL advisory lock " + key + "): another upgrade or downgrade of this database is running. "
                + "It is held by backend pid "), lines::toString);
        assertTrue(lines.get(1).matches("Took the viewmigrate lock of history table viewmigrate_history after "
                + "waiting \\d+ ms"), lines::toString);
    }

    @Test
    void refreshAndVerify_areLogged(TestDatabase db) throws Exception {
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(ReportingChain.CHAIN)
                .build();
        migrator.upgrade();

        migrator.refresh();
        migrator.verify();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE VIEW big_spenders AS SELECT user_id, total FROM reporting.z_totals "
                    + "WHERE total > 1000");
        }
        migrator.verify();

        List<String> refresh = lines("dev.viewmigrate.runtime.refresh");
        assertEquals(3, refresh.size(), refresh::toString);
        assertTrue(refresh.get(0).matches("Refreshed materialized view lazy_counts in \\d+ ms"), refresh::toString);
        List<String> verify = lines("dev.viewmigrate.runtime.verify");
        assertEquals(2, verify.size(), verify::toString);
        assertTrue(verify.get(0).matches("Verify found no drift at revision 2: \\d+ views match the applied "
                + "revisions"), verify::toString);
        assertTrue(verify.get(1).startsWith("Verify found 1 difference at revision 2 between the database and the "
                + "applied revisions: "), verify::toString);
        assertTrue(verify.get(1).contains("big_spenders"), verify::toString);
        assertEquals(Level.WARNING, records.get(records.size() - 1).getLevel());
    }

    private List<String> lines(String logger) {
        return records.stream().filter(r -> r.getLoggerName().equals(logger)).map(LogRecord::getMessage).toList();
    }
}
