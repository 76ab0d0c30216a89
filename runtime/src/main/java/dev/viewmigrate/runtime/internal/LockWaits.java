package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * How long viewmigrate's own statements (a revision's DDL, stamp's history writes, refresh) wait for PostgreSQL's
 * table locks, and how often a transaction that timed out is tried again. {@code lock_timeout} is set with
 * {@code SET LOCAL}, so it ends with the transaction (and never leaks to a pooled connection); a revision that sets
 * its own {@code lock_timeout} overrides it for the rest of its transaction.
 *
 * <p>Why bounded: {@code DROP VIEW}/{@code CREATE OR REPLACE VIEW}/{@code REFRESH} need an {@code ACCESS EXCLUSIVE}
 * lock; queued behind a long reader, the statement makes every new reader queue behind it. With a timeout the queue
 * lasts at most that long, the transaction is rolled back and tried again after a pause in which readers run.
 */
public record LockWaits(Duration timeout, int retries) {
    /** SQLState lock_not_available: lock_timeout expired (or NOWAIT failed). */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** The longest pause between two attempts. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public LockWaits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the DDL lock timeout must be positive, was " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("the DDL lock retries must be 0 or more, was " + retries);
        }
    }

    /** {@code SET LOCAL lock_timeout = '10000ms'}: for the current transaction only. */
    String setLocalSql() {
        return "SET LOCAL lock_timeout = '" + Math.max(1, timeout.toMillis()) + "ms'";
    }

    /** The offline script's form: {@code SET lock_timeout = '10s';} for the psql session that runs it. */
    public String setSessionSql() {
        long ms = Math.max(1, timeout.toMillis());
        return "SET lock_timeout = '" + (ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms") + "'";
    }

    /** Sets the timeout for the transaction {@code statement}'s connection is in. */
    void apply(Statement statement) throws SQLException {
        statement.execute(setLocalSql());
    }

    /**
     * The pause before retry {@code retry} (1 for the first): the timeout, capped at one second, doubled for every
     * further retry, at most 30 s. Long enough for the readers that queued behind the rolled-back statement to run,
     * short next to a deploy.
     */
    Duration backoff(int retry) {
        long base = Math.min(timeout.toMillis(), 1000);
        long millis = base << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Whether {@code error} or one of its causes is PostgreSQL's lock timeout. */
    static boolean isLockTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code sql} alone in a transaction of its own with this lock timeout, tried again after a pause each time
     * it times out waiting for a lock, at most {@link #retries} times (for statements outside a revision, e.g.
     * {@code REFRESH}). {@code connection} is in autocommit mode, and is again afterwards. The last failure is thrown.
     */
    void execute(Connection connection, Statement statement, String sql, String step, MigrationListener listener)
            throws SQLException {
        for (int retry = 0; ; retry++) {
            long start = System.nanoTime();
            connection.setAutoCommit(false);
            try {
                apply(statement);
                statement.execute(sql);
                connection.commit();
                return;
            } catch (SQLException e) {
                connection.rollback();
                if (!isLockTimeout(e) || retry >= retries) {
                    throw e;
                }
                List<BlockingSessions.Session> blockers = BlockingSessions.openTransactions(connection,
                        Duration.ofNanos(System.nanoTime() - start));
                connection.rollback();
                Duration backoff = backoff(retry + 1);
                RuntimeLog.lockWaitRetry(step, retry + 1, this, backoff, blockers);
                listener.lockWaitRetry(step, retry + 1, retries, backoff, Messages.blockers(blockers));
                pause(backoff);
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Sleeps for the backoff; an interrupt ends the wait and is kept for the caller. */
    static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
