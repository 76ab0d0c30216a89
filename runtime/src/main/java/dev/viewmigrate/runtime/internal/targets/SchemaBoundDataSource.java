package dev.viewmigrate.runtime.internal.targets;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out {@link SchemaBoundConnection}s: what a {@link dev.viewmigrate.runtime.ViewMigrator} for a tenant schema
 * target is built from, so that the migrator itself knows nothing about tenants.
 */
public final class SchemaBoundDataSource implements DataSource {
    /** Opens one connection to the target's database. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final String searchPath;

    public SchemaBoundDataSource(Opener opener, String searchPath) {
        this.opener = opener;
        this.searchPath = searchPath;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return SchemaBoundConnection.wrap(opener.open(), searchPath);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a tenant schema target connects with the runner's credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
