package dev.viewmigrate.processor.sql;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The names {@link OutputColumns} derives are the ones PostgreSQL gives the view's columns: each SELECT is created as
 * a view on the server and its catalog columns compared. Every SELECT here must be known (a derivation that gives
 * up is checked separately), so the comparison can't pass by returning nothing.
 */
@ExtendWith(PostgresExtension.class)
class OutputColumnsPostgresTest {
    private static final List<String> KNOWN = List.of(
            "SELECT u.id, u.Name, u.\"CamelCase\" FROM users u",
            "SELECT count(p.id), MIN(p.created_at), lower(u.name), pg_catalog.upper(u.name) FROM users u"
                    + " JOIN posts p ON p.author_id = u.id GROUP BY u.name",
            "SELECT u.id AS User_Id, u.name AS \"DisplayName\", 1 AS one FROM users u",
            "SELECT u.id + 1, 'text', 42, NULL, -u.id, u.id IS NULL, NOT true, u.id IN (1, 2),"
                    + " u.id BETWEEN 1 AND 2, u.name || 'x' FROM users u",
            "SELECT u.id::bigint, (u.id + 1)::bigint, u.name::varchar(20), 1::int, 2::integer, 'x'::text,"
                    + " CASE WHEN u.id > 1 THEN 'a' END, CASE WHEN u.id > 1 THEN 'a' END::text FROM users u",
            "SELECT true, false, (u.id), u.name COLLATE \"C\", u.tags[1] FROM users u",
            "SELECT EXISTS (SELECT 1 FROM posts p WHERE p.author_id = u.id),"
                    + " (SELECT max(p.created_at) FROM posts p WHERE p.author_id = u.id),"
                    + " (SELECT p.id AS newest FROM posts p LIMIT 1) FROM users u",
            "SELECT row_number() OVER (ORDER BY u.id), count(*) OVER (PARTITION BY u.name) FROM users u",
            "SELECT coalesce(u.name, 'x'), nullif(u.name, ''), greatest(u.id, 2) FROM users u",
            "SELECT u.id, u.name FROM users u UNION ALL SELECT p.id, 'post' FROM posts p",
            "WITH recent AS (SELECT p.author_id, max(p.created_at) AS last_post FROM posts p GROUP BY p.author_id)"
                    + " SELECT r.author_id, r.last_post FROM recent r");

    @Test
    void derivedNames_areThoseOfPostgres(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE users (id int, name text, \"CamelCase\" int, tags int[])");
            statement.execute("CREATE TABLE posts (id int, author_id int, created_at timestamptz)");
            for (int i = 0; i < KNOWN.size(); i++) {
                String sql = KNOWN.get(i);
                Optional<List<String>> derived = OutputColumns.of(sql);
                assertWithMessage("names of %s (%s)", sql, OutputColumns.read(sql).unknownReason())
                        .that(derived).isPresent();
                assertWithMessage("names of %s", sql).that(derived.get()).isEqualTo(columns(statement, sql));
            }
        }
    }

    @Test
    void unmodelledNames_areUnknownNotGuessed() {
        assertThat(OutputColumns.read("SELECT ARRAY[1, 2] FROM users u").known()).isEmpty();
        assertThat(OutputColumns.read("SELECT DATE '2024-01-01' FROM users u").known()).isEmpty();
    }

    /** PostgreSQL refuses a view whose select list repeats a name: why a duplicate is worth a warning. */
    @Test
    void duplicateColumnName_isRefusedByPostgres(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE users (id int, name text)");
            statement.execute("CREATE TABLE posts (id int, author_id int)");
            String sql = "SELECT u.id, p.id FROM users u JOIN posts p ON p.author_id = u.id";
            assertThat(OutputColumns.of(sql)).isEqualTo(Optional.of(List.of("id", "id")));
            SQLException e = assertThrows(SQLException.class, () -> statement.execute("CREATE VIEW v AS " + sql));
            assertThat(e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse(""))
                    .isEqualTo("42701 ERROR: column \"id\" specified more than once");
        }
    }

    /**
     * The names PostgreSQL gives the query's columns (the same a view gets), read from the result's description: a
     * table or view would refuse the repeated {@code ?column?} names some of these SELECTs have on purpose.
     */
    private static List<String> columns(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql + " LIMIT 0")) {
            ResultSetMetaData metaData = rows.getMetaData();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                names.add(metaData.getColumnLabel(i));
            }
        }
        return names;
    }
}
