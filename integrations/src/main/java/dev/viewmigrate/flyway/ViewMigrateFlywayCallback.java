package dev.viewmigrate.flyway;

import dev.viewmigrate.runtime.TableChangeGuard;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewName;
import java.lang.System.Logger;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;

/**
 * Lets Flyway migrations change columns that viewmigrate's views read: before each statement of a SQL migration,
 * the managed views that read what it retypes, drops or renames are dropped (never {@code CASCADE}; a view
 * viewmigrate does not manage that reads it makes the migration fail, named); after the migration's last statement
 * they are created again from their frozen definitions, with grants, comments, options, indexes and data. All of it
 * runs on Flyway's connection, inside the migration's transaction.
 *
 * <pre>{@code
 * Flyway.configure().dataSource(dataSource)
 *         .callbacks(ViewMigrateFlywayCallback.of(viewMigrator))
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
public final class ViewMigrateFlywayCallback {
    private static final Logger LOG = System.getLogger(ViewMigrateFlywayCallback.class.getName());

    private final ViewMigrator viewMigrator;
    /** One guard per migration being run, by its connection (one callback may serve several Flyway instances). */
    private final Map<Connection, TableChangeGuard> guards = new ConcurrentHashMap<>();

    private ViewMigrateFlywayCallback(ViewMigrator viewMigrator) {
        this.viewMigrator = Objects.requireNonNull(viewMigrator, "viewMigrator");
    }

    /**
     * The callback to register with Flyway (11, which Spring Boot 3.5 manages, and 13 are tested).
     *
     * <p>A proxy of Flyway's {@code Callback} interface rather than a class implementing it: Flyway 12 made it a
     * generic interface (its methods take a {@code CallbackEvent}, a type Flyway 11 does not have), so one compiled
     * class cannot implement both; Spring Boot 3.5 manages Flyway 11, Boot 4 Flyway 11 or 13.
     */
    public static Callback of(ViewMigrator viewMigrator) {
        ViewMigrateFlywayCallback callback = new ViewMigrateFlywayCallback(viewMigrator);
        return (Callback) Proxy.newProxyInstance(Callback.class.getClassLoader(), new Class<?>[] {Callback.class},
                callback::invoke);
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "supports" -> SUPPORTED.contains(((Enum<?>) args[0]).name());
            case "canHandleInTransaction" -> true;
            case "handle" -> {
                handle(((Enum<?>) args[0]).name(), (Context) args[1]);
                yield null;
            }
            case "getCallbackName" -> "viewmigrate table changes";
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "viewmigrate table changes (Flyway callback)";
            default -> {
                if (method.isDefault()) {
                    yield InvocationHandler.invokeDefault(proxy, method, args);
                }
                throw new UnsupportedOperationException(method.toString());
            }
        };
    }

    private static final Set<String> SUPPORTED = Set.of(
            "BEFORE_EACH_MIGRATE_STATEMENT", "AFTER_EACH_MIGRATE", "AFTER_EACH_MIGRATE_ERROR");

    private void handle(String event, Context context) {
        Connection connection = context.getConnection();
        switch (event) {
            case "BEFORE_EACH_MIGRATE_STATEMENT" -> guards
                    .computeIfAbsent(connection, c -> viewMigrator.tableChanges(c, owner(context)))
                    .before(context.getStatement().getSql());
            case "AFTER_EACH_MIGRATE" -> {
                TableChangeGuard guard = guards.remove(connection);
                if (guard != null) {
                    report(guard.finish(), context);
                }
            }
            case "AFTER_EACH_MIGRATE_ERROR" -> {
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
                // not supported: see SUPPORTED
            }
        }
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
