package dev.viewmigrate.runtime;

import dev.viewmigrate.testdb.ForwardingDataSource;
import dev.viewmigrate.testdb.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A pool of one: every {@code getConnection()} hands out the same physical connection, and {@code close()} only gives
 * it back, as HikariCP and friends do. A session advisory lock that viewmigrate forgets to release stays held by
 * this connection, where a non-pooling DataSource would free it silently by closing the session.
 */
final class PooledConnection extends ForwardingDataSource implements AutoCloseable {
    private final Connection physical;

    PooledConnection(TestDatabase db) throws SQLException {
        super(db.dataSource());
        this.physical = db.connect();
    }

    @Override
    public Connection getConnection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return false;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The advisory locks the pooled session holds now, seen from another session (0 once viewmigrate is done). */
    int advisoryLocksHeld(TestDatabase db) throws SQLException {
        int pid;
        try (Statement s = physical.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            pid = r.getInt(1);
        }
        try (Connection other = db.connect(); Statement s = other.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                        + "AND pid = " + pid)) {
            r.next();
            return r.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        physical.close();
    }
}
