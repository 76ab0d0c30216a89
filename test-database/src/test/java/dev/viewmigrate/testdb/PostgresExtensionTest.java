package dev.viewmigrate.testdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    @Test
    void eachTestGetsAnEmptyDatabaseOfItsOwn(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            + "WHERE n.nspname = 'public'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "a fresh database has nothing in public");
            }
            s.execute("CREATE TABLE leak_check (id int)");
            try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                assertEquals(db.name(), rs.getString(1));
            }
        }
    }

    @Test
    void closingDropsTheDatabase() throws SQLException {
        TestDatabase db = TestDatabase.create();
        TestDatabase other = TestDatabase.create();
        assertNotEquals(db.name(), other.name());
        try (Connection open = db.connect()) {
            assertTrue(open.isValid(2));
            db.close(); // drops even while a connection is still open
        }
        try (Connection c = other.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + db.name() + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        } finally {
            other.close();
        }
        assertFalse(PostgresServer.shared().toString().isEmpty());
    }

    @Test
    void serverUrlRewritesOnlyTheDatabaseName() {
        TestDatabase db = TestDatabase.create();
        try {
            assertTrue(db.url().startsWith("jdbc:postgresql://"), db.url());
            assertTrue(db.url().endsWith("/" + db.name()) || db.url().contains("/" + db.name() + "?"), db.url());
        } finally {
            db.close();
        }
    }
}
