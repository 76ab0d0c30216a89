package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.sql.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL session advisory lock that serialises upgrade and downgrade runs on one history table, across
 * threads, processes and machines. Waiting is bounded by {@code lock_timeout}, set for the locking transaction only
 * (a blocking {@code pg_advisory_lock} hands over the moment the holder releases, unlike polling
 * {@code pg_try_advisory_lock}). The lock belongs to the session, so it outlives that short transaction and every
 * revision's transaction until {@link #release} (or the end of the session, should the process die).
 */
final class AdvisoryLock {
    /** SQLState lock_not_available: lock_timeout expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final HistoryTable table;
    private final Duration timeout;

    AdvisoryLock(HistoryTable table, Duration timeout) {
        this.table = table;
        this.timeout = timeout;
    }

    /**
     * Blocks until the lock is held or the timeout expires. {@code connection} is in autocommit mode. A free lock is
     * taken at once; otherwise the wait (who holds the lock, how long it took) is logged.
     */
    void acquire(Connection connection) {
        long key = table.lockKey();
        try {
            if (tryAcquire(connection)) {
                return;
            }
            RuntimeLog.waitingForLock(table.qualifiedName(), key, holder(connection, key));
            long started = System.nanoTime();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
                statement.execute(table.lockSql());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw Messages.lockTimeout(timeout, table.qualifiedName(), key, holder(connection, key), e);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            RuntimeLog.lockAcquired(table.qualifiedName(), Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw Messages.cannotLock(table.qualifiedName(), key, e);
        }
    }

    /**
     * The transaction-scoped form ({@link dev.viewmigrate.runtime.LockMode#TRANSACTION}): takes the lock in the
     * transaction {@code connection} is in, waiting at most the timeout; the transaction's end releases it. On a
     * timeout the transaction is rolled back. Leaves {@code lock_timeout} set to the lock's timeout: the caller sets
     * its own for the statements that follow.
     */
    void acquireInTransaction(Connection connection) {
        long key = table.lockKey();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet taken = statement.executeQuery(table.tryXactLockSql())) {
                if (taken.next() && taken.getBoolean(1)) {
                    return;
                }
            }
            RuntimeLog.waitingForLock(table.qualifiedName(), key, holder(connection, key));
            long started = System.nanoTime();
            try {
                statement.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
                statement.execute(table.xactLockSql());
            } catch (SQLException e) {
                connection.rollback();
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw Messages.lockTimeout(timeout, table.qualifiedName(), key, holder(connection, key), e);
                }
                throw e;
            }
            RuntimeLog.lockAcquired(table.qualifiedName(), Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw Messages.cannotLock(table.qualifiedName(), key, e);
        }
    }

    private boolean tryAcquire(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet taken = statement.executeQuery(table.tryLockSql())) {
            return taken.next() && taken.getBoolean(1);
        }
    }

    /**
     * Releases the lock; {@code connection} is in autocommit mode with no failed transaction. Returns false when this
     * server session did not hold it: behind a transaction pooler the lock was taken on another server connection.
     */
    boolean release(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet released = statement.executeQuery(table.unlockSql())) {
            return released.next() && released.getBoolean(1);
        }
    }

    /** Who holds the lock, from pg_locks and pg_stat_activity, as far as this user may see it. */
    private static String holder(Connection connection, long key) {
        String sql = "SELECT a.pid, a.usename, a.application_name, host(a.client_addr), a.backend_start, a.state, "
                + "a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid::bigint = ? AND l.objid::bigint = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
            query.setLong(1, key >>> 32);
            query.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return "The holder has released it since, or is not visible to this user. ";
                }
                StringBuilder who = new StringBuilder("It is held by backend pid ").append(row.getInt(1));
                who.append(" (user ").append(row.getString(2));
                String application = row.getString(3);
                if (application != null && !application.isEmpty()) {
                    who.append(", application '").append(application).append('\'');
                }
                if (row.getString(4) != null) {
                    who.append(", client ").append(row.getString(4));
                }
                if (row.getTimestamp(5) != null) {
                    who.append(", connected since ").append(row.getTimestamp(5).toInstant());
                }
                if (row.getString(6) != null) {
                    who.append(", ").append(row.getString(6));
                }
                if (row.getString(7) != null && !row.getString(7).isBlank()) {
                    who.append(", last query: ").append(SqlText.abbreviate(row.getString(7).strip(), 200));
                }
                return who.append("). ").toString();
            }
        } catch (SQLException e) {
            return "Its holder could not be looked up (" + e.getMessage() + "). ";
        }
    }
}
