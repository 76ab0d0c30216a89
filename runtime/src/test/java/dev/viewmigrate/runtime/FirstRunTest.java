package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first run on an empty database creates the history table in the first revision's transaction: a failed first
 * revision leaves nothing behind (no empty history table that would make Flyway refuse a "non-empty schema without a
 * schema history table"), and concurrent first runs still create it once and apply each revision once.
 */
@ExtendWith(PostgresExtension.class)
class FirstRunTest {
    private static final SqlMigration BROKEN_FIRST = new SqlMigration("1", "create view on a missing table",
            List.of("CREATE TABLE authors_copy (id integer)", "CREATE VIEW author_names AS SELECT name FROM authors"),
            List.of("DROP VIEW author_names", "DROP TABLE authors_copy"));

    @Test
    void failingFirstRevision_leavesNoHistoryTableAndAnEmptySchema(TestDatabase db) throws Exception {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource())
                .catalog(() -> List.of(BROKEN_FIRST, Chains.ACTIVE_ACCOUNTS)).build();

        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);

        assertEquals(ErrorCode.MIGRATION_FAILED, e.code(), e::getMessage);
        assertTrue(e.getMessage().contains("relation \"authors\" does not exist (SQLState 42P01)"), e::getMessage);
        assertEquals(List.of("(no table viewmigrate_history)"), HistoryRows.of(db));
        empty.assertSameAs(CatalogSnapshot.capture(db), "after a failed first revision");
        assertEquals(0, relationsIn(db, "public"));
        assertEquals(List.of(), migrator.history());
    }

    @Test
    void failingFirstRevision_withAHistorySchema_doesNotCreateTheSchemaEither(TestDatabase db) throws Exception {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).historySchema("ops")
                .catalog(() -> List.of(BROKEN_FIRST)).build();

        assertEquals(ErrorCode.MIGRATION_FAILED, assertThrows(ViewMigrateException.class, migrator::upgrade).code());

        empty.assertSameAs(CatalogSnapshot.capture(db), "after a failed first revision with a history schema");
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'ops'")) {
            r.next();
            assertEquals(0, r.getInt(1), "schema ops was left behind");
        }
    }

    @Test
    void failingSecondRevision_keepsTheFirstWithTheHistoryTableItCreated(TestDatabase db) throws Exception {
        SqlMigration brokenSecond = new SqlMigration("2", "create view on a missing table", BROKEN_FIRST.up(),
                BROKEN_FIRST.down());
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource())
                .catalog(() -> List.of(Chains.ACCOUNTS, brokenSecond)).build();

        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);

        assertTrue(e.getMessage().startsWith("Upgrade of revision 2 (create view on a missing table) failed and was "
                + "rolled back; the database stays at revision 1 (applied in this run: 1)."), e::getMessage);
        assertEquals(List.of("1"), HistoryRows.of(db).stream().map(row -> row.split("\\|")[1]).toList());
    }

    /**
     * Two instances on an empty database both see no history table before the lock. The first creates it with its
     * first revision, which fails: the second, waiting for the lock meanwhile, then finds no table again, creates it
     * and applies the revision itself.
     */
    @Test
    void runWaitingBehindAFailedFirstRun_createsTheTableAndAppliesTheRevisionItself(TestDatabase db)
            throws Exception {
        BlockingFirstRevision first = new BlockingFirstRevision(true);
        ViewMigrator a = ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(first)).build();
        ViewMigrator b = ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(first))
                .lockTimeout(Duration.ofSeconds(60)).build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationResult> runA = threads.submit(() -> a.upgrade());
            assertTrue(first.inside.await(30, TimeUnit.SECONDS));
            // A holds the lock with the table created but not committed: B sees no table and queues for the lock.
            Future<MigrationResult> runB = threads.submit(() -> b.upgrade());
            awaitLockWaiter(db);
            first.proceed.countDown();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> runA.get(30, TimeUnit.SECONDS));
            assertEquals(ErrorCode.MIGRATION_FAILED, ((ViewMigrateException) failed.getCause()).code());
            assertEquals(List.of("1"), runB.get(30, TimeUnit.SECONDS).executed());
        } finally {
            first.proceed.countDown();
            threads.shutdownNow();
        }
        assertEquals(2, first.calls.get());
        assertEquals(List.of("1"), HistoryRows.of(db).stream().map(row -> row.split("\\|")[1]).toList());
        assertEquals(2, relationsIn(db, "public"), "the history table and table t, nothing else");
    }

    /** The same race where the first run succeeds: the waiting run reads the history again and has nothing to do. */
    @Test
    void runWaitingBehindASuccessfulFirstRun_findsTheTableAndTheWorkDone(TestDatabase db) throws Exception {
        BlockingFirstRevision first = new BlockingFirstRevision(false);
        ViewMigrator a = ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(first)).build();
        ViewMigrator b = ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(first))
                .lockTimeout(Duration.ofSeconds(60)).build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationResult> runA = threads.submit(() -> a.upgrade());
            assertTrue(first.inside.await(30, TimeUnit.SECONDS));
            Future<MigrationResult> runB = threads.submit(() -> b.upgrade());
            awaitLockWaiter(db);
            first.proceed.countDown();

            assertEquals(List.of("1"), runA.get(30, TimeUnit.SECONDS).executed());
            assertEquals(List.of(), runB.get(30, TimeUnit.SECONDS).executed());
        } finally {
            first.proceed.countDown();
            threads.shutdownNow();
        }
        assertEquals(1, first.calls.get());
        assertEquals(List.of("1"), HistoryRows.of(db).stream().map(row -> row.split("\\|")[1]).toList());
    }

    /** Revision 1: creates table t, then waits for the test; the first call fails when {@code failFirst}. */
    private static final class BlockingFirstRevision implements Migration {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        private final boolean failFirst;

        BlockingFirstRevision(boolean failFirst) {
            this.failFirst = failFirst;
        }

        @Override
        public String revision() {
            return "1";
        }

        @Override
        public String description() {
            return "create table t";
        }

        @Override
        public int checksum() {
            return 7;
        }

        @Override
        public void upgrade(MigrationContext context) throws Exception {
            context.execute("CREATE TABLE t (id integer)");
            if (calls.incrementAndGet() == 1) {
                inside.countDown();
                assertTrue(proceed.await(30, TimeUnit.SECONDS));
                if (failFirst) {
                    throw new IllegalStateException("the first instance's revision failed");
                }
            }
        }

        @Override
        public void downgrade(MigrationContext context) throws Exception {
            context.execute("DROP TABLE t");
        }
    }

    /** Waits until a session waits for an advisory lock (the second run queued behind the first). */
    private static void awaitLockWaiter(TestDatabase db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND NOT granted")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the second run never waited for the advisory lock");
    }

    private static int relationsIn(TestDatabase db, String schema) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                        + "ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "' AND c.relkind IN "
                        + "('r', 'v', 'm', 'p', 'f')")) {
            r.next();
            return r.getInt(1);
        }
    }
}
