package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.sql.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs upgrades and downgrades against the database, Flyway's way: one connection for the whole run; read the
 * history once and validate it; when there is work, take the advisory lock, read and validate again (another
 * process may have moved the database meanwhile), then apply each revision in its own transaction together with
 * its history row. Nothing is queried per revision beyond its own statements and the history row.
 */
public final class OnlineRunner {
    private final ConnectionSource connections;
    private final HistoryTable table;
    private final AdvisoryLock lock;
    private final MigrationListener listener;

    public OnlineRunner(ConnectionSource connections, HistoryTable table, Duration lockTimeout,
            MigrationListener listener) {
        this.connections = connections;
        this.table = table;
        this.lock = new AdvisoryLock(table, lockTimeout);
        this.listener = listener;
    }

    /** The history as it is now, in one query, without the lock. */
    public HistoryTable.Contents read() {
        return connections.inAutoCommit(table::read, e -> new ViewMigrateException(ErrorCode.CONNECTION_FAILED,
                "The connection to " + connections.describe() + " failed: " + e.getMessage() + " (SQLState "
                        + e.getSQLState() + ").", e));
    }

    public MigrationResult run(Chain chain, Direction direction, String target) {
        long started = System.nanoTime();
        // Only the connection's own housekeeping reaches the failure handler (autocommit, close): everything else is
        // reported where it happens, with the revision or the history table named.
        return connections.inAutoCommit(connection -> runOn(connection, chain, direction, target, started),
                e -> new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "The connection to "
                        + connections.describe() + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState()
                        + "). Check the server and the network, then run again: every revision that completed is "
                        + "committed and recorded.", e));
    }

    private MigrationResult runOn(Connection connection, Chain chain, Direction direction, String target,
            long started) throws SQLException {
        // Optimistic look without the lock: when the database is already at the target (the usual case when many
        // application instances start), nobody has to queue for the lock.
        HistoryTable.Contents contents = table.read(connection);
        ChainValidator.check(chain, table, contents.applied());
        int current = contents.applied().size();
        if (resolve(chain, direction, current, target) == current) {
            return result(chain, direction, current, current, List.of(), started);
        }
        lock.acquire(connection);
        Throwable failure = null;
        try {
            contents = table.read(connection);
            ChainValidator.check(chain, table, contents.applied());
            current = contents.applied().size();
            int goal = resolve(chain, direction, current, target);
            if (goal == current) {
                return result(chain, direction, current, current, List.of(), started);
            }
            if (!contents.exists()) {
                createHistoryTable(connection);
            }
            List<String> executed = apply(connection, chain, direction, current, goal);
            return result(chain, direction, current, goal, executed, started);
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            release(connection, failure);
        }
    }

    private static int resolve(Chain chain, Direction direction, int current, String target) {
        return direction == Direction.UPGRADE
                ? Targets.forUpgrade(chain, current, target)
                : Targets.forDowngrade(chain, current, target);
    }

    private void createHistoryTable(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            for (String sql : table.createSql()) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not create the history table "
                    + table.qualifiedName() + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + "). The user "
                    + "needs the CREATE privilege on the schema (or create the table with the DDL that "
                    + "upgradeSql(...) prints).", e);
        }
    }

    /**
     * Applies (upgrade) or reverts (downgrade) the revisions between {@code current} and {@code goal}, one
     * transaction each: its statements, then its history row inserted or deleted, then commit.
     */
    private List<String> apply(Connection connection, Chain chain, Direction direction, int current, int goal)
            throws SQLException {
        boolean up = direction == Direction.UPGRADE;
        int count = Math.abs(goal - current);
        List<String> executed = new ArrayList<>(count);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement history = connection.prepareStatement(up ? table.insertSql() : table.deleteSql())) {
            // Frozen SQL goes to the server verbatim: no JDBC escape processing of {fn ...} and friends.
            statement.setEscapeProcessing(false);
            for (int step = 0; step < count; step++) {
                int i = up ? current + step : current - 1 - step;
                Migration migration = chain.get(i);
                listener.beforeRevision(migration, direction);
                long start = System.nanoTime();
                OnlineContext context = new OnlineContext(connection, statement, migration.revision(), !up);
                try {
                    if (up) {
                        migration.upgrade(context);
                    } else {
                        migration.downgrade(context);
                    }
                } catch (Exception e) {
                    rollback(connection, e);
                    throw migrationFailed(chain, direction, migration, i, executed, context, e);
                } catch (Error e) {
                    rollback(connection, e);
                    throw e;
                }
                if (up) {
                    recordUpgrade(connection, history, chain, i, executed, System.nanoTime() - start);
                } else {
                    recordDowngrade(connection, history, migration);
                }
                commit(connection, chain, direction, migration, i, executed);
                executed.add(migration.revision());
                listener.afterRevision(migration, direction, Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return executed;
    }

    private void recordUpgrade(Connection connection, PreparedStatement insert, Chain chain, int index,
            List<String> executed, long elapsedNanos) {
        Migration migration = chain.get(index);
        try {
            insert.setInt(1, index + 1);
            insert.setString(2, migration.revision());
            insert.setString(3, migration.description());
            insert.setInt(4, migration.checksum());
            insert.setLong(5, elapsedNanos / 1_000_000);
            insert.executeUpdate();
        } catch (SQLException e) {
            rollback(connection, e);
            throw new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not record "
                    + Chain.describe(migration) + " in history table " + table.qualifiedName() + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + "). The revision was rolled back; "
                    + stays(chain, index, executed) + " Was the history table changed by hand?", e);
        }
    }

    private void recordDowngrade(Connection connection, PreparedStatement delete, Migration migration) {
        int deleted;
        try {
            delete.setString(1, migration.revision());
            deleted = delete.executeUpdate();
        } catch (SQLException e) {
            rollback(connection, e);
            throw new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not remove "
                    + Chain.describe(migration) + " from history table " + table.qualifiedName() + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + "). Its downgrade was rolled back; "
                    + "the database stays at revision " + migration.revision() + ".", e);
        }
        if (deleted != 1) {
            // Only a change to the table outside viewmigrate (we hold the lock) can get here.
            ViewMigrateException e = new ViewMigrateException(ErrorCode.HISTORY_FAILED, "History table "
                    + table.qualifiedName() + " had " + deleted + " rows for " + Chain.describe(migration)
                    + " instead of one. Its downgrade was rolled back; the database stays at revision "
                    + migration.revision() + ". Was the history table changed by hand while migrating?");
            rollback(connection, e);
            throw e;
        }
    }

    private static void commit(Connection connection, Chain chain, Direction direction, Migration migration,
            int index, List<String> executed) {
        try {
            connection.commit();
        } catch (SQLException e) {
            rollback(connection, e);
            throw new ViewMigrateException(ErrorCode.MIGRATION_FAILED, (direction == Direction.UPGRADE ? "" :
                    "Downgrade of ") + Chain.describe(migration) + " could not be committed: " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + "). It was rolled back; "
                    + (direction == Direction.UPGRADE ? stays(chain, index, executed)
                            : "the database stays at revision " + migration.revision() + ".")
                    + " A deferred constraint or trigger of the revision failed at commit: fix the revision.", e);
        }
    }

    /**
     * MIGRATION_FAILED: which revision, which statement (numbered within the revision, trimmed when long), what
     * PostgreSQL said with SQLState and position, and where the database stands now.
     */
    private static ViewMigrateException migrationFailed(Chain chain, Direction direction, Migration migration,
            int index, List<String> executed, OnlineContext context, Exception error) {
        StringBuilder message = new StringBuilder();
        String what = direction == Direction.UPGRADE ? "Upgrade" : "Downgrade";
        message.append(what).append(" of ").append(Chain.describe(migration)).append(" failed and was rolled back; ");
        if (direction == Direction.UPGRADE) {
            message.append(stays(chain, index, executed));
        } else {
            message.append("the database stays at revision ").append(migration.revision()).append('.');
            if (!executed.isEmpty()) {
                message.append(" Revisions rolled back before it in this run: ").append(String.join(", ", executed))
                        .append('.');
            }
        }
        OnlineContext.Failure failure = context.failure();
        Throwable cause = error;
        if (failure != null) {
            cause = failure.error();
            message.append(' ').append(StatementFailure.describe(failure.number(), failure.sql(), failure.error()));
            message.append('\n').append(advice(failure.error(), direction == Direction.UPGRADE ? "upgrade"
                    : "downgrade"));
        } else {
            message.append(" Its code threw ").append(error.getClass().getName()).append(": ")
                    .append(error.getMessage());
            if (context.executedCount() > 0) {
                message.append(" after ").append(context.executedCount()).append(" statement")
                        .append(context.executedCount() == 1 ? "" : "s").append("; the last was:\n    ")
                        .append(SqlText.abbreviate(context.lastStatement().strip(), 2000).replace("\n", "\n    "));
            } else {
                message.append(" before executing any statement.");
            }
            message.append("\nFix the migration and run ").append(direction == Direction.UPGRADE ? "upgrade"
                    : "downgrade").append(" again.");
        }
        return new ViewMigrateException(ErrorCode.MIGRATION_FAILED, message.toString(), cause);
    }

    /**
     * What to do after a failed statement, by what PostgreSQL said: the revision is at fault only when its SQL is
     * wrong. A refusal of our own dependents check, a lock wait or a timeout, or a lost connection is not fixed by
     * editing the revision.
     */
    static String advice(SQLException error, String verb) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        if (state.equals("2BP01")) {
            return "Nothing was changed. Do what the hint says, then run " + verb + " again.";
        }
        if (state.equals("55P03") || state.equals("57014") || state.equals("40P01") || state.equals("40001")) {
            return "This is a lock wait, timeout or conflict with another session, not a fault of the revision: run "
                    + verb + " again once that session is done (pg_stat_activity shows who holds the lock), or raise "
                    + "lock_timeout/statement_timeout for the migration's connection.";
        }
        if (state.startsWith("08")) {
            return "The connection to PostgreSQL was lost; check the server and run " + verb + " again.";
        }
        return "Fix the revision (for a generated one: the view's SQL, then recompile) and run " + verb + " again.";
    }

    /** "the database stays at revision 1 (applied in this run: 1)." for a failed upgrade of chain position index. */
    private static String stays(Chain chain, int index, List<String> executed) {
        String text = "the database stays at " + (index == 0 ? "base (no revision applied)"
                : "revision " + chain.stateName(index));
        if (!executed.isEmpty()) {
            text += " (applied in this run: " + String.join(", ", executed) + ")";
        }
        return text + ".";
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void release(Connection connection, Throwable failure) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            lock.release(connection);
        } catch (SQLException e) {
            // The session's end frees the lock too; a broken connection is closed right after this.
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw historyFailed("release the advisory lock on", e);
            }
        }
    }

    private static MigrationResult result(Chain chain, Direction direction, int from, int to, List<String> executed,
            long started) {
        return new MigrationResult(direction, state(chain, from), state(chain, to), executed,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Optional<String> state(Chain chain, int n) {
        return n == 0 ? Optional.empty() : Optional.of(chain.get(n - 1).revision());
    }

    private ViewMigrateException historyFailed(String action, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not " + action + " history table "
                + table.qualifiedName() + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ").", e);
    }

    /** Status values derived from one read: the applied rows and what upgrade head would apply. */
    public static List<Migration> pending(Chain chain, List<AppliedRevision> applied, boolean valid) {
        if (valid) {
            return chain.migrations().subList(applied.size(), chain.size());
        }
        // The applied list is not a prefix of the chain: list every chain revision that has no history row.
        Set<String> done = new HashSet<>();
        applied.forEach(row -> done.add(row.revision()));
        List<Migration> pending = new ArrayList<>();
        for (Migration migration : chain.migrations()) {
            if (!done.contains(migration.revision())) {
                pending.add(migration);
            }
        }
        return pending;
    }
}
