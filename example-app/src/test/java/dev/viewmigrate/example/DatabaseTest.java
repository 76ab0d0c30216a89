package dev.viewmigrate.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database of the demo, whose data directory outlives each run. */
class DatabaseTest {
    @TempDir
    Path dataDirectory;

    @Test
    void dataDirectoryHeldByARunningServer_failsAtOnceNamingTheServersPid() throws Exception {
        // What a killed run leaves behind: its server still running on the data directory.
        try (EmbeddedPostgres leftOver = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start()) {
            String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();

            long start = System.nanoTime();
            ExampleException e = assertThrows(ExampleException.class, () -> Database.embedded(dataDirectory));

            assertTrue(System.nanoTime() - start < 5_000_000_000L, "should not wait for a start that cannot work");
            assertTrue(e.getMessage().contains("still running (pid " + pid + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("kill " + pid), e.getMessage());
            // The server of the earlier run was left alone.
            try (Connection c = leftOver.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void dataDirectoryKeepsItsDataBetweenRuns() throws Exception {
        try (Database first = Database.embedded(dataDirectory);
                Connection c = first.dataSource().getConnection();
                Statement s = c.createStatement()) {
            assertTrue(first.description().endsWith("(new)"), first.description());
            s.execute("CREATE TABLE kept (id int)");
        }
        try (Database second = Database.embedded(dataDirectory);
                Connection c = second.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('kept') IS NOT NULL")) {
            assertTrue(!second.description().endsWith("(new)"), second.description());
            rs.next();
            assertTrue(rs.getBoolean(1), "table created by the first run is gone");
        }
    }
}
