package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.runtime.VerifyReport;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What the runtime logs, through the platform logger ({@link System#getLogger}): no logging dependency, and
 * {@code java.util.logging} by default, or whatever the application installs as its {@code System.LoggerFinder}
 * (SLF4J and Log4j provide one). Every logger is named under {@value #ROOT}, so that one setting turns the runtime's
 * log lines on or off. Failures are not logged: they are thrown, and whoever catches them reports them once.
 */
public final class RuntimeLog {
    /** The parent of every logger of the runtime. */
    public static final String ROOT = "dev.viewmigrate.runtime";
    /** Revisions applied and rolled back, and runs that had nothing to do. */
    public static final String MIGRATION = ROOT + ".migration";
    /** Waiting for the advisory lock that serialises runs. */
    public static final String LOCK = ROOT + ".lock";
    /** Materialized views refreshed. */
    public static final String REFRESH = ROOT + ".refresh";
    /** The outcome of verify. */
    public static final String VERIFY = ROOT + ".verify";

    private static final Logger MIGRATION_LOG = System.getLogger(MIGRATION);
    private static final Logger LOCK_LOG = System.getLogger(LOCK);
    private static final Logger REFRESH_LOG = System.getLogger(REFRESH);
    private static final Logger VERIFY_LOG = System.getLogger(VERIFY);

    private RuntimeLog() {}

    public static void nothingToDo(Direction direction, String state, String target) {
        MIGRATION_LOG.log(Level.INFO, () -> "Nothing to " + (direction == Direction.UPGRADE ? "upgrade" : "downgrade")
                + ": the database is at " + position(state) + " (target '" + target + "')");
    }

    public static void ranRevision(Migration migration, Direction direction, Duration took) {
        MIGRATION_LOG.log(Level.INFO, () -> (direction == Direction.UPGRADE ? "Applied " : "Rolled back ")
                + Chain.describe(migration) + " in " + duration(took));
    }

    public static void ranRevisions(MigrationResult result) {
        MIGRATION_LOG.log(Level.INFO, () -> (result.direction() == Direction.UPGRADE ? "Upgraded" : "Downgraded")
                + " from " + position(result.from()) + " to " + position(result.to()) + ": "
                + result.executed().size() + (result.executed().size() == 1 ? " revision" : " revisions") + " in "
                + duration(result.duration()));
    }

    static void createdHistoryTable(String table) {
        MIGRATION_LOG.log(Level.INFO, () -> "Created history table " + table + " with the first revision");
    }

    static void waitingForLock(String table, long key, String holder) {
        LOCK_LOG.log(Level.INFO, () -> "Waiting for the viewmigrate lock of history table " + table
                + " (PostgreSQL advisory lock " + key + "): another upgrade or downgrade of this database is running. "
                + holder.strip());
    }

    static void lockAcquired(String table, Duration waited) {
        LOCK_LOG.log(Level.INFO, () -> "Took the viewmigrate lock of history table " + table + " after waiting "
                + duration(waited));
    }

    static void lockWaitRetry(String step, int retry, LockWaits waits, Duration pause,
            java.util.List<BlockingSessions.Session> blockers) {
        LOCK_LOG.log(Level.WARNING, () -> "Lock wait: " + step + " waited " + duration(waits.timeout())
                + " (lock_timeout) for a table lock and was rolled back; retry " + retry + " of " + waits.retries()
                + " in " + duration(pause) + ". " + Messages.blockers(blockers));
    }

    static void lockNotHeldAtRelease(String table) {
        LOCK_LOG.log(Level.WARNING, () -> "The session advisory lock of history table " + table + " was not held by "
                + "this server session at the end of the run: the connection goes through a transaction pooler "
                + "(PgBouncer pool_mode = transaction?), so the lock was taken on another server connection and stays "
                + "there until that connection closes. Use lock mode transaction (the default) behind such a pooler.");
    }

    static void refreshed(String view, boolean concurrently, Duration took) {
        REFRESH_LOG.log(Level.INFO, () -> "Refreshed materialized view " + view + (concurrently ? " concurrently" : "")
                + " in " + duration(took));
    }

    public static void verified(VerifyReport report) {
        String at = report.revision().map(r -> "revision " + r).orElse("base");
        if (report.clean()) {
            VERIFY_LOG.log(Level.INFO, () -> "Verify found no drift at " + at + ": " + report.viewsChecked()
                    + (report.viewsChecked() == 1 ? " view matches" : " views match") + " the applied revisions");
        } else {
            VERIFY_LOG.log(Level.WARNING, () -> "Verify found " + report.findings().size()
                    + (report.findings().size() == 1 ? " difference" : " differences") + " at " + at + " between the "
                    + "database and the applied revisions: " + report.findings().stream()
                            .map(VerifyReport.Finding::message).reduce((a, b) -> a + "; " + b).orElse(""));
        }
    }

    private static String position(String state) {
        return state.equals("base") ? "base" : "revision " + state;
    }

    private static String position(Optional<String> revision) {
        return revision.map(r -> "revision " + r).orElse("base");
    }

    /** "12 ms", "3.4 s". */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 10_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
