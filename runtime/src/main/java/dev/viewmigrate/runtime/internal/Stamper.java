package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.LockMode;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.StampResult;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.VerifyReport.Finding;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.sql.Literals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code stamp}: makes the history table say that the first {@code n} revisions of the chain are applied, without
 * running any of them (Alembic's stamp, Flyway's baseline). Used to adopt a database whose views already exist, and
 * to repair a history that lies.
 *
 * <p>Online, under the same advisory lock as upgrade, it first compares the live views with the target's frozen
 * state using {@link Verifier#verifyAt}, and refuses with verify's findings when they differ (unless forced). Then,
 * in one transaction, it deletes every history row that is not exactly the chain's row at its rank (a stamp down
 * removes the newer rows; {@code base} empties the table) and inserts the missing ones ({@code execution_ms} 0:
 * nothing ran). Rows that are already right keep their {@code applied_at} and {@code applied_by}. The offline script
 * runs the very same two statements.
 *
 * <p>Only views are checked: what a hand-written migration did (tables, data) is not known to the runtime.
 */
public final class Stamper {
    private final ConnectionSource connections;
    private final HistoryTable table;
    private final AdvisoryLock lock;
    private final Verifier verifier;
    private final LockMode lockMode;
    private final LockWaits waits;
    private final MigrationListener listener;

    public Stamper(ConnectionSource connections, HistoryTable table, Duration lockTimeout) {
        this(connections, table, lockTimeout, LockMode.TRANSACTION, new LockWaits(Duration.ofSeconds(10), 3),
                new MigrationListener() {});
    }

    public Stamper(ConnectionSource connections, HistoryTable table, Duration lockTimeout, LockMode lockMode,
            LockWaits waits, MigrationListener listener) {
        this.connections = connections;
        this.table = table;
        this.lock = new AdvisoryLock(table, lockTimeout);
        this.verifier = new Verifier(connections, table);
        this.lockMode = lockMode;
        this.waits = waits;
        this.listener = listener;
    }

    /** The chain state ({@code n} revisions applied) that {@code target} names: {@code head}, {@code base} or an id. */
    public static int resolve(Chain chain, String target) {
        String t = target == null ? "" : target.strip();
        if (t.equals("head")) {
            return chain.size();
        }
        if (t.equals("base")) {
            return 0;
        }
        int index = t.isEmpty() ? -1 : chain.indexOf(t);
        if (index < 0) {
            throw new ViewMigrateException(ErrorCode.INVALID_TARGET, (t.isEmpty() ? "No stamp target given."
                    : "Unknown stamp target '" + t + "': no revision with that id in the chain.") + " Stamp takes "
                    + "head, base or a revision id (revisions: " + chain.idsBetween(0, chain.size()) + ").");
        }
        return index + 1;
    }

    public StampResult stamp(Chain chain, String target, boolean force) {
        int goal = resolve(chain, target);
        return connections.inAutoCommit(connection -> stampOn(connection, chain, goal, force),
                e -> new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "The connection to "
                        + connections.describe() + " failed during stamp: " + e.getMessage() + " (SQLState "
                        + e.getSQLState() + "). The history is written in one transaction: it is either fully "
                        + "stamped or unchanged; run history to see which, then stamp again.", e));
    }

    private StampResult stampOn(Connection connection, Chain chain, int goal, boolean force) throws SQLException {
        if (lockMode == LockMode.SESSION) {
            lock.acquire(connection);
        }
        Throwable failure = null;
        try {
            HistoryTable.Contents contents = table.read(connection);
            if (!force) {
                VerifyReport report = verifier.verifyAt(connection, chain, goal);
                connection.setAutoCommit(true);
                if (!report.clean()) {
                    throw refused(chain, goal, report);
                }
            }
            StampResult planned = plan(chain, goal, contents.applied(), force);
            if (planned.recorded().isEmpty() && planned.removed().isEmpty()) {
                return planned;
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int retry = 0; ; retry++) {
                    try {
                        if (lockMode == LockMode.TRANSACTION) {
                            // Under the lock, from the history as it is now: another run may have moved it since.
                            lock.acquireInTransaction(connection);
                            contents = table.readInTransaction(connection);
                            planned = plan(chain, goal, contents.applied(), force);
                            if (planned.recorded().isEmpty() && planned.removed().isEmpty()) {
                                connection.rollback();
                                return planned;
                            }
                        }
                        waits.apply(statement);
                        if (!contents.exists()) {
                            for (String ddl : table.createSql()) {
                                statement.execute(ddl);
                            }
                        }
                        for (String sql : statements(chain, goal)) {
                            statement.execute(sql);
                        }
                        connection.commit();
                        return planned;
                    } catch (SQLException e) {
                        connection.rollback();
                        if (!LockWaits.isLockTimeout(e) || retry >= waits.retries()) {
                            throw stampFailed(chain, goal, e);
                        }
                        Duration backoff = waits.backoff(retry + 1);
                        List<BlockingSessions.Session> none = List.of();
                        RuntimeLog.lockWaitRetry("stamp", retry + 1, waits, backoff, none);
                        listener.lockWaitRetry("stamp", retry + 1, waits.retries(), backoff, "");
                        LockWaits.pause(backoff);
                    }
                }
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (lockMode == LockMode.SESSION) {
                release(connection, failure);
            }
        }
    }

    /** What stamping {@code goal} does to the history {@code applied}: the rows it keeps, removes and records. */
    private static StampResult plan(Chain chain, int goal, List<AppliedRevision> applied, boolean force) {
        Optional<String> from = applied.isEmpty() ? Optional.empty()
                : Optional.of(applied.get(applied.size() - 1).revision());
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (AppliedRevision row : applied) {
            if (matches(chain, goal, row)) {
                kept.add(row.revision());
            } else {
                removed.add(row.revision());
            }
        }
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < goal; i++) {
            if (!kept.contains(chain.get(i).revision())) {
                recorded.add(chain.get(i).revision());
            }
        }
        Optional<String> to = goal == 0 ? Optional.empty() : Optional.of(chain.get(goal - 1).revision());
        return new StampResult(from, to, recorded, removed, !force);
    }

    private ViewMigrateException stampFailed(Chain chain, int goal, SQLException e) {
        if (LockWaits.isLockTimeout(e)) {
            return new ViewMigrateException(ErrorCode.LOCK_TIMEOUT, "Could not stamp history table "
                    + table.qualifiedName() + " at " + chain.stateName(goal) + ": writing it waited "
                    + Messages.duration(waits.timeout()) + " (lock_timeout) for a lock held by another session, "
                    + Messages.attempts(waits) + ". Nothing was recorded. " + Messages.lockAdvice("stamp"), e);
        }
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not stamp history table "
                + table.qualifiedName() + " at " + chain.stateName(goal) + ": " + e.getMessage()
                + " (SQLState " + e.getSQLState() + "). Nothing was recorded. The user needs INSERT and "
                + "DELETE on the history table (and CREATE on its schema when the table does not exist yet; "
                + "'sql stamp' prints the statements for someone who has them).", e);
    }

    /** A history row the stamp keeps: the chain's row at that rank (same revision, same checksum) below the goal. */
    private static boolean matches(Chain chain, int goal, AppliedRevision row) {
        int index = row.rank() - 1;
        return index >= 0 && index < goal && chain.get(index).revision().equals(row.revision())
                && chain.get(index).checksum() == row.checksum();
    }

    /**
     * The two statements that make the history exactly the chain's first {@code goal} rows: delete every other row,
     * insert the missing ones. Both online and offline.
     */
    List<String> statements(Chain chain, int goal) {
        List<String> sql = new ArrayList<>(2);
        if (goal == 0) {
            sql.add("DELETE FROM " + table.qualifiedName());
            return sql;
        }
        List<String> keys = new ArrayList<>(goal);
        List<String> rows = new ArrayList<>(goal);
        for (int i = 0; i < goal; i++) {
            Migration migration = chain.get(i);
            String revision = Literals.string(migration.revision());
            keys.add("(" + (i + 1) + ", " + revision + ", " + migration.checksum() + ")");
            rows.add("(" + (i + 1) + ", " + revision + ", " + Literals.string(migration.description()) + ", "
                    + migration.checksum() + ", 0)");
        }
        sql.add("DELETE FROM " + table.qualifiedName() + "\nWHERE (rank, revision, checksum) NOT IN (VALUES\n    "
                + String.join(",\n    ", keys) + ")");
        sql.add("INSERT INTO " + table.qualifiedName() + " (" + "rank, revision, description, checksum, execution_ms)"
                + "\nVALUES\n    " + String.join(",\n    ", rows) + "\nON CONFLICT DO NOTHING");
        return sql;
    }

    /** Offline: the script that stamps without a connection, and without the check (it says so). */
    public String script(Chain chain, String target) {
        int goal = resolve(chain, target);
        StringBuilder out = new StringBuilder();
        out.append("-- viewmigrate stamp script: record ").append(goal == 0 ? "base (no revision applied)"
                : "revision " + chain.stateName(goal)).append(" as the current revision, history table ")
                .append(table.qualifiedName()).append(".\n")
                .append("-- Runs no migration. Unlike the online stamp, it does not check that the live views equal "
                        + "that revision's frozen state: run 'viewmigrate verify' afterwards.\n")
                .append("-- Run it with: psql -v ON_ERROR_STOP=1 -f <this file> <database>\n\n");
        out.append("SELECT pg_advisory_lock(").append(table.lockKey()).append(");\n");
        out.append(ScriptWriter.lockTimeout(waits));
        for (String ddl : table.createSql()) {
            out.append(ddl).append(";\n");
        }
        out.append("BEGIN;\n");
        for (String sql : statements(chain, goal)) {
            out.append(sql).append(";\n");
        }
        out.append("COMMIT;\n");
        out.append("SELECT pg_advisory_unlock(").append(table.lockKey()).append(");\n");
        return out.toString();
    }

    private static ViewMigrateException refused(Chain chain, int goal, VerifyReport report) {
        String at = goal == 0 ? "base" : Chain.describe(chain.get(goal - 1));
        StringBuilder message = new StringBuilder("Refusing to stamp " + at + ", nothing was recorded: the live "
                + "views differ from what the revisions up to it froze (" + count(report.findings().size())
                + ", as verify reports them). Stamp the revision the database really matches, change the database "
                + "(or the @View classes, then compile) until they agree, or, if you know better, stamp with "
                + "--force (stamp(target, true)), which skips this check.");
        for (Finding finding : report.findings()) {
            message.append("\n  - ").append(finding.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(": ").append(finding.message());
            finding.diff().ifPresent(diff -> message.append("\n").append(diff.lines()
                    .map(line -> "      " + line).collect(Collectors.joining("\n"))));
        }
        return new ViewMigrateException(ErrorCode.STAMP_REFUSED, message.toString());
    }

    private static String count(int findings) {
        return findings + (findings == 1 ? " finding" : " findings");
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
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not release the advisory lock of "
                        + "history table " + table.qualifiedName() + ": " + e.getMessage() + " (SQLState "
                        + e.getSQLState() + "). The stamp itself was committed.", e);
            }
        }
    }
}
