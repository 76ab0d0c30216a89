package dev.viewmigrate.runtime.internal.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every transaction of a wrapped connection runs with the tenant's search_path, whatever the autocommit mode. */
@ExtendWith(PostgresExtension.class)
class SchemaBoundConnectionTest {
    private static String one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void autocommitAndExplicitTransactions_bothResolveInTheTenantSchema(TestDatabase db) throws SQLException {
        try (Connection admin = db.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA \"Tenant A\"; CREATE TABLE \"Tenant A\".items (id int);"
                    + " CREATE TABLE public.items (id int, wrong boolean)");
        }
        Connection real = db.connect();
        try (Connection tenant = SchemaBoundConnection.wrap(real, "\"Tenant A\"")) {
            assertTrue(tenant.getAutoCommit());
            assertEquals("Tenant A", one(tenant, "SELECT current_schema()"));
            // A failed statement in autocommit is rolled back on its own: the next one runs.
            assertThrows(SQLException.class, () -> one(tenant, "SELECT * FROM no_such_table"));
            try (PreparedStatement insert = tenant.prepareStatement("INSERT INTO items VALUES (?)")) {
                insert.setInt(1, 1);
                insert.executeUpdate();
            }
            tenant.setAutoCommit(false);
            tenant.createStatement().execute("INSERT INTO items VALUES (2)");
            tenant.rollback();
            tenant.createStatement().execute("INSERT INTO items VALUES (3)");
            tenant.commit();
            // A new transaction after commit sets the search_path again.
            assertEquals("1,3", one(tenant, "SELECT string_agg(id::text, ',' ORDER BY id) FROM items"));
            tenant.setAutoCommit(true);
            assertEquals("\"Tenant A\"", one(tenant, "SELECT current_setting('search_path')"));
        }
        assertTrue(real.isClosed());
        try (Connection admin = db.connect()) {
            assertEquals("0", one(admin, "SELECT count(*) FROM public.items"));
            assertEquals("2", one(admin, "SELECT count(*) FROM \"Tenant A\".items"));
            assertFalse(one(admin, "SELECT current_setting('search_path')").contains("Tenant"));
        }
    }
}
