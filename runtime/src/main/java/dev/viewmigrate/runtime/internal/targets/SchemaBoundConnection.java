package dev.viewmigrate.runtime.internal.targets;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A connection on which every transaction runs with a given {@code search_path}, set with
 * {@code set_config('search_path', ..., true)} (what {@code SET LOCAL} does) as the first statement of the transaction.
 * This is how a tenant schema target works: the frozen SQL names its views unqualified, and the runtime's catalog
 * queries ({@code current_schema()}, {@code to_regclass}) resolve unqualified names through the search_path, so all of
 * them find the tenant's views, not {@code public}'s.
 *
 * <p>Nothing is set on the session: behind PgBouncer in transaction mode, consecutive transactions of one client may
 * run on different server connections, and a session {@code SET} would both miss the next transaction and leak into
 * another client's. Autocommit is emulated for the same reason: the real connection always has autocommit off, and
 * a statement run while the caller has autocommit on is wrapped in its own transaction (search_path first, commit
 * after, rollback on failure), exactly what autocommit would do.
 */
public final class SchemaBoundConnection implements InvocationHandler {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final Connection real;
    private final String searchPath;
    private final boolean realAutoCommit;
    private final Connection proxy;
    private boolean autoCommit;
    private boolean inTransaction;

    private SchemaBoundConnection(Connection real, String searchPath) throws SQLException {
        this.real = real;
        this.searchPath = searchPath;
        this.realAutoCommit = real.getAutoCommit();
        this.autoCommit = realAutoCommit;
        if (realAutoCommit) {
            real.setAutoCommit(false);
        }
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this);
    }

    /**
     * Wraps {@code real}; {@code searchPath} is the value of the setting, quoted as SQL needs it
     * ({@code "Tenant_A", public}). Closing the wrapper gives the real connection back its autocommit mode and closes it.
     */
    public static Connection wrap(Connection real, String searchPath) throws SQLException {
        try {
            return new SchemaBoundConnection(real, searchPath).proxy;
        } catch (SQLException | RuntimeException e) {
            real.close();
            throw e;
        }
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getAutoCommit":
                return autoCommit;
            case "setAutoCommit":
                boolean on = (Boolean) args[0];
                if (on && !autoCommit && inTransaction) {
                    // JDBC: switching autocommit on commits the open transaction.
                    endTransaction(true);
                }
                autoCommit = on;
                return null;
            case "commit":
            case "rollback":
                if (args == null || args.length == 0) {
                    endTransaction(method.getName().equals("commit"));
                    return null;
                }
                break;
            case "setSavepoint":
                begin();
                break;
            case "close":
                close();
                return null;
            case "createStatement":
            case "prepareStatement":
            case "prepareCall":
                return statement((Statement) call(real, method, args));
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                break;
            case "isWrapperFor":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return true;
                }
                break;
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "search_path " + searchPath + " over " + real;
            default:
                break;
        }
        return call(real, method, args);
    }

    /** Starts the transaction with the search_path when none is open. */
    private void begin() throws SQLException {
        if (inTransaction) {
            return;
        }
        try (PreparedStatement set = real.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, true)")) {
            set.setString(1, searchPath);
            set.execute();
        }
        inTransaction = true;
    }

    private void endTransaction(boolean commit) throws SQLException {
        inTransaction = false;
        if (commit) {
            real.commit();
        } else {
            real.rollback();
        }
    }

    private void close() throws SQLException {
        if (real.isClosed()) {
            return;
        }
        try {
            if (inTransaction) {
                // What closing a connection with an open transaction does: nothing of it is kept.
                endTransaction(false);
            }
            if (realAutoCommit) {
                // A pool hands the connection to the next user with the mode it had.
                real.setAutoCommit(true);
            }
        } finally {
            real.close();
        }
    }

    /** Runs {@code work} (one statement execution) inside a transaction that has the search_path. */
    private Object executing(Statement statement, Method method, Object[] args) throws Throwable {
        begin();
        Object result;
        try {
            result = call(statement, method, args);
        } catch (Throwable e) {
            if (autoCommit) {
                try {
                    endTransaction(false);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        }
        if (autoCommit) {
            endTransaction(true);
        }
        return result;
    }

    private Statement statement(Statement statement) {
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    if (EXECUTE.contains(method.getName())) {
                        return executing(statement, method, args);
                    }
                    return switch (method.getName()) {
                        case "getConnection" -> proxy;
                        case "equals" -> self == args[0];
                        case "hashCode" -> System.identityHashCode(self);
                        default -> call(statement, method, args);
                    };
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
