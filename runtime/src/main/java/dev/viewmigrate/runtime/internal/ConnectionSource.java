package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
            throw new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "Could not connect to " + describe() + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check that the server is running and "
                    + "reachable, that the database exists, and the user name and password.", e);
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
                throw new ViewMigrateException(ErrorCode.CONNECTION_FAILED, "No database configured: build the "
                        + "ViewMigrator with .dataSource(...) or .url(url, user, password). Only the offline SQL "
                        + "methods (upgradeSql, downgradeSql) and migrations() work without one.");
            }

            @Override
            public String describe() {
                return "no database";
            }
        };
    }
}
