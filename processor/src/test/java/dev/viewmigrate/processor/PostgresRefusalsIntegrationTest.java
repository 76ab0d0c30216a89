package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SQLSTATEs the guarded {@code CREATE OR REPLACE VIEW} catches are the ones PostgreSQL really raises: checked on
 * the server rather than assumed.
 */
@ExtendWith(PostgresExtension.class)
class PostgresRefusalsIntegrationTest {
    private static String refusal(TestDatabase db, String replacement) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE VIEW v AS SELECT 1 AS a, 2 AS b");
            SQLException e = assertThrows(SQLException.class,
                    () -> statement.execute("CREATE OR REPLACE VIEW v AS " + replacement));
            return e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    @Test
    void droppedColumn_isInvalidTableDefinition(TestDatabase db) throws SQLException {
        assertThat(refusal(db, "SELECT 1 AS a")).isEqualTo("42P16 ERROR: cannot drop columns from view");
    }

    @Test
    void renamedColumn_isInvalidTableDefinition(TestDatabase db) throws SQLException {
        assertThat(refusal(db, "SELECT 1 AS a, 2 AS c"))
                .isEqualTo("42P16 ERROR: cannot change name of view column \"b\" to \"c\"");
    }

    @Test
    void retypedColumn_isInvalidTableDefinitionToo(TestDatabase db) throws SQLException {
        assertThat(refusal(db, "SELECT 1 AS a, 'x'::text AS b"))
                .isEqualTo("42P16 ERROR: cannot change data type of view column \"b\" from integer to text");
    }
}
