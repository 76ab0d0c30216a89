package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.sql.Identifiers;
import dev.viewmigrate.sql.Literals;
import dev.viewmigrate.sql.SqlText;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The history table: one row per applied revision. All of its SQL lives here (as in Flyway's
 * {@code JdbcTableSchemaHistory}): the DDL, the advisory lock, reading, recording and removing a revision, and the
 * offline script's literal forms of the same statements and its guard, so that online runs and offline scripts write
 * exactly the same table and rows.
 *
 * <p>{@code rank} is the revision's position in the chain (1 for the oldest); because applied revisions always
 * form a prefix of the chain, it is also the position in the applied list, and an offline script can compute it
 * without asking the database.
 */
public final class HistoryTable {
    static final String COLUMNS = "rank, revision, description, checksum, applied_at, applied_by, execution_ms";
    /** SQLState undefined_table / invalid_schema_name: the history table (or its schema) does not exist yet. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String INVALID_SCHEMA = "3F000";
    /** High half of every advisory lock key the runtime takes: "vmig", so it does not collide with small keys. */
    private static final long LOCK_NAMESPACE = 0x766D6967L;

    private final String schema;
    private final String table;
    private final String qualified;

    /** {@code schema} null: unqualified, so PostgreSQL resolves it with the connection's search_path. */
    public HistoryTable(String schema, String table) {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("history table name is blank");
        }
        if (schema != null && schema.isBlank()) {
            throw new IllegalArgumentException("history schema name is blank; pass null for the search_path");
        }
        this.schema = schema;
        this.table = table;
        this.qualified = (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(table);
    }

    /** The table's name as written in SQL, quoted where needed, e.g. {@code "Ops".viewmigrate_history}. */
    public String qualifiedName() {
        return qualified;
    }

    /**
     * Key of the session advisory lock that serialises runs on this history table: a constant namespace in the high
     * 32 bits, the CRC32 of the qualified name in the low 32 bits. Two applications with different history tables in
     * one database do not wait for each other.
     */
    public long lockKey() {
        CRC32 crc = new CRC32();
        crc.update(qualified.getBytes(StandardCharsets.UTF_8));
        return (LOCK_NAMESPACE << 32) | crc.getValue();
    }

    /** The DDL that creates the table (and its schema, when one is configured), idempotent. */
    public List<String> createSql() {
        List<String> sql = new ArrayList<>(2);
        if (schema != null) {
            sql.add("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
        }
        sql.add("CREATE TABLE IF NOT EXISTS " + qualified + " (\n"
                + "    rank integer NOT NULL UNIQUE,\n"
                + "    revision text PRIMARY KEY,\n"
                + "    description text NOT NULL,\n"
                + "    checksum integer NOT NULL,\n"
                + "    applied_at timestamptz NOT NULL DEFAULT now(),\n"
                + "    applied_by text NOT NULL DEFAULT current_user,\n"
                + "    execution_ms bigint NOT NULL\n"
                + ")");
        return sql;
    }

    public String selectSql() {
        return "SELECT " + COLUMNS + " FROM " + qualified + " ORDER BY rank";
    }

    /** Blocks until this table's session advisory lock is held (bounded by the session's lock_timeout). */
    public String lockSql() {
        return "SELECT pg_advisory_lock(" + lockKey() + ")";
    }

    /** Takes this table's session advisory lock if it is free; returns whether it did, never waits. */
    String tryLockSql() {
        return "SELECT pg_try_advisory_lock(" + lockKey() + ")";
    }

    public String unlockSql() {
        return "SELECT pg_advisory_unlock(" + lockKey() + ")";
    }

    /**
     * Blocks until this table's transaction-scoped advisory lock is held (bounded by lock_timeout); released by the
     * transaction's commit or rollback. Conflicts with the session lock of the same key, so both modes exclude each
     * other.
     */
    String xactLockSql() {
        return "SELECT pg_advisory_xact_lock(" + lockKey() + ")";
    }

    /** Takes this table's transaction-scoped advisory lock if it is free; returns whether it did, never waits. */
    String tryXactLockSql() {
        return "SELECT pg_try_advisory_xact_lock(" + lockKey() + ")";
    }

    /** Parameters: rank, revision, description, checksum, execution_ms. applied_at/by come from the defaults. */
    private String insertSql() {
        return "INSERT INTO " + qualified + " (rank, revision, description, checksum, execution_ms) "
                + "VALUES (?, ?, ?, ?, ?)";
    }

    /** Parameter: revision. */
    private String deleteSql() {
        return "DELETE FROM " + qualified + " WHERE revision = ?";
    }

    /** Creates the table (and its schema), in the caller's transaction: rolled back with it. */
    void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : createSql()) {
                statement.execute(sql);
            }
        }
    }

    /** Records {@code migration} as applied at chain position {@code rank} (1 for the oldest). */
    void insert(Connection connection, int rank, Migration migration, long executionMillis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertSql())) {
            insert.setInt(1, rank);
            insert.setString(2, migration.revision());
            insert.setString(3, migration.description());
            insert.setInt(4, migration.checksum());
            insert.setLong(5, executionMillis);
            insert.executeUpdate();
        }
    }

    /** Removes {@code revision}'s row; returns how many rows it removed (1 unless the table was edited by hand). */
    int delete(Connection connection, String revision) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(deleteSql())) {
            delete.setString(1, revision);
            return delete.executeUpdate();
        }
    }

    /**
     * The offline script's {@link #insert}: the same row, with values as literals, and {@code execution_ms} measured
     * by the database as the time since the revision's {@code BEGIN}.
     */
    String insertScript(int rank, Migration migration) {
        return "INSERT INTO " + qualified + " (rank, revision, description, checksum, execution_ms)\nVALUES ("
                + rank + ", " + Literals.string(migration.revision()) + ", "
                + Literals.string(migration.description()) + ", " + migration.checksum()
                + ", (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint)";
    }

    /** The offline script's {@link #delete}. */
    String deleteScript(String revision) {
        return "DELETE FROM " + qualified + " WHERE revision = " + Literals.string(revision);
    }

    /**
     * The offline script's guard at the start of a revision's transaction: a {@code DO} block that raises unless the
     * newest applied revision is {@code expectedRevision} (null: none, base). {@code what} names the step in the
     * error ("revision 2", "downgrade of revision 2").
     */
    String guardScript(String expectedRevision, String what) {
        String shown = expectedRevision == null ? "base (no revision applied)" : "revision " + expectedRevision;
        String body = "\nDECLARE\n    newest text;\nBEGIN\n"
                + "    SELECT revision INTO newest FROM " + qualified + " ORDER BY rank DESC LIMIT 1;\n"
                + "    IF newest IS DISTINCT FROM "
                + (expectedRevision == null ? "NULL" : Literals.string(expectedRevision)) + " THEN\n"
                + "        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision "
                + "is %', " + Literals.string(what) + ", " + Literals.string(shown)
                + ", coalesce(newest, 'none (base)')\n"
                + "            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql "
                + "... with the right starting revision), or migrate online.';\n"
                + "    END IF;\nEND\n";
        return "DO " + SqlText.dollarQuote(body);
    }

    /**
     * {@link #read} inside the caller's transaction (which a failed query would abort): asks {@code to_regclass}
     * whether the table exists, through the same search_path, before reading it.
     */
    Contents readInTransaction(Connection connection) {
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, qualified);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    return new Contents(false, List.of());
                }
            }
        } catch (SQLException e) {
            throw Messages.cannotReadHistory(qualified, e);
        }
        return read(connection);
    }

    /**
     * The newest applied revision's rank, revision and checksum (no row at base): one index probe. Its rank is also
     * the number of applied revisions, since they always form a prefix of the chain.
     */
    String newestSql() {
        return "SELECT rank, revision, checksum FROM " + qualified + " ORDER BY rank DESC LIMIT 1";
    }

    /** What {@link #read} found. */
    public record Contents(boolean exists, List<AppliedRevision> applied) {}

    /**
     * Reads the whole history in one query. A missing table (or schema) means nothing is applied yet; the caller
     * creates it when it is about to write. {@code connection} must be in autocommit mode: the failed query of a
     * missing table would otherwise abort the caller's transaction.
     */
    public Contents read(Connection connection) {
        List<AppliedRevision> applied = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(selectSql())) {
            while (rows.next()) {
                Timestamp at = rows.getTimestamp(5);
                applied.add(new AppliedRevision(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                        at == null ? null : at.toInstant(), rows.getString(6), rows.getLong(7)));
            }
            return new Contents(true, applied);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState()) || INVALID_SCHEMA.equals(e.getSQLState())) {
                return new Contents(false, List.of());
            }
            throw Messages.cannotReadHistory(qualified, e);
        }
    }
}
