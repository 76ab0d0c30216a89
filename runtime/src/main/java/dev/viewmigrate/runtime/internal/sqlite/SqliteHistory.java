package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.internal.HistoryTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The history table on SQLite: the same columns as on PostgreSQL, in SQLite's types ({@code applied_at} is ISO-8601
 * text in UTC; {@code applied_by} is the operating-system user, SQLite having no users). It lives in the main
 * database of the file.
 */
public final class SqliteHistory {
    private static final String COLUMNS = "rank, revision, description, checksum, applied_at, applied_by, execution_ms";

    private final String table;
    private final String quoted;
    private final HistoryTable named;

    public SqliteHistory(String schema, String table) {
        if (schema != null && !schema.isBlank() && !schema.equalsIgnoreCase("main")) {
            throw SqliteMessages.historySchema(schema);
        }
        this.named = new HistoryTable(null, table);
        this.table = table;
        this.quoted = SqliteText.quote(table);
    }

    /** The table's name as written in SQL. */
    public String quotedName() {
        return quoted;
    }

    /** The same table as the PostgreSQL code names it, for the shared chain validation messages. */
    HistoryTable named() {
        return named;
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + quoted + " (\n"
                + "    rank INTEGER NOT NULL UNIQUE,\n"
                + "    revision TEXT NOT NULL PRIMARY KEY,\n"
                + "    description TEXT NOT NULL,\n"
                + "    checksum INTEGER NOT NULL,\n"
                + "    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
                + "    applied_by TEXT NOT NULL DEFAULT '',\n"
                + "    execution_ms INTEGER NOT NULL\n"
                + ")";
    }

    boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(createSql());
        }
    }

    /** The whole history, oldest first; a missing table means nothing is applied. */
    public HistoryTable.Contents read(Connection connection) {
        try {
            if (!exists(connection)) {
                return new HistoryTable.Contents(false, List.of());
            }
            List<AppliedRevision> applied = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM " + quoted
                            + " ORDER BY rank")) {
                while (rows.next()) {
                    applied.add(new AppliedRevision(rows.getInt(1), rows.getString(2), rows.getString(3),
                            rows.getInt(4), instant(rows.getString(5)), rows.getString(6), rows.getLong(7)));
                }
            }
            return new HistoryTable.Contents(true, applied);
        } catch (SQLException e) {
            throw SqliteMessages.cannotReadHistory(quoted, e);
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    void insert(Connection connection, int rank, Migration migration, long executionMillis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + quoted
                + " (rank, revision, description, checksum, applied_by, execution_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setInt(1, rank);
            insert.setString(2, migration.revision());
            insert.setString(3, migration.description());
            insert.setInt(4, migration.checksum());
            insert.setString(5, System.getProperty("user.name", ""));
            insert.setLong(6, executionMillis);
            insert.executeUpdate();
        }
    }

    int delete(Connection connection, String revision) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + quoted + " WHERE revision = ?")) {
            delete.setString(1, revision);
            return delete.executeUpdate();
        }
    }

    /** The offline script's insert: {@code applied_by} says it came from a script, {@code execution_ms} is 0. */
    String insertScript(int rank, Migration migration) {
        return "INSERT INTO " + quoted + " (rank, revision, description, checksum, applied_by, execution_ms)\nVALUES ("
                + rank + ", " + SqliteText.literal(migration.revision()) + ", "
                + SqliteText.literal(migration.description()) + ", " + migration.checksum() + ", 'sql script', 0)";
    }

    String deleteScript(String revision) {
        return "DELETE FROM " + quoted + " WHERE revision = " + SqliteText.literal(revision);
    }

    /**
     * The offline script's guard at the start of a revision's transaction: SQLite has no procedural blocks, so a row
     * that fails a CHECK constraint stops the script (sqlite3 runs it with {@code .bail on}) unless the newest applied
     * revision is {@code expected} (null: base). The constraint's name is the message sqlite3 prints.
     */
    String guardScript(String expected, String what) {
        String shown = expected == null ? "base (no revision applied)" : "revision " + expected;
        String newest = "(SELECT revision FROM " + quoted + " ORDER BY rank DESC LIMIT 1)";
        return "CREATE TEMP TABLE viewmigrate_guard (ok INTEGER CONSTRAINT "
                + SqliteText.quote("viewmigrate: " + what + " expects the database at " + shown
                        + "; generate the script from the revision the database is at") + " CHECK (ok));\n"
                + "INSERT INTO viewmigrate_guard SELECT " + newest + " IS "
                + (expected == null ? "NULL" : SqliteText.literal(expected)) + ";\n"
                + "DROP TABLE viewmigrate_guard;";
    }
}
