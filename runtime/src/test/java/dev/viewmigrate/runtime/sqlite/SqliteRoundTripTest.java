package dev.viewmigrate.runtime.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.SqliteCatalogSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips of {@link PracticeChain} on a SQLite file: creating views, changing one (a column dropped, one added),
 * dependents recreated, a column renamed and one dropped under the views by hand-written revisions. Every state
 * reached by upgrading one revision at a time is captured ({@code sqlite_master} and {@code pragma table_info}) and
 * must be met again on the way down and up.
 */
class SqliteRoundTripTest {
    @TempDir
    Path dir;

    private ViewMigrator migrator(String url) {
        return ViewMigrator.builder().url(url, null, null).catalog(PracticeChain.catalog()).backups(false).build();
    }

    @Test
    void everyStateIsTheSameOnTheWayDownAndUpAgain() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("practice.db");
        ViewMigrator migrator = migrator(url);
        int size = PracticeChain.revisions().size();
        List<SqliteCatalogSnapshot> states = new ArrayList<>();
        states.add(snapshot(url));
        for (int i = 1; i <= size; i++) {
            MigrationResult result = migrator.upgrade("+1");
            assertEquals(List.of(String.valueOf(i)), result.executed());
            assertTrue(migrator.verify().clean(), () -> "verify at " + result.to() + ": " + migrator.verify());
            states.add(snapshot(url));
        }
        assertEquals(List.of("The Kesh|4.5|0", "Cooley's||0"), rows(url, "SELECT title, avg_quality, staged FROM "
                + "practice_list_staged ORDER BY tune_id"));
        assertEquals(List.of("The Kesh", "Cooley's"),
                rows(url, "SELECT title FROM view_playlist_joined ORDER BY position"));

        for (int i = size - 1; i >= 0; i--) {
            migrator.downgrade("-1");
            assertEquals(states.get(i), snapshot(url), "state " + i + " after downgrade");
            assertTrue(migrator.verify().clean(), "verify after downgrade to " + i);
        }
        assertEquals(Optional.empty(), migrator.current());
        MigrationResult all = migrator.upgrade();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), all.executed());
        assertEquals(states.get(size), snapshot(url));
        List<AppliedRevision> history = migrator.history();
        assertEquals(size, history.size());
        assertEquals("7", migrator.current().orElseThrow().revision());
        assertTrue(migrator.status().upToDate());
    }

    @Test
    void viewsKeepTheirFrozenTextThroughRenamesUnderThem() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("rename.db");
        migrator(url).upgrade("4");
        // Without lifting, SQLite's RENAME COLUMN would have rewritten "t.title" in the stored views to "t.name".
        SqliteCatalogSnapshot snapshot = snapshot(url);
        assertTrue(snapshot.entries().stream().anyMatch(e -> e.startsWith("view view_playlist_joined on ")
                && e.contains("t.title, t.genre")), snapshot::toString);
        assertTrue(migrator(url).verify().clean());
    }

    @Test
    void removingAViewDropsItAndDowngradeBringsItBack() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("remove.db");
        List<SqliteRevision> chain = new ArrayList<>(PracticeChain.revisions().subList(0, 3));
        chain.add(SqliteRevision.views("4", "drop view practice_list_staged", List.of(PracticeChain.STAGED),
                List.of()));
        ViewMigrator migrator = ViewMigrator.builder().url(url, null, null)
                .catalog(SqliteRevision.catalog(chain.toArray(SqliteRevision[]::new))).backups(false).build();
        migrator.upgrade("3");
        SqliteCatalogSnapshot before = snapshot(url);
        migrator.upgrade();
        assertFalse(snapshot(url).hasView("practice_list_staged"));
        assertTrue(migrator.verify().clean());
        migrator.downgrade("-1");
        assertEquals(before, snapshot(url));
    }

    static SqliteCatalogSnapshot snapshot(String url) throws Exception {
        return SqliteCatalogSnapshot.capture(url).without(ViewMigrator.DEFAULT_HISTORY_TABLE);
    }

    static List<String> rows(String url, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    values.add(result.getString(c) == null ? "" : result.getString(c));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
