package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PgBouncer;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs through a real PgBouncer in {@code pool_mode = transaction}, where a session advisory lock would be taken on one
 * server connection and left there: the default lock mode (transaction) serialises concurrent runs all the same.
 */
@ExtendWith(PostgresExtension.class)
class PgBouncerTest {
    @BeforeEach
    void needsPgBouncer() {
        Assumptions.assumeTrue(PgBouncer.unavailable().isEmpty(), () -> PgBouncer.unavailable().orElseThrow());
    }

    private static ViewMigrator through(PgBouncer bouncer, TestDatabase db, MigrationCatalog catalog) {
        return ViewMigrator.builder().url(bouncer.url(), db.user(), db.password()).catalog(catalog).build();
    }

    @Test
    void fourConcurrentUpgrades_applyEveryRevisionOnce_leaveNoLock_andDowngradeWorks(TestDatabase db)
            throws Exception {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        try (PgBouncer bouncer = PgBouncer.start(db)) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<MigrationResult>> runs = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    ViewMigrator migrator = through(bouncer, db, RunOnceChain.CATALOG);
                    runs.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return migrator.upgrade();
                    }));
                }
                start.countDown();
                List<String> executed = new ArrayList<>();
                for (Future<MigrationResult> run : runs) {
                    // get() rethrows a failure, e.g. a revision run twice (run_log's primary key).
                    executed.addAll(run.get(60, TimeUnit.SECONDS).executed());
                }
                executed.sort(null);
                assertEquals(List.of("1", "2", "3"), executed, bouncer::log);
            } finally {
                threads.shutdownNow();
            }
            assertEquals(List.of("1", "2", "3"), query(db, "SELECT revision FROM run_log ORDER BY revision"));
            assertEquals(List.of("1|1", "2|2", "3|3"),
                    query(db, "SELECT rank || '|' || revision FROM viewmigrate_history ORDER BY rank"));
            assertEquals(List.of("0"), query(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));

            MigrationResult down = through(bouncer, db, RunOnceChain.CATALOG).downgrade("base");

            assertEquals(List.of("3", "2", "1"), down.executed());
            assertEquals(List.of("0"), query(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
        }
        empty.assertSameAs(CatalogSnapshot.capture(db).without("public.viewmigrate_history"),
                "after upgrade and downgrade through PgBouncer");
    }

    @Test
    void lockWaitThroughPgBouncer_namesTheBlockingReader(TestDatabase db) throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(db)) {
            through(bouncer, db, () -> List.of(Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS)).upgrade();
            ViewMigrator migrator = ViewMigrator.builder().url(bouncer.url(), db.user(), db.password())
                    .catalog(() -> List.of(Chains.ACCOUNTS, Chains.ACTIVE_ACCOUNTS, LockWaitTest.RECREATE))
                    .ddlLockTimeout(Duration.ofMillis(300)).ddlLockRetries(0).build();
            try (Connection reader = db.connect(); Statement s = reader.createStatement()) {
                s.execute("SET application_name = 'dashboard'");
                reader.setAutoCommit(false);
                s.executeQuery("SELECT * FROM active_accounts").close();

                ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);

                assertEquals(ErrorCode.LOCK_TIMEOUT, e.code(), e.getMessage());
                assertTrue(e.getMessage().contains("application 'dashboard', idle in transaction for "),
                        e::getMessage);
                reader.rollback();
            }
            assertEquals(List.of("3"), migrator.upgrade().executed(), "once the reader is gone");
        }
    }

    private static List<String> query(TestDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
