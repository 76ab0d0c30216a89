package dev.viewmigrate.runtime;

import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The history table's rows without what differs from run to run (applied_at, execution_ms). */
final class HistoryRows {
    private HistoryRows() {}

    /** The rows, oldest first; a single line saying so when the table does not exist. */
    static List<String> of(TestDatabase db, String qualifiedTable) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.connect(); Statement check = connection.createStatement();
                ResultSet exists = check.executeQuery("SELECT to_regclass('" + qualifiedTable.replace("'", "''")
                        + "') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return List.of("(no table " + qualifiedTable + ")");
            }
        }
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT rank, revision, description, checksum, applied_by, "
                        + "applied_at IS NOT NULL, execution_ms >= 0 FROM " + qualifiedTable + " ORDER BY rank")) {
            while (row.next()) {
                rows.add(row.getInt(1) + "|" + row.getString(2) + "|" + row.getString(3) + "|" + row.getInt(4) + "|"
                        + row.getString(5) + "|" + row.getBoolean(6) + "|" + row.getBoolean(7));
            }
        }
        return rows;
    }

    static List<String> of(TestDatabase db) throws SQLException {
        return of(db, ViewMigrator.DEFAULT_HISTORY_TABLE);
    }
}
