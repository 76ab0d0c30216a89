package dev.viewmigrate.benchmarks;

import dev.viewmigrate.testdb.ForwardingDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Measurement, not mocking: a {@link DataSource} whose connections pass every call on to the real PostgreSQL
 * connection and write down each call that waits for the server, so that a run's round trips can be listed.
 * (Embedded PostgreSQL has no {@code pg_stat_statements}; counting at the client also sees connection set-up.)
 *
 * <p>What counts as a round trip follows what pgjdbc sends: every {@code execute*} (a simple or extended query; with
 * autocommit off the driver sends its {@code BEGIN} in the same message), {@code commit()} and {@code rollback()}
 * when a transaction is open, {@code setAutoCommit(true)} inside an open transaction (the driver commits it), and
 * opening a connection (start-up and authentication, itself a few messages). {@code setAutoCommit(false)},
 * {@code getAutoCommit()} and {@code close()} send nothing the client waits for.
 */
final class RoundTripCounter extends ForwardingDataSource {
    /** One call that waited for the server. */
    record RoundTrip(Kind kind, String sql) {
        enum Kind { CONNECT, QUERY, COMMIT, ROLLBACK }

        @Override
        public String toString() {
            return sql == null ? kind.name().toLowerCase() : kind.name().toLowerCase() + ": " + oneLine(sql);
        }
    }

    private final List<RoundTrip> roundTrips = new ArrayList<>();

    RoundTripCounter(DataSource target) {
        super(target);
    }

    synchronized List<RoundTrip> roundTrips() {
        return List.copyOf(roundTrips);
    }

    synchronized void reset() {
        roundTrips.clear();
    }

    long count(RoundTrip.Kind kind) {
        return roundTrips().stream().filter(r -> r.kind() == kind).count();
    }

    private synchronized void record(RoundTrip.Kind kind, String sql) {
        roundTrips.add(new RoundTrip(kind, sql));
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        record(RoundTrip.Kind.CONNECT, null);
        return wrap(connection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Connection connection = super.getConnection(username, password);
        record(RoundTrip.Kind.CONNECT, null);
        return wrap(connection);
    }

    private Connection wrap(Connection real) {
        BaseConnection pg;
        try {
            pg = real.unwrap(BaseConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException("The round-trip counter reads pgjdbc's transaction state and needs a "
                    + "PostgreSQL JDBC connection, got " + real.getClass().getName(), e);
        }
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "commit" -> {
                    if (inTransaction(pg)) {
                        record(RoundTrip.Kind.COMMIT, null);
                    }
                }
                case "rollback" -> {
                    if (args == null && inTransaction(pg)) {
                        record(RoundTrip.Kind.ROLLBACK, null);
                    }
                }
                case "setAutoCommit" -> {
                    if ((Boolean) args[0] && !real.getAutoCommit() && inTransaction(pg)) {
                        record(RoundTrip.Kind.COMMIT, null);
                    }
                }
                default -> {
                    // Everything else is local to the driver or wrapped below.
                }
            }
            Object result = invoke(real, method, args);
            if (result instanceof PreparedStatement prepared && method.getName().equals("prepareStatement")) {
                return wrapStatement(prepared, PreparedStatement.class, (String) args[0]);
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return wrapStatement(statement, Statement.class, null);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private <S extends Statement> S wrapStatement(S real, Class<S> type, String preparedSql) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
                record(RoundTrip.Kind.QUERY, method.getName().equals("executeBatch") ? "(batch)" : sql);
            }
            return invoke(real, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static boolean inTransaction(BaseConnection pg) {
        return pg.getTransactionState() != TransactionState.IDLE;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            // The caller must see the driver's own exception (e.g. a PSQLException with its SQLState).
            throw e.getCause();
        }
    }

    private static String oneLine(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() > 100 ? flat.substring(0, 97) + "..." : flat;
    }
}
