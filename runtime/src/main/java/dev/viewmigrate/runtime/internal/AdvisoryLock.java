package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
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

    /** Blocks until the lock is held or the timeout expires. {@code connection} is in autocommit mode. */
    void acquire(Connection connection) {
        long key = table.lockKey();
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
                statement.execute("SELECT pg_advisory_lock(" + key + ")");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new ViewMigrateException(ErrorCode.LOCK_TIMEOUT, "Timed out after " + format(timeout)
                            + " waiting for the viewmigrate lock of history table " + table.qualifiedName()
                            + " (PostgreSQL advisory lock " + key + "): another upgrade or downgrade of this database "
                            + "is running. " + holder(connection, key) + "Wait for it to finish and try again; if "
                            + "that session is stuck, end it with SELECT pg_terminate_backend(<pid>); to wait longer, "
                            + "raise the timeout with ViewMigrator.builder().lockTimeout(...).", e);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not take the viewmigrate lock of history "
                    + "table " + table.qualifiedName() + " (PostgreSQL advisory lock " + key + "): " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + "). The user needs to be able to call pg_advisory_lock.", e);
        }
    }

    /** Releases the lock; {@code connection} is in autocommit mode with no failed transaction. */
    void release(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + table.lockKey() + ")");
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

    static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s % 60 == 0 && s >= 60 ? s / 60 + " min" : s + " s";
    }
}
