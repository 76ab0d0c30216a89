package dev.viewmigrate.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * The story of docs/workflow.md, replayed for real: the example's sources are compiled with javac and the real
 * processor into a fresh snapshot directory (Day 1), the view's SQL is edited and compiled again (Day 30), and the
 * generated migrations are applied to, rolled back on, and re-applied to a real PostgreSQL (Days 30 to 32), where
 * Hibernate finally reads the view through the compiled entity.
 */
@ExtendWith(PostgresExtension.class)
class StoryEndToEndTest {
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Path MODEL = Path.of("dev", "viewmigrate", "example", "model");
    private static final Path MIGRATION = Path.of("dev", "viewmigrate", "example", "migration");
    private static final String DAY_1_ACTIVE_USER = "/story/day-1/ActiveUser.java";
    private static final Path COMMITTED_SNAPSHOTS = Path.of("src", "main", "viewmigrate");

    private static final List<String> DAY_1_COLUMNS = List.of("id", "username", "email", "post_count");
    private static final List<String> DAY_30_COLUMNS =
            List.of("id", "username", "email", "post_count", "first_post_date");

    private static final OffsetDateTime ALICE_FIRST = OffsetDateTime.of(2024, 1, 10, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime ALICE_SECOND = OffsetDateTime.of(2024, 2, 1, 12, 30, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime BOB_FIRST = OffsetDateTime.of(2024, 3, 5, 18, 15, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path work;

    @Test
    void days1To32_viewEvolvesRollsBackAndIsReadByHibernate(TestDatabase db) throws Exception {
        Path sources = work.resolve("src");
        Path snapshots = work.resolve("snapshots");

        // Day 1: tables by a hand-written migration, the first version of the view, compiled from nothing.
        copyTree(MAIN_SOURCES.resolve(MODEL), sources.resolve(MODEL));
        copyTree(MAIN_SOURCES.resolve(MIGRATION), sources.resolve(MIGRATION));
        try (InputStream day1 = StoryEndToEndTest.class.getResourceAsStream(DAY_1_ACTIVE_USER)) {
            Files.copy(day1, sources.resolve(MODEL).resolve("ActiveUser.java"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path day1Classes = StoryCompiler.compile(sources, snapshots, work.resolve("classes-day1")).classes();
        Map<Path, byte[]> day1Snapshots = files(snapshots);
        assertFalse(day1Snapshots.isEmpty(), "Day 1 compile froze no revision into " + snapshots);
        // The app's committed history is this story: Day 1 froze its first revisions, Day 30 the last one.
        Map<Path, String> committed = texts(files(COMMITTED_SNAPSHOTS));
        Map<Path, String> committedDay1 = new TreeMap<>(committed);
        committedDay1.keySet().retainAll(day1Snapshots.keySet());
        assertEquals(committedDay1, texts(day1Snapshots), "the Day-1 compile should freeze exactly the first"
                + " committed revisions of " + COMMITTED_SNAPSHOTS);

        String day1Definition;
        try (StoryClassLoader day1 = new StoryClassLoader(day1Classes)) {
            MigrationResult upgraded = migrator(db, day1).upgrade("head");
            assertFalse(upgraded.executed().isEmpty());
            assertEquals(DAY_1_COLUMNS, viewColumns(db));
            try (Connection c = db.connect()) {
                insertUser(c, "alice", ALICE_FIRST, ALICE_SECOND);
                insertUser(c, "bob", BOB_FIRST);
                insertUser(c, "carol");
            }
            assertEquals(Map.of("alice", 2L, "bob", 1L), day1Dashboard(db));
            day1Definition = viewDefinition(db);
        }

        // Day 30: first_post_date added to the SQL (and the entity), compiled: exactly one new revision.
        Files.copy(MAIN_SOURCES.resolve(MODEL).resolve("ActiveUser.java"),
                sources.resolve(MODEL).resolve("ActiveUser.java"), StandardCopyOption.REPLACE_EXISTING);
        Path day30Classes = StoryCompiler.compile(sources, snapshots, work.resolve("classes-day30")).classes();
        Map<Path, byte[]> day30Snapshots = files(snapshots);
        List<Path> added = new ArrayList<>(day30Snapshots.keySet());
        added.removeAll(day1Snapshots.keySet());
        assertEquals(1, added.size(), "Day 30 should freeze exactly one revision file, froze " + added);
        day1Snapshots.forEach((file, content) -> assertArrayEquals(content, day30Snapshots.get(file),
                "frozen revision " + file + " was rewritten on Day 30"));
        assertTrue(new String(day30Snapshots.get(added.get(0)), StandardCharsets.UTF_8)
                .contains("first_post_date"), "the new revision should hold the new SQL");
        assertEquals(committed, texts(day30Snapshots), "after Day 30 the revisions should be exactly those"
                + " committed in " + COMMITTED_SNAPSHOTS);

        // Compiling again without a change freezes nothing.
        StoryCompiler.compile(sources, snapshots, work.resolve("classes-day30-again"));
        assertEquals(day30Snapshots.keySet(), files(snapshots).keySet());

        try (StoryClassLoader day30 = new StoryClassLoader(day30Classes)) {
            ViewMigrator migrator = migrator(db, day30);
            String day1Head = migrator.current().orElseThrow().revision();

            MigrationResult upgraded = migrator.upgrade("head");
            assertEquals(1, upgraded.executed().size(), "Day 30 upgrade ran " + upgraded.executed());
            String day30Head = upgraded.to().orElseThrow();
            assertEquals(DAY_30_COLUMNS, viewColumns(db));
            assertEquals(Map.of("alice", ALICE_FIRST.toInstant(), "bob", BOB_FIRST.toInstant()), firstPostDates(db));

            // Day 31, by hand: putting the Day-1 SQL back with CREATE OR REPLACE is what PostgreSQL refuses.
            assertEquals("cannot drop columns from view", handWrittenRollbackError(db, day1Definition));

            // Day 31: downgrade -1 removes the column again: the Day-1 view, exactly, and its dashboard query works.
            MigrationResult downgraded = migrator.downgrade("-1");
            assertEquals(List.of(day30Head), downgraded.executed());
            assertEquals(day1Head, migrator.current().orElseThrow().revision());
            assertEquals(DAY_1_COLUMNS, viewColumns(db));
            assertEquals(day1Definition, viewDefinition(db));
            assertEquals(Map.of("alice", 2L, "bob", 1L), day1Dashboard(db));

            // Day 32: upgrade head again; carol posts for the first time and alice once more, through JPA; the
            // entity, validated against the view by Hibernate, reads the new counts and dates.
            assertEquals(List.of(day30Head), migrator.upgrade("head").executed());
            assertEquals(DAY_30_COLUMNS, viewColumns(db));
            OffsetDateTime justNow = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object[]> dashboard = day32Dashboard(db, day30, justNow);
            assertEquals(List.of("alice", "bob", "carol"), new ArrayList<>(new TreeMap<>(dashboard).keySet()));
            assertArrayEquals(new Object[] {3L, ALICE_FIRST.toInstant()}, dashboard.get("alice"));
            assertArrayEquals(new Object[] {1L, BOB_FIRST.toInstant()}, dashboard.get("bob"));
            assertArrayEquals(new Object[] {1L, justNow.toInstant()}, dashboard.get("carol"));
        }
    }

    /** Runs the rollback people write by hand, in a transaction rolled back afterwards; returns PostgreSQL's error. */
    private static String handWrittenRollbackError(TestDatabase db, String day1Sql) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE VIEW active_users AS " + day1Sql);
                return "no error";
            } catch (SQLException e) {
                return e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                        ? psql.getServerErrorMessage().getMessage()
                        : e.getMessage();
            } finally {
                c.rollback();
            }
        }
    }

    /** Day 32 through Hibernate, with the entity classes of the Day-30 compile: username → {posts, first post}. */
    private static Map<String, Object[]> day32Dashboard(TestDatabase db, ClassLoader day30, OffsetDateTime justNow)
            throws Exception {
        Class<?> user = day30.loadClass("dev.viewmigrate.example.model.User");
        Class<?> post = day30.loadClass("dev.viewmigrate.example.model.Post");
        Class<?> activeUser = day30.loadClass("dev.viewmigrate.example.model.ActiveUser");
        assertEquals(day30, activeUser.getClassLoader(), "ActiveUser must come from the Day-30 compile");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(day30);
        try (SessionFactory orm = Orm.start(db.dataSource(), List.of(user, post, activeUser))) {
            orm.inTransaction(session -> {
                persistPost(session, user, post, "carol", "Hello", justNow);
                persistPost(session, user, post, "alice", "Again", justNow);
            });
            Map<String, Object[]> rows = new LinkedHashMap<>();
            for (Object row : orm.fromTransaction(session -> list(session, "from ActiveUser", activeUser))) {
                OffsetDateTime first = (OffsetDateTime) activeUser.getMethod("getFirstPostDate").invoke(row);
                rows.put((String) activeUser.getMethod("getUsername").invoke(row),
                        new Object[] {activeUser.getMethod("getPostCount").invoke(row), first.toInstant()});
            }
            return rows;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void persistPost(
            Session session, Class<?> user, Class<?> post, String username, String title, OffsetDateTime at) {
        try {
            Object author = session.createSelectionQuery("from User where username = :name", user)
                    .setParameter("name", username)
                    .getSingleResult();
            session.persist(post.getConstructor(user, String.class, String.class, OffsetDateTime.class)
                    .newInstance(author, title, "posted on Day 32", at));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> List<T> list(Session session, String hql, Class<T> type) {
        return session.createSelectionQuery(hql, type).getResultList();
    }

    private static ViewMigrator migrator(TestDatabase db, ClassLoader classes) {
        return ViewMigrator.builder().dataSource(db.dataSource()).classLoader(classes).build();
    }

    private static void insertUser(Connection c, String username, OffsetDateTime... posts) throws SQLException {
        long id;
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO users (username, email) VALUES (?, ?) RETURNING id")) {
            insert.setString(1, username);
            insert.setString(2, username + "@example.com");
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        for (OffsetDateTime at : posts) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO posts (title, content, user_id, created_at) VALUES ('t', 'c', ?, ?)")) {
                insert.setLong(1, id);
                insert.setObject(2, at);
                insert.executeUpdate();
            }
        }
    }

    /** The executive dashboard's Day-1 query: it must keep working after a rollback. */
    private static Map<String, Long> day1Dashboard(TestDatabase db) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT username, post_count FROM active_users ORDER BY username")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }

    private static Map<String, Instant> firstPostDates(TestDatabase db) throws SQLException {
        Map<String, Instant> rows = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT username, first_post_date FROM active_users")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return rows;
    }

    private static List<String> viewColumns(TestDatabase db) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name = 'active_users'"
                        + " ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private static String viewDefinition(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_get_viewdef('active_users'::regclass, true)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The files' texts without the frozen SQL readings ({@code reads}, {@code columns}, {@code columnsUnknown}): a parse
     * cache the checksum leaves out, which the committed files, frozen before it existed, do not have.
     */
    private static Map<Path, String> texts(Map<Path, byte[]> files) {
        Map<Path, String> texts = new TreeMap<>();
        files.forEach((path, bytes) -> texts.put(path, new String(bytes, StandardCharsets.UTF_8)
                .replaceAll("(?m)^    (reads|columns|columnsUnknown): .*\n", "")));
        return texts;
    }

    /** Every file under {@code root} (relative path → content); empty when the directory does not exist. */
    private static Map<Path, byte[]> files(Path root) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
