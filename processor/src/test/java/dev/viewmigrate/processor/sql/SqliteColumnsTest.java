package dev.viewmigrate.processor.sql;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names {@link SqliteColumns} derives are the ones SQLite gives a view's columns: each query is created as a view
 * in a real SQLite database file and its {@code pragma table_info} compared. Every query here must be known, so the
 * comparison can't pass by returning nothing.
 */
class SqliteColumnsTest {
    private static final List<String> KNOWN = List.of(
            "SELECT t.id, title, (t.genre), t.genre COLLATE nocase, likely(t.id) FROM tune t",
            "SELECT t.id AS Tune_Id, t.title \"Display Title\", t.genre [kind], t.mode `Mode`, 1 'one' FROM tune t",
            "SELECT count(*), max(t.id), t.title || ' (' || t.genre || ')', IFNULL(t.mode, 'major'),"
                    + " strftime('%Y', t.added) FROM tune t GROUP BY t.genre",
            "SELECT t.id + 1, -t.id, 'text', 42, NULL, CAST(t.id AS TEXT), t.id + 1 /* next */, t.id IS NOT t.genre"
                    + " FROM tune t",
            "SELECT CASE WHEN t.id > 1 THEN 'a' END, (SELECT max(o.id) FROM tune_override o), true, 1 AS \"False\""
                    + " FROM tune t",
            "SELECT t.id, t.id, t.id, t.title AS id FROM tune t",
            "SELECT t.id,\n       t.id\n         + 2\nFROM tune t",
            "SELECT DISTINCT t.genre FROM tune t WHERE t.title GLOB '[A-Z]*' ORDER BY 1 LIMIT 10 OFFSET 5",
            "SELECT row_number() OVER (PARTITION BY t.genre ORDER BY t.id), t.title FROM tune t",
            "SELECT t.id, t.title FROM tune t UNION ALL SELECT o.id, o.title FROM tune_override o",
            "WITH recent AS (SELECT o.tune_ref, max(o.id) AS last FROM tune_override o GROUP BY o.tune_ref)"
                    + " SELECT r.tune_ref, r.last FROM recent r",
            "SELECT coalesce(o.title, t.title) AS title, t.id FROM tune t LEFT JOIN tune_override o"
                    + " ON o.tune_ref = t.id AND o.user_ref = 1");

    @TempDir
    Path directory;

    @Test
    void derivedNames_areThoseOfSqlite() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("names.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tune (id INTEGER PRIMARY KEY, title TEXT, genre TEXT, mode TEXT,"
                    + " added TEXT)");
            statement.execute("CREATE TABLE tune_override (id INTEGER PRIMARY KEY, tune_ref INTEGER, user_ref"
                    + " INTEGER, title TEXT)");
            for (int i = 0; i < KNOWN.size(); i++) {
                String sql = KNOWN.get(i);
                Optional<List<String>> derived = SqliteColumns.read(sql).known();
                assertWithMessage("names of %s (%s)", sql, SqliteColumns.read(sql).unknownReason())
                        .that(derived).isPresent();
                assertWithMessage("names of %s", sql).that(derived.get()).isEqualTo(columns(statement, "v" + i, sql));
            }
        }
    }

    @Test
    void columnReference_takesTheCaseOfTheTable_whichComparesEqualInSqlite() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("case.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tune (Id INTEGER PRIMARY KEY, Title TEXT)");
            String sql = "SELECT t.id, t.TITLE FROM tune t";
            assertThat(SqliteColumns.read(sql).known()).hasValue(List.of("id", "TITLE"));
            assertThat(columns(statement, "v", sql)).isEqualTo(List.of("Id", "Title"));
        }
    }

    @Test
    void namesThatDependOnTheTables_areUnknownWithTheReason() {
        assertThat(SqliteColumns.read("SELECT * FROM tune").unknownReason()).contains("(*) takes its columns");
        assertThat(SqliteColumns.read("SELECT t.id, o.* FROM tune t, tune_override o").unknownReason())
                .contains("select item 2 (o.*)");
        assertThat(SqliteColumns.read("SELECT rowid, title FROM tune").unknownReason())
                .contains("INTEGER PRIMARY KEY");
        assertThat(SqliteColumns.read("VALUES (1, 2)").known()).isEmpty();
        assertThat(SqliteColumns.read("SELECT a, a, a, a, a FROM t").unknownReason()).contains("random suffix");
    }

    /** The column names SQLite stores for {@code sql} created as view {@code name}. */
    private static List<String> columns(Statement statement, String name, String sql) throws SQLException {
        statement.execute("CREATE VIEW " + name + " AS " + sql);
        List<String> names = new ArrayList<>();
        try (ResultSet columns = statement.executeQuery("pragma table_info(" + name + ")")) {
            while (columns.next()) {
                names.add(columns.getString("name"));
            }
        }
        return names;
    }
}
