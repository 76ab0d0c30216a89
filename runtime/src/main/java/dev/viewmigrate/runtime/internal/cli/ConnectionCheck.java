package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.internal.Messages;
import dev.viewmigrate.runtime.internal.sqlite.SqliteDatabase;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens (and closes) one connection before a verb runs, so that a wrong URL, an unreachable server, bad credentials
 * or an unknown database each get a message of their own that says what to fix, instead of whatever error the first
 * statement of the migration run would hit.
 */
final class ConnectionCheck {
    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final String URL_FORM = "jdbc:postgresql://HOST:PORT/DATABASE, e.g. "
            + "jdbc:postgresql://localhost:5432/app (or jdbc:sqlite:FILE for SQLite)";

    private ConnectionCheck() {}

    /**
     * Returns the server's version; throws a {@link CliFailure} that explains what went wrong, naming the settings to
     * check as {@code names} does.
     */
    static String check(ConnectionSettings settings, ConnectionNames names) {
        if (SqliteDatabase.isSqliteUrl(settings.url())) {
            return checkSqlite(settings, names);
        }
        Properties parsed = parse(settings, names);
        String server = "PostgreSQL at " + parsed.getProperty("PGHOST", "localhost") + ":"
                + parsed.getProperty("PGPORT", "5432");
        String database = parsed.getProperty("PGDBNAME", "");
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        try (Connection connection = DriverManager.getConnection(settings.url(), properties)) {
            return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw explain(e, settings, names, server, database);
        }
    }

    /**
     * SQLite: the file is created on first connect, as SQLite does, but its directory must exist; user and password
     * mean nothing to SQLite and are ignored.
     */
    private static String checkSqlite(ConnectionSettings settings, ConnectionNames names) {
        String file = settings.url().substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (!file.isEmpty() && !file.startsWith(":")) {
            java.nio.file.Path parent = java.nio.file.Path.of(file).toAbsolutePath().getParent();
            if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
                throw CliFailure.usage("The directory of the SQLite database '" + file + "' does not exist ("
                        + parent + "). Give " + names.whereUrl()
                        + " as jdbc:sqlite:PATH-TO-FILE, e.g. jdbc:sqlite:app.db.");
            }
        }
        try (Connection connection = DriverManager.getConnection(settings.url())) {
            return "SQLite " + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw CliFailure.failed("Could not open the SQLite database " + settings.displayUrl() + ": "
                    + e.getMessage() + ". Check that the file is a SQLite database, readable and writable by this "
                    + "user.", e);
        }
    }

    private static Properties parse(ConnectionSettings settings, ConnectionNames names) {
        if (!settings.url().startsWith(JDBC_PREFIX)) {
            throw CliFailure.usage("The database URL '" + settings.displayUrl() + "' is neither a PostgreSQL"
                    + " nor a SQLite JDBC URL."
                    + " Give " + names.whereUrl() + " in the form " + URL_FORM + ".");
        }
        Properties parsed = org.postgresql.Driver.parseURL(settings.url(), null);
        if (parsed == null) {
            throw CliFailure.usage("The database URL '" + settings.displayUrl() + "' is malformed: the PostgreSQL"
                    + " driver cannot parse it (check the host, the port number and the ?key=value parameters)."
                    + " Give " + names.whereUrl() + " in the form " + URL_FORM + ".");
        }
        return parsed;
    }

    private static CliFailure explain(SQLException e, ConnectionSettings settings, ConnectionNames names,
            String server, String database) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = settings.user() == null ? "the default user" : "user '" + settings.user() + "'";
        if (hasCause(e, ConnectException.class) || hasCause(e, NoRouteToHostException.class)) {
            return CliFailure.failed("Could not connect to " + server + ": connection refused. Check that the server"
                    + " is running and accepts TCP/IP connections on that host and port, and that "
                    + names.whereUrl() + " names the right ones.", e);
        }
        if (hasCause(e, UnknownHostException.class)) {
            return CliFailure.failed("Could not connect to " + server + ": unknown host. Check the host name in "
                    + names.whereUrl() + ".", e);
        }
        if (hasCause(e, SocketTimeoutException.class)) {
            return CliFailure.failed("Could not connect to " + server + ": the connection timed out. Check that"
                    + " the host is reachable from here (firewall, VPN) and that " + names.whereUrl()
                    + " names the right host and port.", e);
        }
        if (state.startsWith("28")) {
            // 28000 invalid authorization (e.g. unknown role), 28P01 wrong password.
            return CliFailure.failed(server + " rejected the login of " + user + ": " + Messages.postgres(e)
                    + ". Check " + names.whereCredentials() + ".", e);
        }
        if (state.equals("08004") && settings.password() == null
                && String.valueOf(e.getMessage()).contains("password")) {
            // pgjdbc: "The server requested password-based authentication, but no password was provided by plugin null"
            return CliFailure.failed(server + " asks " + user + " for a password, and none was given. Pass "
                    + names.wherePassword() + ".", e);
        }
        if (state.equals("3D000")) {
            return CliFailure.failed("Database '" + database + "' does not exist on " + server + ". Create it"
                    + " (CREATE DATABASE " + database + ") or fix the database name in " + names.whereUrl() + ".",
                    e);
        }
        return CliFailure.failed("Could not connect to " + settings.displayUrl() + " as " + user + ": "
                + Messages.postgres(e) + ". Check " + names.whereUrl()
                + ", " + names.whereCredentials() + " and that the server accepts connections from here.", e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
