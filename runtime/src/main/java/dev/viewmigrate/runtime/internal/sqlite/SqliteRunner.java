package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.runtime.internal.Chain;
import dev.viewmigrate.runtime.internal.ChainValidator;
import dev.viewmigrate.runtime.internal.ExpectedState;
import dev.viewmigrate.runtime.internal.HistoryTable;
import dev.viewmigrate.runtime.internal.RuntimeLog;
import dev.viewmigrate.runtime.internal.Targets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Upgrades and downgrades a SQLite database. SQLite has no advisory locks; its own write lock serialises runs
 * instead: every revision runs in a {@code BEGIN IMMEDIATE} transaction (which takes the database's write lock at
 * once, waiting up to the lock timeout as the connection's busy timeout), and inside it the history is read again
 * and the revision applied only when it is still pending. So with several processes upgrading one file, each
 * revision is applied exactly once, and a revision's DDL, history row and (first time) the history table commit or
 * roll back together (SQLite's DDL is transactional).
 *
 * <p>Before the first revision, when something is pending, the file is backed up ({@link Backups}). A revision that
 * changes no view is a hand-written migration: the managed views that exist are dropped before it and recreated from
 * the frozen state after it, in its transaction, because SQLite's {@code ALTER TABLE ... RENAME/DROP COLUMN}
 * re-checks every view of the schema and fails on one that reads the column.
 */
final class SqliteRunner {
    private final SqliteDatabase database;
    private final MigrationListener listener;

    SqliteRunner(SqliteDatabase database, MigrationListener listener) {
        this.database = database;
        this.listener = listener;
    }

    MigrationResult run(Chain chain, Direction direction, String target) {
        long started = System.nanoTime();
        SqliteHistory history = database.history();
        try (Connection connection = database.open()) {
            HistoryTable.Contents contents = history.read(connection);
            ChainValidator.check(chain, history.named(), contents.applied());
            int current = contents.applied().size();
            int goal = direction == Direction.UPGRADE ? Targets.forUpgrade(chain, current, target)
                    : Targets.forDowngrade(chain, current, target);
            if (goal == current) {
                RuntimeLog.nothingToDo(direction, chain.stateName(current), target);
                return result(chain, direction, current, current, List.of(), started);
            }
            Optional<Path> backup = database.backups().take(connection);
            backup.ifPresent(listener::backedUp);
            int from = current;
            List<String> executed = new ArrayList<>();
            while (true) {
                Integer index = begin(connection, chain, direction, goal);
                if (index == null) {
                    break;
                }
                if (executed.isEmpty()) {
                    // Another process may have moved the database between the first read and this transaction.
                    from = direction == Direction.UPGRADE ? index : index + 1;
                }
                apply(connection, chain, direction, index, executed, backup);
                executed.add(chain.get(index).revision());
            }
            if (executed.isEmpty()) {
                RuntimeLog.nothingToDo(direction, chain.stateName(goal), target);
                return result(chain, direction, goal, goal, executed, started);
            }
            int to = direction == Direction.UPGRADE ? from + executed.size()
                    : from - executed.size();
            MigrationResult result = result(chain, direction, from, to, executed, started);
            RuntimeLog.ranRevisions(result);
            return result;
        } catch (SQLException e) {
            throw SqliteMessages.connectionFailed(database.describe(), e);
        }
    }

    /**
     * Starts the next revision's transaction: {@code BEGIN IMMEDIATE}, then the history read again under the write
     * lock. Returns the chain position to apply (upgrade) or revert (downgrade), or null (transaction ended) when the
     * database is at the goal, which another process may have reached meanwhile.
     */
    private Integer begin(Connection connection, Chain chain, Direction direction, int goal) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw SqliteMessages.lockTimeout(database.describe(), database.lockTimeout(), e);
        }
        try {
            HistoryTable.Contents contents = database.history().read(connection);
            ChainValidator.check(chain, database.history().named(), contents.applied());
            int current = contents.applied().size();
            boolean done = direction == Direction.UPGRADE ? current >= goal : current <= goal;
            if (done) {
                rollback(connection, null);
                return null;
            }
            return direction == Direction.UPGRADE ? current : current - 1;
        } catch (RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    private void apply(Connection connection, Chain chain, Direction direction, int index, List<String> executed,
            Optional<Path> backup) throws SQLException {
        Migration migration = chain.get(index);
        boolean up = direction == Direction.UPGRADE;
        listener.beforeRevision(migration, direction);
        long start = System.nanoTime();
        SqliteHistory history = database.history();
        try (Statement statement = connection.createStatement()) {
            SqliteContext context = SqliteContext.online(connection, statement, migration.revision(), !up);
            try {
                if (up && !history.exists(connection)) {
                    history.create(connection);
                }
                List<FrozenView> lifted = handWritten(migration) ? lift(connection, chain, index, context)
                        : List.of();
                if (up) {
                    migration.upgrade(context);
                } else {
                    migration.downgrade(context);
                }
                for (FrozenView view : lifted) {
                    context.execute(SqliteText.createView(view));
                }
                if (up) {
                    history.insert(connection, index + 1, migration, (System.nanoTime() - start) / 1_000_000);
                } else if (history.delete(connection, migration.revision()) != 1) {
                    throw new SQLException("the history row of revision " + migration.revision()
                            + " was not there to delete (the table was changed by hand)");
                }
                statement.execute("COMMIT");
            } catch (Exception e) {
                rollback(connection, e);
                throw SqliteMessages.migrationFailed(chain, index, up, executed, context, e, backup,
                        database.describe());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RuntimeLog.ranRevision(migration, direction, took);
        listener.afterRevision(migration, direction, took);
    }

    /** A revision that creates, changes and removes no view: the processor's wrapper of a hand-written migration. */
    static boolean handWritten(Migration migration) {
        return migration.viewsAfter().isEmpty() && migration.viewsRemoved().isEmpty();
    }

    /**
     * Drops the managed views of the state around the hand-written revision at {@code index} that exist, and returns
     * them (frozen) to be created again after it. SQLite checks nothing when a view is dropped or created, so the
     * order does not matter. A trigger on one of them would be lost with it: refused.
     */
    private static List<FrozenView> lift(Connection connection, Chain chain, int index, SqliteContext context)
            throws Exception {
        Set<String> live = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'view'")) {
            while (rows.next()) {
                live.add(SqliteText.key(rows.getString(1)));
            }
        }
        List<FrozenView> lifted = new ArrayList<>();
        for (ExpectedState.ExpectedView expected : ExpectedState.at(chain, index).views().values()) {
            if (live.contains(SqliteText.key(expected.view().name().name()))) {
                lifted.add(expected.view());
            }
        }
        List<String> triggers = new ArrayList<>();
        for (String dependent : SqliteViewSteps.dependents(connection, lifted)) {
            if (dependent.startsWith("trigger ") && dependent.contains("(defined on view")) {
                triggers.add(dependent);
            }
        }
        if (!triggers.isEmpty()) {
            throw new SQLException(SqliteMessages.triggersOnLiftedViews(triggers), SqliteViewSteps.DEPENDENTS_STATE);
        }
        for (int i = lifted.size() - 1; i >= 0; i--) {
            context.execute(SqliteText.dropView(lifted.get(i)));
        }
        return lifted;
    }

    private static void rollback(Connection connection, Throwable failure) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    static MigrationResult result(Chain chain, Direction direction, int from, int to, List<String> executed,
            long started) {
        return new MigrationResult(direction, state(chain, from), state(chain, to), executed,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Optional<String> state(Chain chain, int n) {
        return n == 0 ? Optional.empty() : Optional.of(chain.get(n - 1).revision());
    }
}
