package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.sqlite.PracticeChain;
import dev.viewmigrate.testdb.SqliteCatalogSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI verbs on {@code --url jdbc:sqlite:FILE}: no user or password, backups printed, refresh refused. */
class SqliteCliTest {
    private static final MigrationCatalog CHAIN = PracticeChain.catalog();

    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.run(Map.of(), CHAIN, args);
    }

    @Test
    void verbsWorkOnAFileAndBackupsArePrinted() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        Path backups = dir.resolve("backups");

        CliRunner.Result up = run("upgrade", "3", "--url", url, "--backup-dir", backups.toString());
        assertEquals(0, up.exitCode(), up::toString);
        assertTrue(up.out().startsWith("Backed up the database to " + backups.resolve("app.db.")), up::toString);
        assertTrue(up.out().contains("Applying revision 2: create views ... "), up::toString);
        assertTrue(up.out().endsWith("Upgraded from base to revision 3 (3 revisions in " + up.out().substring(
                up.out().lastIndexOf(" in ") + 4)), up::toString);

        CliRunner.Result again = run("upgrade", "3", "--url", url, "--backup-dir", backups.toString());
        assertEquals("Already at revision 3 (target '3'); nothing to apply, so no backup was taken.\n", again.out());

        CliRunner.Result status = run("status", "--url", url);
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("4"), status::toString);

        CliRunner.Result history = run("history", "--url", url);
        assertTrue(history.out().contains("change view practice_list_joined"), history::toString);

        CliRunner.Result down = run("downgrade", "-1", "--url", url, "--backup-dir", backups.toString(),
                "--keep-backups", "1");
        assertEquals(0, down.exitCode(), down::toString);
        try (Stream<Path> files = Files.list(backups)) {
            assertEquals(1, files.count(), "--keep-backups 1");
        }
        CliRunner.Result noBackup = run("upgrade", "--url", url, "--no-backup");
        assertEquals(0, noBackup.exitCode(), noBackup::toString);
        assertTrue(!noBackup.out().contains("Backed up"), noBackup::toString);

        CliRunner.Result clean = run("verify", "--url", url);
        assertEquals(0, clean.exitCode(), clean::toString);

        CliRunner.Result refresh = run("refresh", "--url", url);
        assertTrue(refresh.exitCode() != 0, refresh::toString);
        assertTrue(refresh.err().contains("SQLite has no materialized views"), refresh::toString);
    }

    @Test
    void verifyCatchesAViewEditedByHand() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("edited.db");
        assertEquals(0, run("upgrade", "--url", url, "--no-backup").exitCode());
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP VIEW practice_list_staged");
            statement.execute("CREATE VIEW practice_list_staged AS "
                    + "SELECT j.*, 1 AS staged FROM practice_list_joined j");
        }
        CliRunner.Result verify = run("verify", "--url", url);
        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("practice_list_staged"), verify::toString);
        assertTrue(verify.out().contains("-SELECT j.*, 0 AS staged FROM practice_list_joined j"), verify::toString);
        assertTrue(verify.out().contains("+SELECT j.*, 1 AS staged FROM practice_list_joined j"), verify::toString);
    }

    @Test
    void offlineScriptBuildsTheSameDatabaseWithSqlite3() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "the sqlite3 shell is not installed");
        CliRunner.Result sql = run("sql", "upgrade", "head");
        assertEquals(0, sql.exitCode(), sql::toString);
        assertTrue(sql.out().contains(".bail on"), sql::toString);
        Path script = dir.resolve("upgrade.sql");
        Files.writeString(script, sql.out());
        Path file = dir.resolve("offline.db");
        Process sqlite3 = new ProcessBuilder("/usr/bin/sqlite3", file.toString()).redirectInput(script.toFile())
                .redirectErrorStream(true).start();
        String output = new String(sqlite3.getInputStream().readAllBytes());
        assertTrue(sqlite3.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, sqlite3.exitValue(), output);

        String online = "jdbc:sqlite:" + dir.resolve("online.db");
        assertEquals(0, run("upgrade", "--url", online, "--no-backup").exitCode());
        assertEquals(SqliteCatalogSnapshot.capture(online).without("viewmigrate_history"),
                SqliteCatalogSnapshot.capture("jdbc:sqlite:" + file).without("viewmigrate_history"));
        assertEquals(0, run("verify", "--url", "jdbc:sqlite:" + file).exitCode());

        // Run again, the guard stops the script before its first revision: the database is not at base.
        Process twice = new ProcessBuilder("/usr/bin/sqlite3", file.toString()).redirectInput(script.toFile())
                .redirectErrorStream(true).start();
        String refused = new String(twice.getInputStream().readAllBytes());
        assertTrue(twice.waitFor(60, TimeUnit.SECONDS));
        assertTrue(twice.exitValue() != 0, refused);
        assertTrue(refused.contains("viewmigrate: revision 1 expects the database at base"), refused);
    }

    @Test
    void importThenStampHeadThenVerifyIsClean() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("handmade.db");
        List<String> queries = List.of("SELECT id, title FROM tune WHERE mode = 'major'",
                "SELECT m.title, count(*) AS n FROM major_tunes m GROUP BY m.title");
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tune (id INTEGER PRIMARY KEY, title TEXT NOT NULL, mode TEXT)");
            statement.execute("INSERT INTO tune VALUES (1, 'The Kesh', 'major')");
            statement.execute("CREATE VIEW major_tunes AS " + queries.get(0));
            statement.execute("CREATE VIEW   \"major_counts\"\nAS\n" + queries.get(1) + ";");
        }
        Path out = dir.resolve("src");
        CliRunner.Result imported = run("import", "--url", url, "--package", "com.example.views", "--out",
                out.toString(), "--no-hibernate");
        assertEquals(0, imported.exitCode(), imported::toString);
        String majorCounts = Files.readString(out.resolve("com/example/views/MajorCounts.java"));
        assertTrue(majorCounts.contains(queries.get(1)), majorCounts);
        assertTrue(majorCounts.contains("public Long getN()"), majorCounts);
        assertTrue(majorCounts.contains("Its SQL is the query SQLite stores for the view"), majorCounts);
        String majorTunes = Files.readString(out.resolve("com/example/views/MajorTunes.java"));
        assertTrue(majorTunes.contains("public String getTitle()"), majorTunes);

        // What compiling the imported classes freezes: each view with the SQL import wrote.
        List<dev.viewmigrate.runtime.sqlite.SqliteRevision> frozen = new ArrayList<>();
        frozen.add(dev.viewmigrate.runtime.sqlite.SqliteRevision.views("1", "create views", List.of(), List.of(
                dev.viewmigrate.runtime.sqlite.SqliteRevision.view("major_tunes", queries.get(0)),
                dev.viewmigrate.runtime.sqlite.SqliteRevision.view("major_counts", queries.get(1)))));
        MigrationCatalog catalog = dev.viewmigrate.runtime.sqlite.SqliteRevision.catalog(
                frozen.toArray(dev.viewmigrate.runtime.sqlite.SqliteRevision[]::new));
        CliRunner.Result stamp = CliRunner.run(Map.of(), catalog, "stamp", "head", "--url", url);
        assertEquals(0, stamp.exitCode(), stamp::toString);
        assertTrue(stamp.out().contains("Backed up the database to"), stamp::toString);
        assertTrue(stamp.out().contains("Stamped revision 1"), stamp::toString);
        CliRunner.Result verify = CliRunner.run(Map.of(), catalog, "verify", "--url", url);
        assertEquals(0, verify.exitCode(), verify::toString);

        // A stamp refuses when the live views differ.
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP VIEW major_counts");
        }
        CliRunner.Result refused = CliRunner.run(Map.of(), catalog, "stamp", "base", "--url", url);
        assertTrue(refused.exitCode() != 0, "base expects no views: " + refused);
        assertTrue(refused.err().contains("View major_tunes exists, but the applied revisions do not define it"),
                refused::toString);
        CliRunner.Result refusedHead = CliRunner.run(Map.of(), catalog, "stamp", "head", "--url", url);
        assertTrue(refusedHead.exitCode() != 0, refusedHead::toString);
        assertTrue(refusedHead.err().contains("View major_counts does not exist"), refusedHead::toString);
    }
}
