package dev.viewmigrate.example.sqlite;

import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.ViewMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Issue 15's story on SQLite, in one run: upgrade the database file to head (backed up first), print the practice
 * list, downgrade one revision (backed up again), verify that the views are what the revisions froze, and list the
 * backups. Argument: the database file (default {@code practice.db}). Run it again: the upgrade brings back revision
 * 3.
 */
public final class PracticeApp {
    private PracticeApp() {}

    public static void main(String[] args) throws SQLException {
        Path file = Path.of(args.length > 0 ? args[0] : "practice.db").toAbsolutePath();
        String url = "jdbc:sqlite:" + file;
        ViewMigrator migrator = ViewMigrator.builder()
                .url(url, null, null)
                .keepBackups(5)
                .listener(new MigrationListener() {
                    @Override
                    public void backedUp(Path backup) {
                        System.out.println("Backed up " + file.getFileName() + " to " + backup.getFileName());
                    }
                })
                .build();

        MigrationResult up = migrator.upgrade();
        System.out.println("upgrade head: " + describe(up));
        addSampleData(url);
        printPracticeList(url);

        MigrationResult down = migrator.downgrade("-1");
        System.out.println("downgrade -1: " + describe(down));

        VerifyReport report = migrator.verify();
        System.out.println("verify: " + (report.clean() ? "clean, " + report.viewsChecked() + " views as frozen"
                : report.findings().size() + " findings"));
        report.findings().forEach(finding -> System.out.println("  " + finding.message()));

        System.out.println("backups of " + file.getFileName() + ":");
        migrator.backups().forEach(backup -> System.out.println("  " + backup.getFileName()));
    }

    private static String describe(MigrationResult result) {
        return result.executed().isEmpty() ? "nothing to do (at " + result.to().orElse("base") + "), no backup taken"
                : "from " + result.from().orElse("base") + " to " + result.to().orElse("base") + ", ran "
                        + String.join(", ", result.executed());
    }

    private static void addSampleData(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT OR IGNORE INTO tune VALUES (1, 'The Kesh', 'G major', 'jig'), "
                    + "(2, 'Cooley''s', 'E dorian', 'reel'), (3, 'Banish Misfortune', 'D mixolydian', 'jig')");
            statement.execute("INSERT OR IGNORE INTO tune_override VALUES (2, 7, 'Cooley''s Reel')");
            statement.execute("INSERT OR IGNORE INTO playlist VALUES (7, 1, 1), (7, 2, 2)");
            statement.execute("DELETE FROM practice_record");
            statement.execute("INSERT INTO practice_record VALUES (7, 1, '2026-11-01', 4), (7, 1, '2026-11-28', 5), "
                    + "(7, 2, '2026-10-02', 3)");
        }
    }

    private static void printPracticeList(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT s.title, s.last_practiced, j.avg_quality "
                        + "FROM practice_list_staged s JOIN practice_list_joined j "
                        + "ON j.tune_id = s.tune_id AND j.user_ref IS s.user_ref "
                        + "WHERE s.user_ref = 7 ORDER BY s.title")) {
            System.out.println("practice list of user 7 (title | last practiced | average quality):");
            while (rows.next()) {
                System.out.println("  " + rows.getString(1) + " | " + rows.getString(2) + " | "
                        + rows.getString(3));
            }
        }
    }
}
