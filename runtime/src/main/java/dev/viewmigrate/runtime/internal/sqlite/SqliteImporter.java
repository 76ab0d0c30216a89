package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.internal.importing.LiveView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code import} on SQLite: the views of the main database as {@link LiveView}s for the shared
 * {@link dev.viewmigrate.runtime.internal.importing.EntityWriter}. The SQL is the query of the stored
 * {@code CREATE VIEW} (as it was written); the columns and their declared types come from {@code pragma table_info},
 * mapped by SQLite's type affinity rules; which views a view reads is found by the names its SQL mentions (SQLite
 * records no dependencies).
 */
public final class SqliteImporter {
    private SqliteImporter() {}

    public static List<LiveView> read(Connection connection) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'view' "
                        + "ORDER BY name")) {
            while (result.next()) {
                rows.add(new String[] {result.getString(1), result.getString(2)});
            }
        }
        List<LiveView> views = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String name = rows.get(i)[0];
            String sql = rows.get(i)[1] == null ? "" : rows.get(i)[1];
            List<Long> reads = new ArrayList<>();
            for (int j = 0; j < rows.size(); j++) {
                if (j != i && SqliteText.mentions(sql, rows.get(j)[0])) {
                    reads.add(-1L - j);
                }
            }
            views.add(new LiveView(-1L - i, "main", name, false, true, SqliteText.viewQuery(sql), List.of(),
                    Optional.empty(), Optional.empty(), columns(connection, name), List.of(), reads));
        }
        return views;
    }

    private static List<LiveView.Column> columns(Connection connection, String view) throws SQLException {
        List<LiveView.Column> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name, type FROM pragma_table_info(?) "
                + "ORDER BY cid")) {
            query.setString(1, view);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1);
                    String declared = rows.getString(2) == null ? "" : rows.getString(2);
                    String base = declared.isEmpty() ? stored(connection, view, column) : baseType(declared);
                    columns.add(new LiveView.Column(column,
                            declared.isEmpty() ? "an expression without a declared type" : declared,
                            base, Optional.empty(), false));
                }
            }
        }
        return columns;
    }

    /**
     * An expression column has no declared type: the storage class of its first non-null value decides
     * ({@code count(*)} is an integer); without rows it stays untyped (a String with a note in the class).
     */
    private static String stored(Connection connection, String view, String column) throws SQLException {
        String name = SqliteText.quote(column);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT typeof(" + name + ") FROM " + SqliteText.quote(view)
                        + " WHERE " + name + " IS NOT NULL LIMIT 1")) {
            if (rows.next()) {
                switch (rows.getString(1)) {
                    case "integer":
                        return "int8";
                    case "real":
                        return "float8";
                    case "text":
                        return "text";
                    case "blob":
                        return "bytea";
                    default:
                        return "sqlite-untyped";
                }
            }
        } catch (SQLException e) {
            // A view that cannot be read (it refers to something missing): leave the column untyped.
        }
        return "sqlite-untyped";
    }

    /**
     * The PostgreSQL-named type whose Java mapping fits SQLite's affinity of {@code declared} (SQLite's rules: INT
     * means integer, CHAR/CLOB/TEXT text, BLOB blob, REAL/FLOA/DOUB real, anything else numeric). Dates and booleans
     * get their own Java types when declared so, as SQLite applications write them.
     */
    static String baseType(String declared) {
        String type = declared.toUpperCase(Locale.ROOT);
        if (type.isEmpty()) {
            return "sqlite-untyped";
        }
        if (type.contains("BOOL")) {
            return "bool";
        }
        if (type.contains("INT")) {
            return "int8";
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return "text";
        }
        if (type.contains("BLOB")) {
            return "bytea";
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return "float8";
        }
        if (type.equals("DATE")) {
            return "date";
        }
        if (type.contains("DATETIME") || type.contains("TIMESTAMP")) {
            return "timestamp";
        }
        return "numeric";
    }
}
