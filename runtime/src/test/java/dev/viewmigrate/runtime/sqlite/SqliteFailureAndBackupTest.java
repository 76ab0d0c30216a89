package dev.viewmigrate.runtime.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.SqliteCatalogSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups before changes, and a failing revision leaving the file exactly as it was. */
class SqliteFailureAndBackupTest {
    @TempDir
    Path dir;

    @Test
    void failingRevisionLeavesTheFileUnchangedAndNamesTheBackup() throws Exception {
        Path file = dir.resolve("app.db");
        String url = "jdbc:sqlite:" + file;
        List<SqliteRevision> chain = new ArrayList<>(PracticeChain.revisions().subList(0, 2));
        chain.add(SqliteRevision.views("3", "broken", List.of(), List.of(SqliteRevision.view("broken",
                "SELECT 1"), SqliteRevision.view("view_playlist_joined", "SELECT 2"))));
        List<Path> announced = new ArrayList<>();
        ViewMigrator migrator = ViewMigrator.builder().url(url, null, null)
                .catalog(SqliteRevision.catalog(chain.toArray(SqliteRevision[]::new)))
                .backupDir(dir.resolve("backups"))
                .listener(new MigrationListener() {
                    @Override
                    public void backedUp(Path backup) {
                        announced.add(backup);
                    }
                }).build();
        migrator.upgrade("2");
        assertEquals(1, announced.size(), "first upgrade backs up (an empty file)");
        byte[] before = Files.readAllBytes(file);
        SqliteCatalogSnapshot catalog = SqliteCatalogSnapshot.capture(url);

        ViewMigrateException failure = assertThrows(ViewMigrateException.class, migrator::upgrade);

        assertEquals(ViewMigrateException.ErrorCode.MIGRATION_FAILED, failure.code());
        assertEquals(2, announced.size());
        Path backup = announced.get(1);
        assertTrue(failure.getMessage().contains("A backup of the database taken before this run is at " + backup),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("view \"view_playlist_joined\" already exists"), failure.getMessage());
        assertTrue(failure.getMessage().contains("viewmigrate stamp"), failure.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the file is byte for byte as before");
        assertEquals(catalog, SqliteCatalogSnapshot.capture(url));
        assertEquals(catalog, SqliteCatalogSnapshot.capture("jdbc:sqlite:" + backup), "the backup holds revision 2");
        assertEquals(List.of(announced.get(0), backup), migrator.backups());
        assertEquals("2", migrator.current().orElseThrow().revision());
    }

    @Test
    void nothingPendingTakesNoBackupAndRetentionKeepsTheNewest() throws Exception {
        Path file = dir.resolve("keep.db");
        String url = "jdbc:sqlite:" + file;
        ViewMigrator migrator = ViewMigrator.builder().url(url, null, null).catalog(PracticeChain.catalog())
                .keepBackups(2).build();
        for (int i = 0; i < 4; i++) {
            migrator.upgrade("+1");
        }
        List<Path> backups = migrator.backups();
        assertEquals(2, backups.size(), backups.toString());
        assertTrue(backups.stream().allMatch(b -> b.getParent().equals(dir)), "beside the database by default");
        assertTrue(backups.stream().allMatch(b -> b.getFileName().toString().startsWith("keep.db.")),
                backups::toString);
        // Taken before the fourth upgrade: the database at revision 3.
        assertEquals(3, ViewMigrator.builder().url("jdbc:sqlite:" + backups.get(1), null, null).build()
                .history().size());
        migrator.upgrade();
        int after = migrator.backups().size();
        migrator.upgrade();
        assertEquals(after, migrator.backups().size(), "nothing pending: no backup");
    }

    @Test
    void noBackupSkipsIt() {
        ViewMigrator migrator = ViewMigrator.builder().url("jdbc:sqlite:" + dir.resolve("none.db"), null, null)
                .catalog(PracticeChain.catalog()).backups(false).build();
        migrator.upgrade();
        assertEquals(List.of(), migrator.backups());
    }

    @Test
    void aChainOfAnotherDialectIsRefusedNamingTheRevisionAndTheOption() {
        Migration postgres = dev.viewmigrate.runtime.SqlMigration.of("1", "create view v", "CREATE VIEW v AS SELECT 1",
                "DROP VIEW v");
        ViewMigrator migrator = ViewMigrator.builder().url("jdbc:sqlite:" + dir.resolve("pg.db"), null, null)
                .catalog(() -> List.of(postgres)).build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);
        assertEquals(ViewMigrateException.ErrorCode.WRONG_DIALECT, e.code());
        assertTrue(e.getMessage().contains("revision 1 (create view v) was generated for PostgreSQL"), e.getMessage());
        assertTrue(e.getMessage().contains("-Aviewmigrate.dialect=sqlite"), e.getMessage());
        assertEquals(ViewMigrateException.ErrorCode.WRONG_DIALECT,
                assertThrows(ViewMigrateException.class, migrator::refresh).code());
    }
}
