package dev.viewmigrate.flyway;

import dev.viewmigrate.runtime.TableChangeGuard;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewName;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Lets Flyway migrations change columns that viewmigrate's views read: before each statement of a SQL migration,
 * the managed views that read what it retypes, drops or renames are dropped (never {@code CASCADE}; a view
 * viewmigrate does not manage that reads it makes the migration fail, named); after the migration's last statement
 * they are created again from their frozen definitions, with grants, comments, options, indexes and data. All of it
 * runs on Flyway's connection, inside the migration's transaction.
 *
 * <pre>{@code
 * Flyway.configure().dataSource(dataSource)
 *         .callbacks(new ViewMigrateFlywayCallback(viewMigrator))
 *         .load().migrate();
 * viewMigrator.upgrade("head");
 * }</pre>
 *
 * <p>Flyway reports each statement of a SQL migration to callbacks ({@code BEFORE_EACH_MIGRATE_STATEMENT}); the
 * statements of a Java migration are not reported: call {@link ViewMigrator#tableChanges} there yourself. With
 * Flyway's {@code batch} option the statements are reported before the batch runs, which works the same for one
 * table change per batch. A migration Flyway runs outside a transaction (non-transactional statements such as
 * {@code CREATE INDEX CONCURRENTLY}) gets the same drops and creations, but they commit one by one: when it fails,
 * this callback creates the dropped views again before Flyway reports the failure.
 */
public final class ViewMigrateFlywayCallback implements Callback {
    private static final Logger LOG = System.getLogger(ViewMigrateFlywayCallback.class.getName());

    private final ViewMigrator viewMigrator;
    /** One guard per migration being run, by its connection (one callback may serve several Flyway instances). */
    private final Map<Connection, TableChangeGuard> guards = new ConcurrentHashMap<>();

    public ViewMigrateFlywayCallback(ViewMigrator viewMigrator) {
        this.viewMigrator = Objects.requireNonNull(viewMigrator, "viewMigrator");
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE_STATEMENT
                || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        switch (event) {
            case BEFORE_EACH_MIGRATE_STATEMENT -> guards
                    .computeIfAbsent(connection, c -> viewMigrator.tableChanges(c, owner(context)))
                    .before(context.getStatement().getSql());
            case AFTER_EACH_MIGRATE -> {
                TableChangeGuard guard = guards.remove(connection);
                if (guard != null) {
                    report(guard.finish(), context);
                }
            }
            case AFTER_EACH_MIGRATE_ERROR -> {
                TableChangeGuard guard = guards.remove(connection);
                if (guard != null && autoCommit(connection)) {
                    // Nothing rolls back the drops of a non-transactional migration: put the views back.
                    try {
                        report(guard.finish(), context);
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, owner(context) + " failed outside a transaction and viewmigrate could "
                                + "not create again the views it dropped before it: " + e.getMessage()
                                + " Fix the migration and run it again; then run viewmigrate's upgrade, or verify to "
                                + "see which views are missing.", e);
                    }
                }
            }
            default -> {
                // not supported: see supports()
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "viewmigrate table changes";
    }

    private static void report(List<ViewName> created, Context context) {
        if (!created.isEmpty()) {
            LOG.log(Level.INFO, () -> "viewmigrate created again " + created.size() + " view(s) that "
                    + owner(context) + " changed columns of: "
                    + created.stream().map(ViewName::toString).collect(Collectors.joining(", ")));
        }
    }

    /** E.g. "Flyway migration V3__widen_usernames.sql", for messages. */
    static String owner(Context context) {
        MigrationInfo info = context.getMigrationInfo();
        if (info == null) {
            return "Flyway migration";
        }
        String script = info.getScript();
        return "Flyway migration " + (script != null ? script : info.getVersion() + " (" + info.getDescription() + ")");
    }

    private static boolean autoCommit(Connection connection) {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }
}
