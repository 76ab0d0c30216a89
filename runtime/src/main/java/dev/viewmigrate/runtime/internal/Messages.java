package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.internal.steps.TableChangeSteps;
import dev.viewmigrate.sql.SqlText;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Every problem the runtime reports, in one place (as Room's {@code ProcessorErrors}): each method builds one
 * {@link ViewMigrateException} with its {@link ErrorCode} and a one-paragraph message that names what failed, why,
 * and what to do. Callers pass the facts; the wording lives here, so that the same situation reads the same wherever
 * it is detected, and a reader can review all of the runtime's messages on one page.
 *
 * <p>How a database error is quoted is written once, in {@link #postgres(SQLException)}: PostgreSQL's own message
 * (without the driver's "ERROR:" prefix and its Detail/Where lines) followed by {@code (SQLState X)}.
 */
public final class Messages {
    private Messages() {}

    // ---------------------------------------------------------------------------------------------------------------
    // Database errors, quoted the same way everywhere

    /**
     * "column "x" does not exist (SQLState 42703)": PostgreSQL's message, or the driver's when the server sent none
     * (a refused connection), and the SQLState when there is one.
     */
    public static String postgres(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        return message + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    /** PostgreSQL's detail of {@code e}, or null. */
    static String detail(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server == null ? null : server.getDetail();
    }

    /** PostgreSQL's hint of {@code e}, or null. */
    static String hint(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server == null ? null : server.getHint();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CONNECTION_FAILED

    static ViewMigrateException cannotConnect(String database, SQLException e) {
        return new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "Could not connect to " + database + ": "
                + postgres(e) + ". Check that the server is running and reachable, that the database exists, and "
                + "the user name and password.", e);
    }

    static ViewMigrateException noDatabase() {
        return new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "No database configured: build the "
                + "ViewMigrator with .dataSource(...) or .url(url, user, password). Only the offline SQL "
                + "methods (upgradeSql, downgradeSql) and migrations() work without one.");
    }

    /**
     * The run's connection failed in its housekeeping (autocommit, close); {@code during} says what was running
     * (empty, or e.g. " during verify") and {@code then} what stands and what to do.
     */
    public static ViewMigrateException connectionLost(String database, String during, SQLException e, String then) {
        return new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "The connection to " + database + " failed"
                + during + ": " + postgres(e) + "." + (then.isEmpty() ? "" : " " + then), e);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Many targets (TargetRunner): INVALID_TARGET for the list itself; each target's own failure is its own message

    public static ViewMigrateException noTargets(String source) {
        return new ViewMigrateException(ErrorCode.INVALID_TARGET, "No targets to run on: " + source + ". Give the "
                + "databases (jdbc:postgresql://... URLs) or tenant schemas one per line in a targets file, as "
                + "repeated targets, or as a targets query whose rows' first column is a URL or a schema name.");
    }

    public static ViewMigrateException targetsQueryFailed(String query, String database, SQLException e) {
        return new ViewMigrateException(ErrorCode.INVALID_TARGET, "The targets query failed on " + database + ": "
                + postgres(e) + ". The query was: " + query + ". Fix the query (it must return one row per target, "
                + "the first column a schema name or a jdbc:postgresql:// URL) and run again; nothing was run.", e);
    }

    public static ViewMigrateException targetsQueryNull(String query) {
        return new ViewMigrateException(ErrorCode.INVALID_TARGET, "The targets query returned a row whose first "
                + "column is null or blank: " + query + ". Filter such rows out (WHERE ... IS NOT NULL) and run again; "
                + "nothing was run.");
    }

    public static ViewMigrateException targetsNeedDatabase(String what) {
        return new ViewMigrateException(ErrorCode.CONNECTION_FAILED, what + " needs the runner's own database, and "
                + "none is configured: give TargetRunner.Builder.url(...) or .dataSource(...) (on the command line "
                + "--url), or name each target with its database URL (jdbc:postgresql://HOST/DB SCHEMA).");
    }

    public static ViewMigrateException duplicateTarget(String target) {
        return new ViewMigrateException(ErrorCode.INVALID_TARGET, "Target " + target + " is listed twice. Two runs "
                + "on one history at the same time would queue on its lock and report one of them as a failure or "
                + "as done twice: list each database and schema once, then run again; nothing was run.");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CATALOG_NOT_FOUND, INVALID_CATALOG

    static ViewMigrateException catalogUnloadable(String serviceFile, Throwable e) {
        return new ViewMigrateException(ErrorCode.INVALID_CATALOG, "A migration catalog listed in " + serviceFile
                + " could not be loaded: " + e.getMessage() + ". The file names a class that is missing or "
                + "cannot be instantiated; recompile the module with viewmigrate-processor so that the catalog "
                + "and the file are generated together.", e);
    }

    static ViewMigrateException noCatalog(String serviceFile) {
        return new ViewMigrateException(ErrorCode.CATALOG_NOT_FOUND, "No viewmigrate migration catalog on the "
                + "classpath (no " + serviceFile + " names one). viewmigrate-processor generates it when the "
                + "module with the @View classes is compiled with the processor on the compiler's "
                + "annotationProcessorPaths (maven-compiler-plugin: <annotationProcessorPaths><path><groupId>"
                + "dev.viewmigrate</groupId><artifactId>viewmigrate-processor</artifactId><version>...</version>"
                + "</path></annotationProcessorPaths>). Check that the module is compiled that way and that its "
                + "classes are on this classpath, or pass a catalog with ViewMigrator.builder().catalog(...).");
    }

    /** {@code names}: each catalog's class and where it came from. */
    static ViewMigrateException severalCatalogs(int count, String names) {
        return new ViewMigrateException(ErrorCode.CATALOG_NOT_FOUND, "Found " + count + " viewmigrate "
                + "migration catalogs on the classpath: " + names + ". One database has one chain of migrations: "
                + "keep the @View classes of an application in one module, remove the other jars from the "
                + "classpath, or choose one with ViewMigrator.builder().catalog(...).");
    }

    static ViewMigrateException catalogReturnedNull(String source) {
        return invalidCatalog("The migration catalog " + source + " returned null instead of a list of migrations. "
                + "Regenerate it by recompiling the module with viewmigrate-processor.");
    }

    static ViewMigrateException nullMigration(String source, int position) {
        return invalidCatalog("The migration catalog " + source + " has a null entry at position " + position
                + ". Regenerate it by recompiling the module with viewmigrate-processor.");
    }

    /** {@code where}: the migration's class, its position and the catalog. */
    static ViewMigrateException blankRevisionId(String where) {
        return invalidCatalog("Migration " + where + " has a blank revision id. Every migration needs a unique, "
                + "non-blank revision id.");
    }

    static ViewMigrateException ambiguousRevisionId(String where, String id) {
        return invalidCatalog("Migration " + where + " has revision id '" + id + "', which cannot be told apart "
                + "from a target (head, base, +N, -N) or has surrounding spaces. Rename the revision.");
    }

    static ViewMigrateException duplicateRevisionId(String id, String source, int firstPosition, Migration first,
            int secondPosition, Migration second) {
        return invalidCatalog("Revision id '" + id + "' appears twice in " + source + ": at position "
                + firstPosition + " (" + first.getClass().getName() + ", " + first.description() + ") and at "
                + "position " + secondPosition + " (" + second.getClass().getName() + ", " + second.description()
                + "). Revision ids must be unique; two branches that both froze the next revision must be reconciled "
                + "(keep one, recompile to freeze the other's change as a new revision).");
    }

    private static ViewMigrateException invalidCatalog(String message) {
        return new ViewMigrateException(ErrorCode.INVALID_CATALOG, message);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CHECKSUM_MISMATCH, UNKNOWN_APPLIED_REVISION: the history disagrees with the code

    /** {@code inDb}: "Revision 2 (create view b)" as the history row has it. */
    static String unknownAppliedRevision(String inDb, String table, int rank, Chain chain, String revision) {
        return inDb + " is applied to the database (history table " + table + ", rank " + rank + ") but the code's "
                + "migration chain has no such revision (the chain has " + chain.size() + ": "
                + chain.idsBetween(0, chain.size()) + "). The database was migrated by another version of the "
                + "application, probably a newer one. Deploy the code that contains revision " + revision
                + ", or use that code to downgrade the database below it first.";
    }

    static String reorderedChain(String table, int rank, String revision, int position, String chainRevision,
            int revisionPosition) {
        return "The applied revisions are not the start of the code's chain: rank " + rank + " of history table "
                + table + " holds revision " + revision + ", where the chain has revision " + chainRevision
                + " at position " + position + " (revision " + revision + " is at position " + revisionPosition
                + "). The chain was reordered or branches were merged after the database was migrated. Restore the "
                + "chain order the database was migrated with, or downgrade with the code that applied these "
                + "revisions.";
    }

    static String checksumMismatch(String inDb, int applied, int local) {
        return inDb + ": applied to database with checksum " + applied + " / resolved locally: " + local + ". A "
                + "frozen revision was edited after it was applied. Either revert the change to the revision, or, if "
                + "the database really should match the new content, downgrade below it first with the old code, "
                + "then upgrade with the new code (put the change in a new revision next time).";
    }

    /** One exception for every disagreement found; {@code refusal} says that nothing was done. */
    static ViewMigrateException historyDisagrees(ErrorCode code, String refusal, List<String> problems) {
        StringBuilder message = new StringBuilder(refusal);
        if (problems.size() == 1) {
            message.append(problems.get(0));
        } else {
            message.append(problems.size()).append(" applied revisions disagree with the code:");
            for (String problem : problems) {
                message.append("\n  - ").append(problem);
            }
        }
        return new ViewMigrateException(code, message.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // INVALID_TARGET

    static ViewMigrateException invalidTarget(String problem, String choices) {
        return new ViewMigrateException(ErrorCode.INVALID_TARGET, problem + " " + choices);
    }

    /**
     * "Malformed downgrade target '-1x': -N needs a whole number N of at least 1.": also what the CLI says when the
     * command line already shows it, before it connects.
     */
    public static String malformedCount(String verb, String target) {
        char sign = target.startsWith("+") ? '+' : '-';
        return "Malformed " + verb + " target '" + target + "': " + sign + "N needs a whole number N of at least 1.";
    }

    static ViewMigrateException unknownStart(String from, Chain chain) {
        return new ViewMigrateException(ErrorCode.INVALID_TARGET, "Invalid starting revision '" + from
                + "' for the SQL script: no such revision in the chain. Use base, head or one of: "
                + chain.idsBetween(0, chain.size()) + ".");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // MIGRATION_FAILED

    /**
     * Which revision, which statement (numbered within the revision, trimmed when long), what PostgreSQL said with
     * SQLState and position, where the database stands now, and what to do.
     */
    static ViewMigrateException migrationFailed(Run run, int index, OnlineContext context, Exception error) {
        Migration migration = run.chain().get(index);
        StringBuilder message = new StringBuilder();
        message.append(run.up() ? "Upgrade" : "Downgrade").append(" of ").append(Chain.describe(migration))
                .append(" failed and was rolled back; ").append(run.standing(index));
        if (!run.up() && !run.executed().isEmpty()) {
            message.append(" Revisions rolled back before it in this run: ")
                    .append(String.join(", ", run.executed())).append('.');
        }
        OnlineContext.Failure failure = context.failure();
        Throwable cause = error;
        if (error instanceof TableChangeSteps.ViewBrokenByTableChange broken) {
            message.append(' ').append(viewBrokenByTableChange(broken, migration));
            return new ViewMigrateException(ErrorCode.MIGRATION_FAILED, message.toString(), broken.getCause());
        }
        if (failure != null) {
            cause = failure.error();
            message.append(' ').append(StatementFailure.describe(failure.number(), failure.sql(), failure.error()));
            message.append('\n').append(advice(failure.error(), run.direction()));
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
            message.append("\nFix the migration and run ").append(run.verb()).append(" again.");
        }
        return new ViewMigrateException(ErrorCode.MIGRATION_FAILED, message.toString(), cause);
    }

    /**
     * The table-change integration of another tool (Flyway, Liquibase) failed around one of its statements: the
     * other tool's migration fails with it and its transaction rolls back.
     */
    static ViewMigrateException foreignTableChangeFailed(String owner, String what, Exception e) {
        if (e instanceof ViewMigrateException known) {
            return known;
        }
        String cause = e instanceof SQLException sql ? postgres(sql) : e.toString();
        String detail = e instanceof org.postgresql.util.PSQLException psql ? StatementFailure.details(psql) : "";
        return new ViewMigrateException(ErrorCode.MIGRATION_FAILED, owner + " failed where viewmigrate drops and "
                + "recreates the managed views that its table changes touch (" + SqlText.abbreviate(what.strip(), 200)
                + "): " + cause + detail + "\nNothing of that migration is kept: its transaction rolls back. Fix "
                + "what the message names and run it again.", e);
    }

    /**
     * A managed view dropped around a table statement could not be created again from its frozen definition: the
     * table change breaks the view, and only its author can say how it should read the new table.
     */
    static String viewBrokenByTableChange(TableChangeSteps.ViewBrokenByTableChange broken, Migration migration) {
        String view = broken.view().describe();
        return "The revision changes a table that " + view + " reads (" + String.join("; ", broken.statements())
                + "), so viewmigrate dropped the view to let the change through, and creating it again from its "
                + "frozen definition failed: " + postgres((SQLException) broken.getCause()) + "\n"
                + "The change breaks " + view + " as it is frozen (a column it reads was dropped, renamed or "
                + "retyped). Edit the view's @View SQL to read the table as the migration leaves it, in the same "
                + "compile as the hand-written migration: the processor then freezes both into one revision that "
                + "drops the old view before the migration and creates the new one after it (docs/table-changes.md). "
                + "Nothing was changed.";
    }

    /**
     * What to do after a failed statement, by what PostgreSQL said: the revision is at fault only when its SQL is
     * wrong. A refusal of our own dependents check, a lock wait or a timeout, or a lost connection is not fixed by
     * editing the revision.
     */
    static String advice(SQLException error, Direction direction) {
        String verb = direction == Direction.UPGRADE ? "upgrade" : "downgrade";
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        if (state.equals("2BP01")) {
            // The dependents check's hint names the direction itself ("recreate it after the downgrade").
            return "Nothing was changed. Do what the hint says, then run " + verb + " again.";
        }
        if (state.equals("42P07") && direction == Direction.UPGRADE) {
            return "Nothing was changed. A relation of that name already exists: if the database's views were made by "
                    + "hand before viewmigrate managed them, adopt them instead of creating them (viewmigrate stamp "
                    + "REV records a revision after checking that the live views match it; see docs/adopting.md); "
                    + "otherwise rename or drop the other relation, then run upgrade again.";
        }
        if (state.equals("42P01") && direction == Direction.UPGRADE) {
            return "A table or view the revision reads does not exist in this database. If the name is "
                    + "wrong, fix the view's SQL; if the table is missing, create it in a "
                    + "@HandWrittenMigration (docs/processor.md#hand-written-migrations) or with Flyway "
                    + "or Liquibase before viewmigrate runs (docs/table-changes.md). When no database "
                    + "applied this revision, recompile with -Dviewmigrate.amend=true, so that the fix "
                    + "replaces it (a new migration is then ordered before the view) instead of coming "
                    + "after it (docs/troubleshooting.md). Then run upgrade again.";
        }
        if (state.equals("55P03") || state.equals("57014") || state.equals("40P01") || state.equals("40001")) {
            return "This is a lock wait, timeout or conflict with another session, not a fault of the revision: run "
                    + verb + " again once that session is done (pg_stat_activity shows who holds the lock), or raise "
                    + "lock_timeout/statement_timeout for the migration's connection.";
        }
        if (state.startsWith("08")) {
            return "The connection to PostgreSQL was lost; check the server and run " + verb + " again.";
        }
        return "Fix the revision (for a generated one: the view's SQL, then recompile; when no database applied it "
                + "yet, compile with -Dviewmigrate.amend=true to replace it instead of freezing a fix on top, see "
                + "docs/troubleshooting.md) and run " + verb + " again.";
    }

    static ViewMigrateException commitFailed(Run run, int index, SQLException e) {
        Migration migration = run.chain().get(index);
        return new ViewMigrateException(ErrorCode.MIGRATION_FAILED, (run.up() ? "" : "Downgrade of ")
                + Chain.describe(migration) + " could not be committed: " + postgres(e) + ". It was rolled back; "
                + run.standing(index) + " A deferred constraint or trigger of the revision failed at commit: fix the "
                + "revision.", e);
    }

    static ViewMigrateException offlineRevisionFailed(Migration migration, boolean upgrade, Exception e) {
        return new ViewMigrateException(ErrorCode.MIGRATION_FAILED, "Could not write the SQL of "
                + (upgrade ? "" : "the downgrade of ") + Chain.describe(migration) + " for the offline script: "
                + e.getClass().getName() + ": " + e.getMessage() + ". A migration that needs to read the "
                + "database (MigrationContext.connection()) cannot run offline; apply it online instead.", e);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // LOCK_TIMEOUT

    /** {@code holder}: who holds the lock, a sentence ending with a space (see {@code AdvisoryLock}). */
    static ViewMigrateException lockTimeout(Duration timeout, String table, long key, String holder,
            SQLException e) {
        return new ViewMigrateException(ErrorCode.LOCK_TIMEOUT, "Timed out after " + duration(timeout)
                + " waiting for the viewmigrate lock of history table " + table + " (PostgreSQL advisory lock " + key
                + "): another upgrade or downgrade of this database is running. " + holder + "Wait for it to "
                + "finish and try again; if that session is stuck, end it with SELECT pg_terminate_backend(<pid>); "
                + "to wait longer, raise the timeout with ViewMigrator.builder().lockTimeout(...).", e);
    }

    /**
     * A revision's statement waited for a table lock longer than the DDL lock timeout on every attempt: the revision
     * was rolled back each time, so nothing changed. Names the sessions that blocked it and what to do.
     */
    static ViewMigrateException lockWaitsExhausted(Run run, int index, OnlineContext context, LockWaits waits,
            List<BlockingSessions.Session> blockers, Throwable cause) {
        Migration migration = run.chain().get(index);
        StringBuilder message = new StringBuilder();
        message.append(run.up() ? "Upgrade" : "Downgrade").append(" of ").append(Chain.describe(migration))
                .append(" gave up after ").append(attempts(waits)).append(": ");
        OnlineContext.Failure failure = context.failure();
        if (failure != null) {
            message.append("statement ").append(failure.number()).append(" (")
                    .append(BlockingSessions.firstCharacters(failure.sql(), 80)).append(") ");
        } else {
            message.append("a statement ");
        }
        message.append("waited ").append(duration(waits.timeout())).append(" (lock_timeout) for a lock held by "
                + "another session each time, and the revision was rolled back, so nothing of it was changed; ")
                .append(run.standing(index)).append(' ').append(blockers(blockers)).append(lockAdvice(run.verb()));
        return new ViewMigrateException(ErrorCode.LOCK_TIMEOUT, message.toString(), cause);
    }

    /** "1 attempt", "4 attempts (3 retries)". */
    static String attempts(LockWaits waits) {
        return waits.retries() == 0 ? "1 attempt"
                : (waits.retries() + 1) + " attempts (" + waits.retries() + (waits.retries() == 1 ? " retry" : " retries")
                        + ")";
    }

    /** One sentence naming the sessions that held the lock; says so when none could be seen. */
    static String blockers(List<BlockingSessions.Session> sessions) {
        if (sessions.isEmpty()) {
            return "The blocking session could not be identified (pg_stat_activity and pg_blocking_pids show it while "
                    + "the statement waits). ";
        }
        StringBuilder text = new StringBuilder(sessions.size() == 1 ? "Blocked by session " : "Blocked by sessions ");
        for (int i = 0; i < sessions.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(sessions.get(i).describe());
        }
        return text.append(". ").toString();
    }

    static String lockAdvice(String verb) {
        return "Run " + verb + " again once those sessions are done (long reports, or transactions left open: idle in "
                + "transaction), raise the DDL lock timeout or retries (ViewMigrator.builder().ddlLockTimeout(...)/"
                + "ddlLockRetries(...), --ddl-lock-timeout/--ddl-lock-retries), or end a stuck session with SELECT "
                + "pg_terminate_backend(<pid>).";
    }

    /** "400 ms", "30 s", "10 min". */
    static String duration(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s % 60 == 0 && s >= 60 ? s / 60 + " min" : s + " s";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HISTORY_FAILED

    static ViewMigrateException cannotLock(String table, long key, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not take the viewmigrate lock of history "
                + "table " + table + " (PostgreSQL advisory lock " + key + "): " + postgres(e) + ". The user needs "
                + "to be able to call pg_advisory_lock.", e);
    }

    static ViewMigrateException cannotReleaseLock(String table, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not release the advisory lock on history "
                + "table " + table + ": " + postgres(e) + ".", e);
    }

    static ViewMigrateException cannotReadHistory(String table, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not read the history table " + table
                + ": " + postgres(e) + ". If a table of that name exists but was not created by viewmigrate, "
                + "configure another name with ViewMigrator.builder().historyTable(...) / historySchema(...).", e);
    }

    static ViewMigrateException cannotCreateHistory(String table, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not create the history table " + table
                + ": " + postgres(e) + ". Nothing was changed: the table is created in the transaction of the "
                + "first revision. The user needs the CREATE privilege on the schema (or create the table with the "
                + "DDL that upgradeSql(...) prints).", e);
    }

    static ViewMigrateException cannotRecordUpgrade(Run run, int index, String table, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not record "
                + Chain.describe(run.chain().get(index)) + " in history table " + table + ": " + postgres(e)
                + ". The revision was rolled back; " + run.standing(index) + " Was the history table changed by "
                + "hand?", e);
    }

    static ViewMigrateException cannotRecordDowngrade(Run run, int index, String table, SQLException e) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "Could not remove "
                + Chain.describe(run.chain().get(index)) + " from history table " + table + ": " + postgres(e)
                + ". Its downgrade was rolled back; " + run.standing(index), e);
    }

    static ViewMigrateException historyRowCount(Run run, int index, String table, int rows) {
        return new ViewMigrateException(ErrorCode.HISTORY_FAILED, "History table " + table + " had " + rows
                + " rows for " + Chain.describe(run.chain().get(index)) + " instead of one. Its downgrade was "
                + "rolled back; " + run.standing(index) + " Was the history table changed by hand while migrating?");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // UNKNOWN_VIEW, REFRESH_REFUSED, REFRESH_FAILED

    /** {@code unknown}: the names given, quoted, each with a note; {@code list}: what can be refreshed. */
    static ViewMigrateException unknownViews(List<String> unknown, String at, String list) {
        return new ViewMigrateException(ErrorCode.UNKNOWN_VIEW, "Cannot refresh " + String.join(", ", unknown)
                + ": not " + (unknown.size() == 1 ? "a materialized view" : "materialized views") + " managed by "
                + "the applied revisions (" + at + "); nothing was refreshed. " + list);
    }

    static ViewMigrateException refreshTargetsMissing(String at, List<String> problems) {
        return new ViewMigrateException(ErrorCode.REFRESH_REFUSED, "Refusing to refresh, nothing was refreshed: "
                + "the database does not hold what the applied revisions say (" + at + "): "
                + String.join("; ", problems) + ". Someone changed the database by hand: run 'verify' to see "
                + "every difference, and restore the view (or downgrade and upgrade its revision) before "
                + "refreshing.");
    }

    static ViewMigrateException cannotRefreshConcurrently(List<String> problems) {
        StringBuilder message = new StringBuilder("Refusing to refresh CONCURRENTLY, nothing was refreshed: ");
        if (problems.size() == 1) {
            message.append(problems.get(0)).append('.');
        } else {
            message.append(problems.size()).append(" problems:");
            problems.forEach(p -> message.append("\n  - ").append(p).append('.'));
        }
        return new ViewMigrateException(ErrorCode.REFRESH_REFUSED, message.toString());
    }

    static ViewMigrateException refreshCycle() {
        return new ViewMigrateException(ErrorCode.REFRESH_REFUSED, "Refusing to refresh, nothing was refreshed: "
                + "the materialized views read each other in a cycle, which PostgreSQL does not allow; the "
                + "catalog changed while it was read. Run refresh again.");
    }

    static ViewMigrateException refreshFailed(String view, SQLException e, List<String> refreshed,
            List<String> remaining) {
        StringBuilder message = new StringBuilder("Refreshing materialized view ").append(view).append(" failed: ")
                .append(postgres(e)).append('.');
        if (detail(e) != null) {
            message.append(" Detail: ").append(detail(e));
        }
        if (hint(e) != null) {
            message.append(" Hint: ").append(hint(e));
        }
        message.append(refreshed.isEmpty() ? " No view was refreshed."
                : " Already refreshed and committed: " + String.join(", ", refreshed) + ".");
        if (!remaining.isEmpty()) {
            message.append(" Not refreshed: ").append(String.join(", ", remaining)).append('.');
        }
        message.append(" The view keeps its previous contents. Fix the cause and run refresh again (name the views "
                + "that were not refreshed to skip the others).");
        return new ViewMigrateException(ErrorCode.REFRESH_FAILED, message.toString(), e);
    }
}
