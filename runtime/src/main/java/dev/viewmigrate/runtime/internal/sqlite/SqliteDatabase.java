package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.runtime.StampResult;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.VerifyReport.Finding;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.internal.Chain;
import dev.viewmigrate.runtime.internal.ConnectionSource;
import dev.viewmigrate.runtime.internal.ExpectedState;
import dev.viewmigrate.runtime.internal.HistoryTable;
import dev.viewmigrate.runtime.internal.Stamper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything {@link dev.viewmigrate.runtime.ViewMigrator} does, on a SQLite database: the migrator hands its calls
 * here when the database is SQLite ({@link #isSqlite}), and the PostgreSQL code paths stay as they are.
 */
public final class SqliteDatabase {
    public static final String DIALECT = "sqlite";
    public static final String POSTGRESQL = "postgresql";

    private final ConnectionSource connections;
    private final SqliteHistory history;
    private final Backups backups;
    private final Duration lockTimeout;
    private final MigrationListener listener;

    public SqliteDatabase(ConnectionSource connections, String historySchema, String historyTable, Backups backups,
            Duration lockTimeout, MigrationListener listener) {
        this.connections = connections;
        this.history = new SqliteHistory(historySchema, historyTable);
        this.backups = backups;
        this.lockTimeout = lockTimeout;
        this.listener = listener;
    }

    /** A JDBC URL of xerial's SQLite driver. */
    public static boolean isSqliteUrl(String url) {
        return url != null && url.regionMatches(true, 0, "jdbc:sqlite:", 0, "jdbc:sqlite:".length());
    }

    /** Whether the database behind {@code connection} is SQLite (asks the driver, not the URL). */
    public static boolean isSqlite(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return meta.getDatabaseProductName() != null
                && meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
    }

    /** Whether every migration of the chain is written for SQLite (and there is at least one). */
    public static boolean isSqliteChain(Chain chain) {
        return chain.size() > 0 && chain.migrations().stream().allMatch(m -> DIALECT.equals(m.dialect()));
    }

    /**
     * Refuses a chain with a migration of another dialect than {@code dialect}, naming the first such revision and
     * the processor option that fixes it.
     */
    public static void requireDialect(Chain chain, String dialect) {
        for (Migration migration : chain.migrations()) {
            String own = migration.dialect() == null ? POSTGRESQL : migration.dialect();
            if (!own.equals(dialect)) {
                throw SqliteMessages.wrongDialect(migration, dialect);
            }
        }
    }

    SqliteHistory history() {
        return history;
    }

    Backups backups() {
        return backups;
    }

    Duration lockTimeout() {
        return lockTimeout;
    }

    String describe() {
        return connections.describe();
    }

    /** A connection with the busy timeout set: every wait for SQLite's write lock is bounded by the lock timeout. */
    Connection open() {
        Connection connection = connections.connect();
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + Math.min(Integer.MAX_VALUE, lockTimeout.toMillis()));
            }
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw SqliteMessages.connectionFailed(describe(), e);
        }
    }

    public MigrationResult run(Chain chain, Direction direction, String target) {
        requireDialect(chain, DIALECT);
        return new SqliteRunner(this, listener).run(chain, direction, target);
    }

    public HistoryTable.Contents read() {
        try (Connection connection = open()) {
            return history.read(connection);
        } catch (SQLException e) {
            throw SqliteMessages.connectionFailed(describe(), e);
        }
    }

    public VerifyReport verify(Chain chain) {
        requireDialect(chain, DIALECT);
        try (Connection connection = open()) {
            return SqliteVerifier.verify(connection, chain, history);
        } catch (SQLException e) {
            throw SqliteMessages.connectionFailed(describe(), e);
        }
    }

    /** The backups of this database, oldest first (empty for an in-memory database). */
    public List<Path> listBackups() {
        try (Connection connection = open()) {
            Optional<Path> file = Backups.databaseFile(connection);
            return file.map(backups::list).orElse(List.of());
        } catch (SQLException e) {
            throw SqliteMessages.connectionFailed(describe(), e);
        }
    }

    public ViewMigrateException refreshRefused() {
        return SqliteMessages.refreshRefused();
    }

    /**
     * {@code stamp} on SQLite: checks the live views against the target's frozen state (unless forced), backs the
     * file up, then in one {@code BEGIN IMMEDIATE} transaction makes the history exactly the chain's first revisions.
     */
    public StampResult stamp(Chain chain, String target, boolean force) {
        requireDialect(chain, DIALECT);
        int goal = Stamper.resolve(chain, target);
        try (Connection connection = open()) {
            if (!force) {
                List<Finding> findings = SqliteVerifier.viewFindings(connection, ExpectedState.at(chain, goal));
                if (!findings.isEmpty()) {
                    List<String> lines = new ArrayList<>();
                    for (Finding finding : findings) {
                        lines.add(finding.message() + finding.diff().map(d -> "\n" + d.indent(6).stripTrailing())
                                .orElse(""));
                    }
                    throw SqliteMessages.stampRefused(goal == 0 ? "base" : Chain.describe(chain.get(goal - 1)),
                            lines);
                }
            }
            HistoryTable.Contents contents = history.read(connection);
            List<AppliedRevision> applied = contents.applied();
            Optional<String> from = applied.isEmpty() ? Optional.empty()
                    : Optional.of(applied.get(applied.size() - 1).revision());
            Optional<String> to = goal == 0 ? Optional.empty() : Optional.of(chain.get(goal - 1).revision());
            List<String> removed = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (AppliedRevision row : applied) {
                int index = row.rank() - 1;
                boolean matches = index >= 0 && index < goal && chain.get(index).revision().equals(row.revision())
                        && chain.get(index).checksum() == row.checksum();
                (matches ? kept : removed).add(row.revision());
            }
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < goal; i++) {
                if (!kept.contains(chain.get(i).revision())) {
                    missing.add(i);
                }
            }
            if (removed.isEmpty() && missing.isEmpty()) {
                return new StampResult(from, to, List.of(), List.of(), !force);
            }
            backups.take(connection).ifPresent(listener::backedUp);
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    history.create(connection);
                    for (String revision : removed) {
                        history.delete(connection, revision);
                    }
                    for (int index : missing) {
                        history.insert(connection, index + 1, chain.get(index), 0);
                    }
                    statement.execute("COMMIT");
                } catch (SQLException e) {
                    statement.execute("ROLLBACK");
                    throw e;
                }
            }
            List<String> recorded = missing.stream().map(i -> chain.get(i).revision()).toList();
            return new StampResult(from, to, recorded, removed, !force);
        } catch (SQLException e) {
            throw new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not stamp the history table "
                    + history.quotedName() + " of " + describe() + ": " + e.getMessage() + ". Nothing was "
                    + "recorded (one transaction); check that the file is writable, then stamp again.", e);
        }
    }

    /** Offline: the sqlite3 script that stamps {@code target}, without the check (it says so). */
    public String stampScript(Chain chain, String target) {
        requireDialect(chain, DIALECT);
        int goal = Stamper.resolve(chain, target);
        StringBuilder out = new StringBuilder();
        out.append("-- viewmigrate stamp script (SQLite): record ").append(goal == 0 ? "base (no revision applied)"
                : "revision " + chain.stateName(goal)).append(" as the current revision, history table ")
                .append(history.quotedName()).append(".\n")
                .append("-- Runs no migration and does not check the live views: run 'viewmigrate verify' after it.\n")
                .append("-- Run it with: sqlite3 DATABASE_FILE < this-file.sql\n")
                .append(".bail on\n")
                .append(history.createSql()).append(";\n")
                .append("BEGIN IMMEDIATE;\n")
                .append("DELETE FROM ").append(history.quotedName()).append(";\n");
        for (int i = 0; i < goal; i++) {
            out.append(history.insertScript(i + 1, chain.get(i))).append(";\n");
        }
        return out.append("COMMIT;\n").toString();
    }

    /**
     * Offline: the sqlite3 script from state {@code start} to state {@code goal}, one {@code BEGIN IMMEDIATE}
     * transaction per revision, each guarded so that it stops unless the database is at the revision before it.
     */
    public String script(Chain chain, int start, int goal) {
        requireDialect(chain, DIALECT);
        boolean up = goal >= start;
        StringBuilder out = new StringBuilder();
        out.append("-- viewmigrate ").append(up ? "upgrade" : "downgrade").append(" script (SQLite) from ")
                .append(chain.stateName(start)).append(" to ").append(chain.stateName(goal)).append(".\n")
                .append("-- Run it with: sqlite3 DATABASE_FILE < this-file.sql (back the file up first: the script "
                        + "takes no backup).\n")
                .append(".bail on\n")
                .append(history.createSql()).append(";\n");
        if (start == goal) {
            return out.append("-- Nothing to do.\n").toString();
        }
        int step = up ? 1 : -1;
        for (int state = start; state != goal; state += step) {
            int index = up ? state : state - 1;
            Migration migration = chain.get(index);
            out.append("\n-- ").append(up ? "" : "downgrade of ").append(Chain.describe(migration)).append('\n')
                    .append("BEGIN IMMEDIATE;\n")
                    .append(history.guardScript(chain.stateName(state).equals("base") ? null : chain.stateName(state),
                            (up ? "" : "the downgrade of ") + "revision " + migration.revision())).append('\n');
            SqliteContext context = SqliteContext.offline(out, migration.revision(), !up);
            try {
                List<FrozenView> lifted = SqliteRunner.handWritten(migration)
                        ? new ArrayList<>(ExpectedState.at(chain, index).views().values().stream()
                                .map(ExpectedState.ExpectedView::view).toList())
                        : List.of();
                for (int i = lifted.size() - 1; i >= 0; i--) {
                    context.execute(SqliteText.dropViewIfExists(lifted.get(i).name()));
                }
                if (up) {
                    migration.upgrade(context);
                } else {
                    migration.downgrade(context);
                }
                for (FrozenView view : lifted) {
                    context.execute(SqliteText.createView(view));
                }
            } catch (Exception e) {
                throw new ViewMigrateException(ErrorCode.MIGRATION_FAILED, "Could not write the SQL of "
                        + (up ? "" : "the downgrade of ") + Chain.describe(migration) + " for the offline script: "
                        + e.getClass().getName() + ": " + e.getMessage() + ". A migration that reads the database "
                        + "(MigrationContext.connection()) cannot run offline; apply it online instead.", e);
            }
            out.append(up ? history.insertScript(index + 1, migration) : history.deleteScript(migration.revision()))
                    .append(";\nCOMMIT;\n");
        }
        return out.toString();
    }
}
