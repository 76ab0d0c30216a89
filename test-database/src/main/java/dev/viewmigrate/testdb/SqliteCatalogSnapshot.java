package dev.viewmigrate.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The SQLite counterpart of {@link CatalogSnapshot}: what a SQLite database file holds, one line per fact, sorted, so
 * that two snapshots compare with {@code equals} and a failing assertion shows the differing lines. Read from
 * {@code sqlite_master} (every table, view, index and trigger with its stored SQL, which SQLite keeps as written) and
 * {@code pragma table_info} (each column of each table and view: position, name, declared type, not-null, default,
 * primary-key position). SQLite's own objects ({@code sqlite_%}) are left out.
 *
 * @param entries the facts, sorted
 */
public record SqliteCatalogSnapshot(List<String> entries) {
    public SqliteCatalogSnapshot {
        entries = List.copyOf(entries);
    }

    /** Opens {@code url} ({@code jdbc:sqlite:FILE}) and captures it. */
    public static SqliteCatalogSnapshot capture(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return capture(connection);
        }
    }

    public static SqliteCatalogSnapshot capture(Connection connection) throws SQLException {
        TreeSet<String> entries = new TreeSet<>();
        List<String[]> relations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        + "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (rows.next()) {
                String type = rows.getString(1);
                String name = rows.getString(2);
                entries.add(type + " " + name + " on " + rows.getString(3) + ": " + rows.getString(4));
                if (type.equals("table") || type.equals("view")) {
                    relations.add(new String[] {type, name});
                }
            }
        }
        for (String[] relation : relations) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)")) {
                query.setString(1, relation[1]);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(relation[0] + " " + relation[1] + " column " + rows.getInt(1) + " "
                                + rows.getString(2) + " " + rows.getString(3) + (rows.getInt(4) != 0 ? " not null" : "")
                                + (rows.getString(5) == null ? "" : " default " + rows.getString(5))
                                + (rows.getInt(6) != 0 ? " pk " + rows.getInt(6) : ""));
                    }
                }
            } catch (SQLException e) {
                // A view whose query no longer resolves (SQLite checks views only when they are used).
                entries.add(relation[0] + " " + relation[1] + " columns unreadable: " + e.getMessage());
            }
        }
        return new SqliteCatalogSnapshot(new ArrayList<>(entries));
    }

    /** This snapshot without the entries about {@code names} (e.g. the history table). */
    public SqliteCatalogSnapshot without(String... names) {
        List<String> kept = new ArrayList<>();
        for (String entry : entries) {
            boolean drop = false;
            for (String name : names) {
                String rest = entry.substring(entry.indexOf(' ') + 1);
                drop |= rest.startsWith(name + " ");
            }
            if (!drop) {
                kept.add(entry);
            }
        }
        return new SqliteCatalogSnapshot(kept);
    }

    /** Whether a view of that name exists. */
    public boolean hasView(String name) {
        return entries.stream().anyMatch(e -> e.startsWith("view " + name + " on "));
    }

    @Override
    public String toString() {
        return String.join("\n", entries);
    }
}
