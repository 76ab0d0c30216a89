package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/** Where a run gets its one connection: a DataSource, or a JDBC URL through DriverManager. */
public interface ConnectionSource {
    Connection open() throws SQLException;

    /** Names the database for error messages (never the password). */
    String describe();

    /** Opens a connection, turning a failure into a {@link ErrorCode#CONNECTION_FAILED} that says what to check. */
    default Connection connect() {
        try {
            return open();
        } catch (SQLException e) {
            throw Messages.cannotConnect(describe(), e);
        }
    }

    /** Work on one connection; may throw SQLException. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /**
     * Opens a connection, runs {@code work} on it in autocommit mode, then rolls back whatever transaction the work
     * left open, gives the connection back its autocommit mode (a pool may hand out connections with autocommit off
     * and must get them back that way) and closes it. A {@link SQLException} that reaches here (from the work or the
     * housekeeping) becomes the exception {@code failed} makes of it; one from the housekeeping after another
     * failure is added to that failure as suppressed.
     */
    default <T> T inAutoCommit(Work<T> work, Function<SQLException, ViewMigrateException> failed) {
        try (Connection connection = connect()) {
            boolean autoCommit = connection.getAutoCommit();
            Throwable failure = null;
            try {
                if (!autoCommit) {
                    connection.setAutoCommit(true);
                }
                return work.on(connection);
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                try {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    if (connection.getAutoCommit() != autoCommit) {
                        connection.setAutoCommit(autoCommit);
                    }
                } catch (SQLException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        } catch (SQLException e) {
            throw failed.apply(e);
        }
    }

    static ConnectionSource of(DataSource dataSource) {
        return new ConnectionSource() {
            @Override
            public Connection open() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public String describe() {
                return "the database of the configured DataSource (" + dataSource.getClass().getName() + ")";
            }
        };
    }

    static ConnectionSource of(String url, String user, String password) {
        return new ConnectionSource() {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(url, user, password);
            }

            @Override
            public String describe() {
                // A password may sit in the URL's parameters; never print it.
                return url.replaceAll("(?i)(password=)[^&]*", "$1***") + (user == null ? "" : " as user " + user);
            }
        };
    }

    /** For a migrator built without a database: online operations explain how to configure one. */
    static ConnectionSource none() {
        return new ConnectionSource() {
            @Override
            public Connection open() {
                throw Messages.noDatabase();
            }

            @Override
            public String describe() {
                return "no database";
            }
        };
    }
}
