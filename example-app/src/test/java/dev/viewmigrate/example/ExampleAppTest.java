package dev.viewmigrate.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real app (its own compiled views and migrations) run in-process against a test database via --url. */
@ExtendWith(PostgresExtension.class)
class ExampleAppTest {
    /** What {@link #run} printed and returned. */
    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @Test
    void demo_migratesToHeadAndPrintsTheDashboardFromTheView(TestDatabase db) throws SQLException {
        Run first = run(db, List.of());

        assertEquals(0, first.exitCode(), first.err());
        assertEquals("", first.err());
        List<String> revisions = appliedRevisions(db);
        assertTrue(revisions.size() >= 2, "expected the table migration and the view revisions, got " + revisions);
        assertTrue(first.out().contains("  now at revision " + revisions.get(revisions.size() - 1) + " ("
                + revisions.size() + " applied in "), first.out());
        assertTrue(first.out().contains("Sample data written through JPA: 5 users, 7 posts"), first.out());
        // Most active first, ties by name; dave has no post, so the view leaves him out. erin posted just now.
        List<String> dashboard = table(first.lines(), "Active Contributors");
        assertEquals("  username | email             | posts | first post (UTC)", dashboard.get(0));
        assertEquals("  ---------+-------------------+-------+-----------------", dashboard.get(1));
        assertEquals("  alice    | alice@example.com |     3 | 2024-01-15 09:30", dashboard.get(2));
        assertEquals("  carol    | carol@example.com |     2 | 2024-05-05 10:00", dashboard.get(3));
        assertEquals("  bob      | bob@example.com   |     1 | 2024-02-10 17:45", dashboard.get(4));
        assertTrue(dashboard.get(5).startsWith("  erin     | erin@example.com  |     1 | 20"), dashboard.get(5));
        assertEquals("  (4 rows)", dashboard.get(6));
        List<String> history = table(first.lines(), "Migration history");
        assertEquals(revisions.size() + 2, history.size(), String.join("\n", history));
        assertTrue(history.get(2).contains("create tables users and posts"), history.get(2));

        Run second = run(db, List.of());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("  already at head: revision " + revisions.get(revisions.size() - 1)),
                second.out());
        assertTrue(second.out().contains("Sample data already present: 5 users, 7 posts"), second.out());
        assertEquals(dashboard, table(second.lines(), "Active Contributors"));
    }

    /**
     * The demo prints one progress line per revision; the runtime's own log lines (java.util.logging, on the real
     * stderr, which {@link #run} does not capture) used to break into them: "applying 1: create tables users and posts
     * ... Dec 01, 2026 3:51:30 AM dev.viewmigrate.runtime.internal.RuntimeLog createdHistoryTable INFO: ...".
     */
    @Test
    void demo_printsItsOwnProgress_withoutTheRuntimesLogLinesInBetween(TestDatabase db) {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("dev.viewmigrate")) {
                    published.add(record.getLevel() + " " + record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        root.addHandler(handler);
        try {
            Run run = run(db, List.of());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("  applying 1: create tables users and posts ... done ("), run.out());
        } finally {
            root.removeHandler(handler);
        }
        assertEquals(List.of(), published);
    }

    @Test
    void cliCommands_actOnTheSameDatabase(TestDatabase db) throws SQLException {
        assertEquals(0, run(db, List.of()).exitCode());
        List<String> revisions = appliedRevisions(db);

        Run downgrade = run(db, List.of("downgrade", "-1"));
        assertEquals(0, downgrade.exitCode(), downgrade.err());
        assertEquals(revisions.subList(0, revisions.size() - 1), appliedRevisions(db));
        assertTrue(!viewColumns(db).contains("first_post_date"), "downgrade -1 should remove first_post_date");

        Run current = run(db, List.of("current"));
        assertEquals(0, current.exitCode(), current.err());
        assertTrue(current.out().startsWith(revisions.get(revisions.size() - 2) + ": "), current.out());

        // The entity expects the Day-30 view: Hibernate's validation refuses to read the rolled-back one.
        Run stale = run(db, List.of("dashboard"));
        assertEquals(1, stale.exitCode(), stale.out());
        assertTrue(stale.err().contains("missing column [first_post_date] in table [active_users]"), stale.err());
        assertTrue(stale.err().contains("run \"upgrade head\" first"), stale.err());

        Run upgrade = run(db, List.of("upgrade", "head"));
        assertEquals(0, upgrade.exitCode(), upgrade.err());
        assertEquals(revisions, appliedRevisions(db));
        assertTrue(viewColumns(db).contains("first_post_date"));

        // Day 32: a new user posts; the dashboard counts and dates her at once.
        Run post = run(db, List.of("post", "frank", "Hello", "there"));
        assertEquals(0, post.exitCode(), post.err());
        assertTrue(post.out().startsWith("frank posted \"Hello there\""), post.out());
        String today = Dashboard.utcMinutes(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)).substring(0, 10);
        List<String> dashboard = table(post.lines(), "Active Contributors");
        assertTrue(dashboard.stream().anyMatch(line -> line.startsWith("  frank    | frank@example.com |     1 | "
                + today)), String.join("\n", dashboard));
        assertTrue(dashboard.contains("  alice    | alice@example.com |     3 | 2024-01-15 09:30"),
                String.join("\n", dashboard));
    }

    @Test
    void post_thatTheDatabaseRefuses_isOneParagraphNamingTheCause(TestDatabase db) throws SQLException {
        assertEquals(0, run(db, List.of()).exitCode());
        String longName = "x".repeat(51); // users.username is varchar(50)

        Run post = run(db, List.of("post", longName, "Hello"));

        assertEquals(1, post.exitCode(), post.out());
        assertEquals("", post.out());
        List<String> err = post.err().lines().toList();
        assertEquals(1, err.size(), post.err());
        assertTrue(err.get(0).startsWith("Could not write the post of " + longName + ": "), post.err());
        assertTrue(err.get(0).contains("value too long for type character varying(50)"), post.err());
        assertTrue(err.get(0).contains("at most 50 characters"), post.err());
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM users WHERE username = '" + longName + "'")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void userWithoutUrl_isAUsageErrorThatSaysWhatToDo() {
        Run run = ExampleAppTest.run(List.of("--user", "someone"), Map.of());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--user and --password need --url"), run.err());
    }

    private static Run run(TestDatabase db, List<String> command) {
        List<String> args = new ArrayList<>(List.of("--url", db.url(), "--user", db.user(),
                "--password", db.password()));
        args.addAll(command);
        return run(args, Map.of());
    }

    private static Run run(List<String> args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = ExampleApp.run(args.toArray(String[]::new), env, outStream, errStream);
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The lines of the table printed under {@code title}, up to the next blank line. */
    private static List<String> table(List<String> lines, String title) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title)) {
                start = i + 1;
                break;
            }
        }
        assertTrue(start > 0, "no \"" + title + "\" in:\n" + String.join("\n", lines));
        List<String> table = new ArrayList<>();
        for (int i = start; i < lines.size() && !lines.get(i).isBlank(); i++) {
            table.add(lines.get(i));
        }
        return table;
    }

    /** The applied revisions, as the history table records them, oldest first. */
    private static List<String> appliedRevisions(TestDatabase db) throws SQLException {
        List<String> revisions = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT revision FROM viewmigrate_history ORDER BY rank")) {
            while (rs.next()) {
                revisions.add(rs.getString(1));
            }
        }
        return revisions;
    }

    private static List<String> viewColumns(TestDatabase db) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_name = 'active_users' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }
}
