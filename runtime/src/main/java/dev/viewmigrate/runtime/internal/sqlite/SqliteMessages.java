package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.internal.Chain;
import dev.viewmigrate.sql.SqlText;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every message of the SQLite runtime, in one place; each names what failed, why, and what to do. */
final class SqliteMessages {
    private SqliteMessages() {}

    /** SQLite's own message ({@code [SQLITE_ERROR] SQL error or missing database (no such column: x)}). */
    static String sqlite(Throwable e) {
        return e.getMessage();
    }

    static ViewMigrateException connectionFailed(String database, SQLException e) {
        return new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "Lost or could not use the connection to the "
                + "SQLite database " + database + ": " + sqlite(e) + ". Check that the file exists, is readable and "
                + "writable by this user, and is not on a network file system that breaks SQLite's locking; every "
                + "revision that completed is committed and recorded.", e);
    }

    static ViewMigrateException historySchema(String schema) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "History schema '" + schema + "' is not possible "
                + "on SQLite: the history table lives in the main database of the file. Remove the history schema "
                + "setting (--history-schema, ViewMigrator.Builder.historySchema) for SQLite databases.");
    }

    static ViewMigrateException cannotReadHistory(String table, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not read the history table " + table
                + ": " + sqlite(e) + ". If a table of that name exists that is not viewmigrate's, choose another "
                + "name with --history-table (ViewMigrator.Builder.historyTable).", e);
    }

    static ViewMigrateException wrongDialect(Migration migration, String databaseDialect) {
        String dialect = migration.dialect();
        return new ViewMigrateException(ErrorCode.WRONG_DIALECT, "Refusing to run, nothing was changed: "
                + Chain.describe(migration) + " was generated for " + display(dialect) + " (dialect \"" + dialect
                + "\") but the database is " + display(databaseDialect) + ". Compile the views for the database "
                + "you run them on with -Aviewmigrate.dialect=" + databaseDialect + " (the processor option; "
                + "postgresql is the default), or point the migrator at a " + display(dialect) + " database"
                + (dialect.equals("sqlite") ? " (--url jdbc:sqlite:FILE)." : "."));
    }

    private static String display(String dialect) {
        return dialect.equals("sqlite") ? "SQLite" : dialect.equals("postgresql") ? "PostgreSQL" : dialect;
    }

    static ViewMigrateException refreshRefused() {
        return new ViewMigrateException(ErrorCode.WRONG_DIALECT, "refresh does nothing on SQLite: SQLite has no "
                + "materialized views, so a SQLite chain has none to refresh (its views are always current). Remove "
                + "the refresh call or step for this database.");
    }

    static ViewMigrateException unsupportedStep(String step, String revision) {
        return new ViewMigrateException(ErrorCode.WRONG_DIALECT, "Revision " + revision + " calls the view step "
                + step + ", which SQLite does not have (no CREATE OR REPLACE VIEW, materialized views, indexes on "
                + "views, options, comments or privileges). A migration generated with -Aviewmigrate.dialect=sqlite "
                + "never does; a hand-written one must use drop and create only.");
    }

    static ViewMigrateException unsupportedView(FrozenView view, String revision) {
        return new ViewMigrateException(ErrorCode.WRONG_DIALECT, "Revision " + revision + " creates or drops "
                + view.describe() + (view.materialized() ? "" : " with options or a comment") + ", which SQLite "
                + "cannot hold. Compile the views with -Aviewmigrate.dialect=sqlite, which rejects them on the "
                + "@View at compile time.");
    }

    /** The text of the SQLException the dependents check throws; the runner's failure message quotes it. */
    static String dependentsExist(List<FrozenView> views, List<String> dependents) {
        return "cannot drop " + views.stream().map(v -> v.name().toString()).collect(Collectors.joining(", "))
                + ": SQLite does not track dependencies, and these objects that viewmigrate does not manage "
                + "depend on " + (views.size() == 1 ? "it" : "them") + ": " + String.join("; ", dependents)
                + ". Drop them before migrating and recreate them after, or manage the views with @View";
    }

    static String triggersOnLiftedViews(List<String> triggers) {
        return "a hand-written migration runs with the managed views dropped (SQLite's ALTER TABLE re-checks every "
                + "view), and these triggers would be lost with them: " + String.join("; ", triggers)
                + ". Drop the triggers in the migration before its table changes and create them again after it";
    }

    static ViewMigrateException migrationFailed(Chain chain, int index, boolean up, List<String> executed,
            SqliteContext context, Exception error, Optional<Path> backup, String database) {
        Migration migration = chain.get(index);
        StringBuilder message = new StringBuilder();
        message.append(up ? "Upgrade" : "Downgrade").append(" of ").append(Chain.describe(migration))
                .append(" failed on the SQLite database ").append(database).append(" and was rolled back: ");
        if (up) {
            message.append("the database stays at ").append(index == 0 ? "base (no revision applied)"
                    : "revision " + chain.stateName(index));
        } else {
            message.append("the database stays at revision ").append(migration.revision());
        }
        if (!executed.isEmpty()) {
            message.append(" (").append(up ? "applied" : "rolled back").append(" in this run: ")
                    .append(String.join(", ", executed)).append(")");
        }
        message.append(". ");
        if (context.failedSql() != null) {
            message.append("Statement ").append(context.failedNumber()).append(" of the revision failed: ")
                    .append(sqlite(error)).append("\n    ")
                    .append(SqlText.abbreviate(context.failedSql().strip(), 2000).replace("\n", "\n    "))
                    .append('\n');
        } else {
            message.append(error instanceof SQLException ? "SQLite said: " + sqlite(error)
                    : "Its code threw " + error.getClass().getName() + ": " + error.getMessage()).append(". ");
        }
        if (up && error instanceof SQLException && String.valueOf(error.getMessage()).contains("already exists")) {
            message.append("Nothing was changed. An object of that name already exists: if the database's views were "
                    + "made by hand before viewmigrate managed them, adopt them instead (viewmigrate import writes "
                    + "their @View classes; viewmigrate stamp REV records a revision after checking that the live "
                    + "views match it); otherwise rename or drop the other object, then run upgrade again.");
        } else if (error instanceof SQLException sql && SqliteViewSteps.DEPENDENTS_STATE.equals(sql.getSQLState())) {
            message.append("Nothing was changed; do what the message says, then run ").append(up ? "upgrade"
                    : "downgrade").append(" again.");
        } else {
            message.append("Fix the revision (for a generated one: the view's SQL, then recompile) and run ")
                    .append(up ? "upgrade" : "downgrade").append(" again.");
        }
        backup.ifPresent(path -> message.append(" A backup of the database taken before this run is at ")
                .append(path).append('.'));
        return new ViewMigrateException(ErrorCode.MIGRATION_FAILED, message.toString(), error);
    }

    static ViewMigrateException lockTimeout(String database, Duration timeout, SQLException e) {
        return new ViewMigrateException(ErrorCode.LOCK_TIMEOUT, "Could not take the write lock of the SQLite "
                + "database " + database + " within " + timeout.toSeconds() + " s (BEGIN IMMEDIATE: " + sqlite(e)
                + "): another connection holds a write transaction. Wait for it to finish (an application writing, "
                + "another upgrade, a sqlite3 shell with an open transaction) and run again; to wait longer, raise "
                + "the lock timeout (ViewMigrator.Builder.lockTimeout, --lock-timeout).", e);
    }

    static ViewMigrateException backupFailed(String database, Path backup, Exception e) {
        return new ViewMigrateException(ErrorCode.BACKUP_FAILED, "Could not back up the SQLite database " + database
                + (backup == null ? "" : " to " + backup) + ": " + e.getMessage() + ". Nothing was changed. Make "
                + "the backup directory writable (--backup-dir DIR, ViewMigrator.Builder.backupDir) with room for a "
                + "copy of the database, or skip the backup with --no-backup (Builder.backups(false)).", e);
    }

    static ViewMigrateException stampRefused(String target, List<String> findings) {
        return new ViewMigrateException(ErrorCode.STAMP_REFUSED, "Refusing to stamp " + target + ", nothing was "
                + "recorded: the live views differ from what " + target + " says the database holds:\n  - "
                + String.join("\n  - ", findings) + "\nMake the views match (or stamp the revision they do match), "
                + "or pass --force (stamp(target, true)) to record it anyway.");
    }
}
