package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.LockMode;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs upgrades and downgrades against the database, Flyway's way: one connection for the whole run; read the
 * history once and validate it; when there is work, take the advisory lock, read and validate again (another
 * process may have moved the database meanwhile), then apply each revision in its own transaction together with
 * its history row.
 *
 * <p>The lock is either a session lock held for the whole run ({@link LockMode#SESSION}) or, by default, a
 * transaction lock taken at the start of every revision's transaction, which then reads the history again
 * ({@link LockMode#TRANSACTION}, safe behind a transaction pooler). Every revision's statements wait at most the DDL
 * lock timeout ({@link LockWaits}) for PostgreSQL's table locks; a revision that timed out is rolled back and tried
 * again after a pause, and after the last retry fails naming the sessions that blocked it ({@link BlockingSessions}).
 *
 * <p>A missing history table is created inside the first revision's transaction (PostgreSQL's DDL is
 * transactional): a first run whose first revision fails leaves nothing behind, not even an empty history table
 * that would make a tool such as Flyway take the schema for a non-empty one. Runs that both find no table do not
 * both create it: the advisory lock lets one in at a time, and the second reads the history again under the lock,
 * after the first committed the table with its first revision.
 */
public final class OnlineRunner {
    private final ConnectionSource connections;
    private final HistoryTable table;
    private final AdvisoryLock lock;
    private final LockMode lockMode;
    private final LockWaits waits;
    private final MigrationListener listener;

    /** The defaults for the lock mode and the DDL lock waits. */
    public OnlineRunner(ConnectionSource connections, HistoryTable table, Duration lockTimeout,
            MigrationListener listener) {
        this(connections, table, lockTimeout, LockMode.TRANSACTION, new LockWaits(Duration.ofSeconds(10), 3),
                listener);
    }

    public OnlineRunner(ConnectionSource connections, HistoryTable table, Duration lockTimeout, LockMode lockMode,
            LockWaits waits, MigrationListener listener) {
        this.connections = connections;
        this.table = table;
        this.lock = new AdvisoryLock(table, lockTimeout);
        this.lockMode = lockMode;
        this.waits = waits;
        this.listener = listener;
    }

    /** The history as it is now, in one query, without the lock. */
    public HistoryTable.Contents read() {
        return connections.inAutoCommit(table::read,
                e -> Messages.connectionLost(connections.describe(), "", e, ""));
    }

    public MigrationResult run(Chain chain, Direction direction, String target) {
        long started = System.nanoTime();
        // Only the connection's own housekeeping reaches the failure handler (autocommit, close): everything else is
        // reported where it happens, with the revision or the history table named.
        return connections.inAutoCommit(connection -> runOn(connection, chain, direction, target, started),
                e -> Messages.connectionLost(connections.describe(), "", e, "Check the server and the network, then "
                        + "run again: every revision that completed is committed and recorded."));
    }

    private MigrationResult runOn(Connection connection, Chain chain, Direction direction, String target,
            long started) throws SQLException {
        // Optimistic look without the lock: when the database is already at the target (the usual case when many
        // application instances start), nobody has to queue for the lock.
        HistoryTable.Contents contents = table.read(connection);
        ChainValidator.check(chain, table, contents.applied());
        int current = contents.applied().size();
        if (resolve(chain, direction, current, target) == current) {
            return nothingToDo(chain, direction, current, target, started);
        }
        if (lockMode == LockMode.TRANSACTION) {
            return runInTransactions(connection, chain, direction, current, resolve(chain, direction, current, target),
                    contents.exists(), target, started);
        }
        lock.acquire(connection);
        Throwable failure = null;
        try {
            contents = table.read(connection);
            ChainValidator.check(chain, table, contents.applied());
            current = contents.applied().size();
            int goal = resolve(chain, direction, current, target);
            if (goal == current) {
                return nothingToDo(chain, direction, current, target, started);
            }
            Run run = new Run(chain, direction, connection, current, goal, !contents.exists(), started);
            apply(run);
            MigrationResult result = run.result();
            RuntimeLog.ranRevisions(result);
            return result;
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

    private static MigrationResult nothingToDo(Chain chain, Direction direction, int current, String target,
            long started) {
        RuntimeLog.nothingToDo(direction, chain.stateName(current), target);
        return Run.result(chain, direction, current, current, List.of(), started);
    }

    /**
     * {@link LockMode#SESSION}: applies (upgrade) or reverts (downgrade) the run's revisions under the session lock,
     * one transaction each: (the history table, when it is missing,) its statements, then its history row inserted or
     * deleted, then commit. A revision whose statement timed out waiting for a table lock is tried again.
     */
    private void apply(Run run) throws SQLException {
        Connection connection = run.connection();
        connection.setAutoCommit(false);
        boolean createTable = run.createsHistoryTable();
        try (Statement statement = connection.createStatement()) {
            // Frozen SQL goes to the server verbatim: no JDBC escape processing of {fn ...} and friends.
            statement.setEscapeProcessing(false);
            // The session lock pins one server connection, so its backend is the same for every revision.
            int pid = backendPid(connection, statement);
            for (int index : run.positions()) {
                int retry = 0;
                while (!applyOne(run, index, createTable, statement, retry, pid, false)) {
                    retry++;
                }
                createTable = false;
            }
        }
    }

    /** The managed views once the first {@code applied} revisions of the chain are applied. */
    static List<FrozenView> managedViews(Chain chain, int applied) {
        List<FrozenView> views = new ArrayList<>();
        ExpectedState.at(chain, applied).views().values().forEach(view -> views.add(view.view()));
        return views;
    }

    /**
     * {@link LockMode#TRANSACTION}: every revision's transaction first takes the transaction-scoped advisory lock,
     * then reads the history again and applies the next revision towards {@code goal} only if it is still pending.
     * Concurrent runs thus each apply a revision once between them, and nothing outlives a transaction (PgBouncer in
     * transaction mode may hand every transaction to another server connection).
     */
    private MigrationResult runInTransactions(Connection connection, Chain chain, Direction direction, int from,
            int goal, boolean existed, String target, long started) throws SQLException {
        boolean up = direction == Direction.UPGRADE;
        Run run = new Run(chain, direction, connection, from, goal, false, started);
        int current = from;
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            int retry = 0;
            boolean tableExists = existed;
            int expected = from;
            while (true) {
                Look look = lockAndLook(statement, tableExists);
                int pid = look.pid();
                HistoryTable.Contents contents = null;
                if (!look.locked()) {
                    lock.acquireInTransaction(connection);
                    waits.apply(statement);
                    pid = backendPid(null, statement);
                } else if (look.unchangedFrom(chain, expected)) {
                    current = expected;
                }
                if (!look.locked() || !look.unchangedFrom(chain, expected)) {
                    // Another run moved the history since this one last looked (or the table is new): read it all.
                    contents = table.readInTransaction(connection);
                    ChainValidator.check(chain, table, contents.applied());
                    current = contents.applied().size();
                    tableExists = contents.exists();
                }
                if (up ? current >= goal : current <= goal) {
                    connection.rollback();
                    break;
                }
                int index = up ? current : current - 1;
                if (applyOne(run, index, !tableExists, statement, retry, pid, true)) {
                    retry = 0;
                    tableExists = true;
                    expected = up ? current + 1 : current - 1;
                    current = expected;
                } else {
                    retry++;
                    expected = -1; // after a rollback and a pause: look again
                }
            }
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        if (run.executed().isEmpty()) {
            // Another run got there first.
            return nothingToDo(chain, direction, current, target, started);
        }
        MigrationResult result = Run.result(chain, direction, from, current, run.executed(), started);
        RuntimeLog.ranRevisions(result);
        return result;
    }

    /**
     * Applies or reverts the revision at chain position {@code index} in the connection's current transaction, its
     * statements bounded by the DDL lock timeout, and commits it. Returns false when a statement timed out waiting for
     * a lock and retries remain: the transaction was rolled back and the backoff waited, try again. Throws when it
     * failed otherwise, or timed out for the last time.
     */
    private boolean applyOne(Run run, int index, boolean createTable, Statement statement, int retry, int pid,
            boolean timeoutSet) throws SQLException {
        Connection connection = run.connection();
        Migration migration = run.chain().get(index);
        if (retry == 0) {
            listener.beforeRevision(migration, run.direction());
        }
        long start = System.nanoTime();
        if (!timeoutSet) {
            waits.apply(statement);
        }
        if (createTable) {
            createHistoryTable(run);
        }
        OnlineContext context = new OnlineContext(connection, statement, migration.revision(), !run.up(),
                () -> managedViews(run.chain(), run.up() ? index : index + 1));
        try (BlockingSessions watcher = BlockingSessions.watch(connections, pid, waits.timeout())) {
            try {
                if (run.up()) {
                    migration.upgrade(context);
                } else {
                    migration.downgrade(context);
                }
                context.finish();
            } catch (Exception e) {
                rollback(connection, e);
                Throwable cause = context.failure() != null ? context.failure().error() : e;
                if (!LockWaits.isLockTimeout(cause)) {
                    throw Messages.migrationFailed(run, index, context, e);
                }
                List<BlockingSessions.Session> blockers = watcher.seen();
                if (blockers.isEmpty()) {
                    blockers = BlockingSessions.openTransactions(connection,
                            Duration.ofNanos(System.nanoTime() - start));
                    rollback(connection, e);
                }
                if (retry >= waits.retries()) {
                    throw Messages.lockWaitsExhausted(run, index, context, waits, blockers, cause);
                }
                String step = Chain.describe(migration);
                Duration backoff = waits.backoff(retry + 1);
                RuntimeLog.lockWaitRetry(step, retry + 1, waits, backoff, blockers);
                listener.lockWaitRetry(step, retry + 1, waits.retries(), backoff,
                        Messages.blockers(blockers));
                LockWaits.pause(backoff);
                return false;
            } catch (Error e) {
                rollback(connection, e);
                throw e;
            }
        }
        if (run.up()) {
            recordUpgrade(run, index, System.nanoTime() - start);
        } else {
            recordDowngrade(run, index);
        }
        commit(run, index);
        if (createTable) {
            RuntimeLog.createdHistoryTable(table.qualifiedName());
        }
        run.done(index);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RuntimeLog.ranRevision(migration, run.direction(), took);
        listener.afterRevision(migration, run.direction(), took);
        return true;
    }

    /**
     * The server process of the connection: from the driver without a round trip on a direct connection
     * ({@code connection} non-null; the pid PostgreSQL sent at log-in), else asked in the current transaction (behind
     * a transaction pooler it may change between transactions, and the log-in pid is the pooler's).
     */
    static int backendPid(Connection connection, Statement statement) throws SQLException {
        if (connection != null && connection.isWrapperFor(org.postgresql.PGConnection.class)) {
            return connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        }
        try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    /**
     * What the first round trip of a revision's transaction found ({@link LockMode#TRANSACTION}): whether the
     * advisory lock was free (then taken), the backend, and, read after the lock by a second statement of the same
     * round trip, the history's size and newest row (null when the table is not known to exist).
     */
    private record Look(boolean locked, int pid, Integer size, String newest, Integer newestChecksum) {
        /** Whether the history is still where this run left it: {@code expected} rows, the newest the chain's. */
        boolean unchangedFrom(Chain chain, int expected) {
            if (!locked || size == null || expected < 0 || size != expected) {
                return false;
            }
            if (expected == 0) {
                return newest == null;
            }
            Migration last = chain.get(expected - 1);
            return last.revision().equals(newest) && newestChecksum != null && last.checksum() == newestChecksum;
        }
    }

    /**
     * One round trip: {@code pg_try_advisory_xact_lock}, {@code pg_backend_pid()} and the DDL lock timeout
     * ({@code set_config(..., true)}: for this transaction), then, as a second statement with a snapshot taken after
     * the lock, the history's size and newest row. Sent together: pgjdbc sends both statements before waiting.
     */
    private Look lockAndLook(Statement statement, boolean tableExists) throws SQLException {
        String sql = "SELECT " + table.tryXactLockSql().substring("SELECT ".length()) + ", pg_backend_pid(), "
                + "set_config('lock_timeout', '" + Math.max(1, waits.timeout().toMillis()) + "ms', true)";
        if (tableExists) {
            sql += ";\n" + table.newestSql();
        }
        statement.execute(sql);
        boolean locked;
        int pid;
        try (ResultSet row = statement.getResultSet()) {
            row.next();
            locked = row.getBoolean(1);
            pid = row.getInt(2);
        }
        if (!tableExists || !statement.getMoreResults()) {
            return new Look(locked, pid, null, null, null);
        }
        try (ResultSet row = statement.getResultSet()) {
            if (!row.next()) {
                return new Look(locked, pid, 0, null, null);
            }
            return new Look(locked, pid, row.getInt(1), row.getString(2), row.getInt(3));
        }
    }

    /** In the first revision's transaction: rolled back with it when the revision fails. */
    private void createHistoryTable(Run run) {
        try {
            table.create(run.connection());
        } catch (SQLException e) {
            rollback(run.connection(), e);
            throw Messages.cannotCreateHistory(table.qualifiedName(), e);
        }
    }

    private void recordUpgrade(Run run, int index, long elapsedNanos) {
        try {
            table.insert(run.connection(), index + 1, run.chain().get(index), elapsedNanos / 1_000_000);
        } catch (SQLException e) {
            rollback(run.connection(), e);
            throw Messages.cannotRecordUpgrade(run, index, table.qualifiedName(), e);
        }
    }

    private void recordDowngrade(Run run, int index) {
        int deleted;
        try {
            deleted = table.delete(run.connection(), run.chain().get(index).revision());
        } catch (SQLException e) {
            rollback(run.connection(), e);
            throw Messages.cannotRecordDowngrade(run, index, table.qualifiedName(), e);
        }
        if (deleted != 1) {
            // Only a change to the table outside viewmigrate (we hold the lock) can get here.
            RuntimeException e = Messages.historyRowCount(run, index, table.qualifiedName(), deleted);
            rollback(run.connection(), e);
            throw e;
        }
    }

    private static void commit(Run run, int index) {
        try {
            run.connection().commit();
        } catch (SQLException e) {
            rollback(run.connection(), e);
            throw Messages.commitFailed(run, index, e);
        }
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
            if (!lock.release(connection)) {
                RuntimeLog.lockNotHeldAtRelease(table.qualifiedName());
            }
        } catch (SQLException e) {
            // The session's end frees the lock too; a broken connection is closed right after this.
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw Messages.cannotReleaseLock(table.qualifiedName(), e);
            }
        }
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
