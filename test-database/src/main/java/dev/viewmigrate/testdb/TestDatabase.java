package dev.viewmigrate.testdb;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One fresh, empty PostgreSQL database that belongs to a single test. {@link #close()} drops it (forcefully:
 * connections a test left open do not keep it alive).
 */
public final class TestDatabase implements AutoCloseable {
    private final PostgresServer server;
    private final String name;
    private final String url;
    private final String user;
    private final String password;

    TestDatabase(PostgresServer server, String name, String url, String user, String password) {
        this.server = server;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new database on the {@linkplain PostgresServer#shared() shared server}. */
    public static TestDatabase create() {
        return PostgresServer.shared().createDatabase();
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A plain, non-pooling DataSource: every {@code getConnection()} opens a new connection. */
    public DataSource dataSource() {
        return new SimpleDataSource();
    }

    @Override
    public void close() {
        server.dropDatabase(name);
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }

    private final class SimpleDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return connect();
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            return DriverManager.getConnection(url, username, pass);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("Not a wrapper for " + iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }
    }
}
