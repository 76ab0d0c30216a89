package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bounded lock waits: a revision whose DDL queues behind a long reader of the view waits at most the DDL lock
 * timeout, is rolled back and retried, and finally fails naming the reader with nothing changed.
 */
@ExtendWith(PostgresExtension.class)
class LockWaitTest {
    /** Recreates active_accounts with one more column: DROP VIEW needs ACCESS EXCLUSIVE on it. */
    static final SqlMigration RECREATE = new SqlMigration("3", "recreate active_accounts",
            List.of("DROP VIEW active_accounts",
                    "CREATE VIEW active_accounts AS SELECT id, name, created_at FROM accounts WHERE active"),
            List.of("DROP VIEW active_accounts",
                    "CREATE VIEW active_accounts AS SELECT id, name FROM accounts WHERE active",
                    "COMMENT ON VIEW active_accounts IS 'accounts that may log in'",
                    "GRANT SELECT ON active_accounts TO PUBLIC"));

    private static ViewMigrator.Builder migrator(TestDatabase db, LockMode mode, Migration... chain) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(chain)).lockMode(mode);
    }

    /** A reader in an open transaction that read the view: it holds ACCESS SHARE on it until it ends. */
    private static Connection reader(TestDatabase db, String application) throws SQLException {
        Connection reader = db.connect();
        try (Statement s = reader.createStatement()) {
            s.execute("SET application_name = '" + application + "'");
            reader.setAutoCommit(false);
            s.executeQuery("SELECT * FROM active_accounts").close();
        }
        return reader;
    }

    /** The backend of the session named {@code application}, looked up from another session (its last query stays). */
    private static int pid(TestDatabase db, String application) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = '"
                        + application + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<String> history(ViewMigrator migrator) {
        return migrator.history().stream().map(AppliedRevision::revision).toList();
    }

    private static int advisoryLocks(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) {
            r.next();
            return r.getInt(1);
        }
    }

    @ParameterizedTest
    @EnumSource(LockMode.class)
    void longReader_upgradeGivesUpAfterItsRetries_namingTheReader_withNothingChanged(LockMode mode, TestDatabase db)
            throws Exception {
        migrator(db, mode, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS).build().upgrade();
        CatalogSnapshot before = CatalogSnapshot.capture(db);
        List<String> retries = new CopyOnWriteArrayList<>();
        ViewMigrator migrator = migrator(db, mode, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS, RECREATE)
                .ddlLockTimeout(Duration.ofMillis(200)).ddlLockRetries(1)
                .listener(new MigrationListener() {
                    @Override
                    public void lockWaitRetry(String step, int retry, int of, Duration pause, String blockers) {
                        retries.add(step + " " + retry + "/" + of + ": " + blockers);
                    }
                }).build();

        try (Connection reader = reader(db, "long-report")) {
            int readerPid = pid(db, "long-report");
            ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);

            assertEquals(ErrorCode.LOCK_TIMEOUT, e.code(), e.getMessage());
            String message = e.getMessage();
            assertTrue(message.startsWith("Upgrade of revision 3 (recreate active_accounts) gave up after 2 attempts "
                    + "(1 retry): statement 1 (DROP VIEW active_accounts) waited 200 ms (lock_timeout) for a lock held "
                    + "by another session each time, and the revision was rolled back, so nothing of it was changed; "
                    + "the database stays at revision 2. Blocked by session pid " + readerPid + " (user "), message);
            assertTrue(message.contains(", application 'long-report', idle in transaction for "), message);
            assertTrue(message.contains(", query: SELECT * FROM active_accounts)."), message);
            assertTrue(message.contains("pg_terminate_backend(<pid>)"), message);
            assertFalse(message.contains("\n"), "one paragraph: " + message);
            assertEquals(1, retries.size(), retries::toString);
            assertTrue(retries.get(0).startsWith("revision 3 (recreate active_accounts) 1/1: Blocked by session pid "
                    + readerPid), retries::toString);

            before.assertSameAs(CatalogSnapshot.capture(db), "after the upgrade gave up");
            assertEquals(List.of("1", "2"), history(migrator));
            reader.rollback();
        }
        assertEquals(0, advisoryLocks(db), "an advisory lock was left behind");
    }

    @ParameterizedTest
    @EnumSource(LockMode.class)
    void readerEndingDuringTheBackoff_theRetrySucceeds_andTheRoundTripRestoresTheCatalog(LockMode mode,
            TestDatabase db) throws Exception {
        migrator(db, mode, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS).build().upgrade();
        CatalogSnapshot before = CatalogSnapshot.capture(db);
        try (Connection reader = reader(db, "short-report")) {
            List<Integer> retried = new CopyOnWriteArrayList<>();
            ViewMigrator migrator = migrator(db, mode, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS, RECREATE)
                    .ddlLockTimeout(Duration.ofMillis(200)).ddlLockRetries(1)
                    .listener(new MigrationListener() {
                        @Override
                        public void lockWaitRetry(String step, int retry, int of, Duration pause, String blockers) {
                            retried.add(retry);
                            try {
                                reader.commit(); // the report ends while viewmigrate pauses
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }).build();

            MigrationResult result = migrator.upgrade();

            assertEquals(List.of("3"), result.executed());
            assertEquals(List.of(1), retried);
            assertEquals(List.of("1", "2", "3"), history(migrator));
            migrator.downgrade("2");
            before.assertSameAs(CatalogSnapshot.capture(db), "after upgrade and downgrade");
        }
        assertEquals(0, advisoryLocks(db), "an advisory lock was left behind");
    }

    /**
     * Without a lock timeout, readers arriving while DROP VIEW waits behind the long reader queue behind the DROP
     * until the long reader ends. With it, they get through while the long reader is still open.
     */
    @Test
    void newReaders_arrivingWhileTheRevisionWaits_getThroughBeforeTheLongReaderEnds(TestDatabase db)
            throws Exception {
        migrator(db, LockMode.TRANSACTION, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS).build().upgrade();
        ViewMigrator migrator = migrator(db, LockMode.TRANSACTION, Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS, RECREATE)
                .ddlLockTimeout(Duration.ofMillis(500)).ddlLockRetries(2).build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection longReader = reader(db, "long-report"); Connection newReader = db.connect()) {
            Future<MigrationResult> upgrade = threads.submit(() -> migrator.upgrade());
            int longReaderPid = pid(db, "long-report");
            awaitLockWaiterOtherThan(db, longReaderPid);
            // Arrives while DROP VIEW waits: queues behind it, and must not wait for the long reader.
            Future<Long> read = threads.submit(() -> {
                try (Statement s = newReader.createStatement()) {
                    s.execute("SET statement_timeout = '60s'");
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM active_accounts")) {
                        r.next();
                        return r.getLong(1);
                    }
                }
            });
            assertEquals(0L, read.get(30, TimeUnit.SECONDS), "the new reader never got through");
            assertTrue(isOpen(db, longReaderPid), "the long reader ended before the new reader got through");

            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> upgrade.get(60, TimeUnit.SECONDS));
            assertEquals(ErrorCode.LOCK_TIMEOUT, ((ViewMigrateException) failed.getCause()).code());
            longReader.rollback();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Waits until some session other than {@code except} waits for a relation lock. */
    private static void awaitLockWaiterOtherThan(TestDatabase db, int except) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted "
                        + "AND locktype = 'relation' AND pid <> " + except)) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("the upgrade never waited for the view's lock");
    }

    private static boolean isOpen(TestDatabase db, int pid) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid)) {
            return r.next() && r.getString(1).equals("idle in transaction");
        }
    }

    @Test
    void settings_areChecked() {
        assertThrows(IllegalArgumentException.class, () -> ViewMigrator.builder().ddlLockTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ViewMigrator.builder().ddlLockRetries(-1));
    }
}
