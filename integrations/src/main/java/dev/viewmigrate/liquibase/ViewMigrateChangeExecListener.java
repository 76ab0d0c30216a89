package dev.viewmigrate.liquibase;

import dev.viewmigrate.runtime.TableChangeGuard;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewName;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;

/**
 * Lets Liquibase changesets change columns that viewmigrate's views read: before each change of a changeset runs,
 * the SQL Liquibase generates for it is checked and the managed views that read what it retypes, drops or renames
 * are dropped (never {@code CASCADE}; a view viewmigrate does not manage that reads it makes the changeset fail,
 * named); after the changeset's last change they are created again from their frozen definitions, with grants,
 * comments, options, indexes and data. Liquibase calls these hooks on its connection inside the changeset's
 * transaction, before it commits.
 *
 * <pre>{@code
 * Liquibase liquibase = new Liquibase("db/changelog.xml", new ClassLoaderResourceAccessor(), database);
 * liquibase.setChangeExecListener(new ViewMigrateChangeExecListener(viewMigrator));
 * liquibase.update(new Contexts());
 * viewMigrator.upgrade("head");
 * }</pre>
 *
 * <p>Does nothing when Liquibase only writes SQL ({@code update-sql}) or has no JDBC connection. The SQL of
 * {@code <sql>} and {@code <sqlFile>} changes is checked as written; a {@code customChange} (Java) is not seen:
 * call {@link ViewMigrator#tableChanges} there yourself.
 */
public final class ViewMigrateChangeExecListener extends AbstractChangeExecListener {
    private static final Logger LOG = System.getLogger(ViewMigrateChangeExecListener.class.getName());

    private final ViewMigrator viewMigrator;
    /** The guard of each changeset being run. */
    private final Map<ChangeSet, TableChangeGuard> guards = Collections.synchronizedMap(new IdentityHashMap<>());

    public ViewMigrateChangeExecListener(ViewMigrator viewMigrator) {
        this.viewMigrator = Objects.requireNonNull(viewMigrator, "viewMigrator");
    }

    @Override
    public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        Connection connection = connection(database);
        if (connection == null) {
            return;
        }
        TableChangeGuard guard = guards.computeIfAbsent(changeSet,
                c -> viewMigrator.tableChanges(connection, owner(changeSet)));
        for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(change, database)) {
            guard.before(sql.toSql());
        }
    }

    @Override
    public void ran(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        List<Change> changes = changeSet.getChanges();
        // After the last change, not after each: "add column, copy, drop old, rename" breaks the views in between.
        if (!changes.isEmpty() && changes.get(changes.size() - 1) == change) {
            finish(changeSet);
        }
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType execType) {
        // Only when the changeset's last change was skipped (another dbms): then Liquibase committed already.
        finish(changeSet);
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, Exception exception) {
        TableChangeGuard guard = guards.remove(changeSet);
        Connection connection = connection(database);
        if (guard != null && connection != null && autoCommit(connection)) {
            // runInTransaction="false": nothing rolls back the drops, so put the views back.
            try {
                report(guard.finish(), changeSet);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, owner(changeSet) + " failed outside a transaction and viewmigrate could not "
                        + "create again the views it dropped before it: " + e.getMessage() + " Fix the changeset "
                        + "and run it again; then run viewmigrate's upgrade, or verify to see which views are "
                        + "missing.", e);
            }
        }
    }

    private void finish(ChangeSet changeSet) {
        TableChangeGuard guard = guards.remove(changeSet);
        if (guard != null) {
            report(guard.finish(), changeSet);
        }
    }

    private static void report(List<ViewName> created, ChangeSet changeSet) {
        if (!created.isEmpty()) {
            LOG.log(Level.INFO, () -> "viewmigrate created again " + created.size() + " view(s) that "
                    + owner(changeSet) + " changed columns of: "
                    + created.stream().map(ViewName::toString).collect(Collectors.joining(", ")));
        }
    }

    /** E.g. "Liquibase changeset db/changelog.xml::3::ada", for messages. */
    static String owner(ChangeSet changeSet) {
        return "Liquibase changeset " + changeSet.getFilePath() + "::" + changeSet.getId() + "::"
                + changeSet.getAuthor();
    }

    /** The JDBC connection Liquibase runs the changeset on; null when it only writes SQL. */
    private static Connection connection(Database database) {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            return null;
        }
        ExecutorService executors = Scope.getCurrentScope().getSingleton(ExecutorService.class);
        if (executors.getExecutor("jdbc", database) instanceof LoggingExecutor) {
            return null;
        }
        return jdbc.getUnderlyingConnection();
    }

    private static boolean autoCommit(Connection connection) {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }
}
