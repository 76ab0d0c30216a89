package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tables changing under managed views, on a real PostgreSQL: a hand-written migration that retypes, drops or renames
 * a column (or drops or renames a table) that managed views read runs without the user declaring anything; the
 * managed views reading it — a plain view, a view over it, a materialized view with a unique and a GIN index — are
 * dropped before the statement and created again after it, with grants, comments and data; the views that do not
 * read it keep their OIDs. Round trips compare catalogs; offline scripts do the same as the online run.
 */
@ExtendWith(PostgresExtension.class)
class TableChangeTest {
    private static final String HISTORY = "public." + ViewMigrator.DEFAULT_HISTORY_TABLE;

    static final SqlMigration TABLES = new SqlMigration("1", "create tables", List.of(
            "CREATE TABLE users (id int PRIMARY KEY, username varchar(50) NOT NULL, bio text, active boolean)",
            "CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, title text)",
            "INSERT INTO users VALUES (1, 'ada', 'math', true), (2, 'bob', NULL, false)",
            "INSERT INTO posts VALUES (10, 1, 'notes'), (11, 1, 'engines')"),
            List.of("DROP TABLE posts", "DROP TABLE users"));

    static final FrozenView NAMES = FrozenView.view(ViewName.of("user_names"),
            "SELECT id, username FROM users WHERE active").withComment("who may log in");
    static final FrozenView SHOUTED = FrozenView.view(ViewName.of("shouted_names"),
            "SELECT id, upper(username) AS shout FROM user_names");
    static final FrozenView SEARCH = FrozenView.materializedView(ViewName.of("user_search"),
            "SELECT id, username, to_tsvector('simple', username) AS document FROM users")
            .withIndexes(FrozenIndex.uniqueOn("user_search_id_key", "id"),
                    FrozenIndex.on("user_search_document_idx", "document").using("gin"));
    static final FrozenView POST_COUNTS = FrozenView.view(ViewName.of("post_counts"),
            "SELECT user_id, count(*) AS posts FROM posts GROUP BY user_id");
    static final FrozenView USER_IDS = FrozenView.view(ViewName.of("user_ids"), "SELECT id FROM users");

    static final Migration VIEWS = new StepMigration("2", "create views",
            (steps, c) -> steps.create(NAMES, SHOUTED, SEARCH, POST_COUNTS, USER_IDS),
            (steps, c) -> {
                steps.checkDependents(USER_IDS, POST_COUNTS, SEARCH, SHOUTED, NAMES);
                steps.drop(USER_IDS, POST_COUNTS, SEARCH, SHOUTED, NAMES);
            }, NAMES, SHOUTED, SEARCH, POST_COUNTS, USER_IDS);

    static final SqlMigration RETYPE = SqlMigration.of("3", "widen usernames",
            "ALTER TABLE users ALTER COLUMN username TYPE varchar(200)",
            "ALTER TABLE users ALTER COLUMN username TYPE varchar(50)");

    private static ViewMigrator migrator(TestDatabase db, Migration... chain) {
        List<Migration> migrations = List.of(chain);
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> migrations).build();
    }

    private static void sql(TestDatabase db, String... statements) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long oid(TestDatabase db, String relation) throws Exception {
        return number(db, "SELECT '" + relation + "'::regclass::oid");
    }

    private static long number(TestDatabase db, String query) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void retypeUnderManagedViews_recreatesOnlyTheReaders_andRoundTrips(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, TABLES, VIEWS, RETYPE);
        migrator.upgrade("2");
        sql(db, "GRANT SELECT ON user_names TO PUBLIC", "GRANT SELECT ON user_search TO PUBLIC",
                "COMMENT ON COLUMN shouted_names.shout IS 'loud'");
        CatalogSnapshot before = CatalogSnapshot.capture(db).without(HISTORY);
        long names = oid(db, "user_names");
        long posts = oid(db, "post_counts");
        long ids = oid(db, "user_ids");

        migrator.upgrade("head");
        assertNotEquals(names, oid(db, "user_names"), "the reader of username was recreated");
        assertEquals(posts, oid(db, "post_counts"), "a view over another table is not touched");
        assertEquals(ids, oid(db, "user_ids"), "a view reading another column of users is not touched");
        assertEquals(2, number(db, "SELECT count(*) FROM user_search"), "the materialized view has its data");
        CatalogSnapshot after = CatalogSnapshot.capture(db).without(HISTORY);
        String search = after.find(CatalogSnapshot.Kind.RELATION, "public.user_search", "").orElseThrow().detail();
        assertTrue(search.contains("=r/"), "grant kept: " + search);
        assertTrue(after.toString().contains("user_search_document_idx"), after::toString);
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());

        migrator.downgrade("-1");
        before.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade of the retype");
        migrator.upgrade("head");
        after.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "upgrade again");
    }

    @Test
    void unmanagedReaderOfTheColumn_isRefusedByName_andNothingChanges(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, TABLES, VIEWS, RETYPE);
        migrator.upgrade("2");
        sql(db, "CREATE VIEW hand_made AS SELECT username FROM users");
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.upgrade("head"));
        assertTrue(e.getMessage().contains("view public.hand_made reads users (username)"), e.getMessage());
        assertTrue(e.getMessage().contains("viewmigrate does not manage"), e.getMessage());
        before.assertSameAs(CatalogSnapshot.capture(db), "refused retype");
    }

    @Test
    void unmanagedReaderOfAManagedReader_isRefusedByName(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, TABLES, VIEWS, RETYPE);
        migrator.upgrade("2");
        sql(db, "CREATE VIEW hand_made AS SELECT shout FROM shouted_names");
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.upgrade("head"));
        assertTrue(e.getMessage().contains("hand_made depends on view shouted_names"), e.getMessage());
        before.assertSameAs(CatalogSnapshot.capture(db), "refused retype");
    }

    @Test
    void droppingAColumnAViewReturns_failsNamingTheViewAndTheFix(TestDatabase db) throws Exception {
        SqlMigration dropColumn = SqlMigration.of("3", "drop usernames",
                "ALTER TABLE users DROP COLUMN username", "ALTER TABLE users ADD COLUMN username varchar(50)");
        ViewMigrator migrator = migrator(db, TABLES, VIEWS, dropColumn);
        migrator.upgrade("2");
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.upgrade("head"));
        assertTrue(e.getMessage().contains("column \"username\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("ALTER TABLE users DROP COLUMN username"), e.getMessage());
        assertTrue(e.getMessage().contains("Edit the view's @View SQL"), e.getMessage());
        assertTrue(e.getMessage().contains("view public.user_search")
                || e.getMessage().contains("user_names"), e.getMessage());
        before.assertSameAs(CatalogSnapshot.capture(db), "failed drop");
    }

    /** The layout the processor freezes for a table change and the views' edit in one compile. */
    @Test
    void renameWithTheViewsEditedInTheSameRevision_roundTrips(TestDatabase db) throws Exception {
        FrozenView names4 = FrozenView.view(ViewName.of("user_names"),
                "SELECT id, handle AS username FROM users WHERE active").withComment("who may log in");
        FrozenView search4 = FrozenView.materializedView(ViewName.of("user_search"),
                "SELECT id, handle, to_tsvector('simple', handle) AS document FROM users")
                .withIndexes(SEARCH.indexes().toArray(FrozenIndex[]::new));
        Migration rename = new StepMigration("3", "rename username to handle",
                (steps, c) -> {
                    steps.checkDependents(SEARCH, SHOUTED, NAMES);
                    steps.savePrivileges(SEARCH, SHOUTED, NAMES);
                    steps.drop(SEARCH, SHOUTED, NAMES);
                    c.execute("ALTER TABLE users RENAME COLUMN username TO handle");
                    steps.create(names4, SHOUTED, search4);
                    steps.restorePrivileges(names4, SHOUTED, search4);
                },
                (steps, c) -> {
                    steps.checkDependents(search4, SHOUTED, names4);
                    steps.savePrivileges(search4, SHOUTED, names4);
                    steps.drop(search4, SHOUTED, names4);
                    c.execute("ALTER TABLE users RENAME COLUMN handle TO username");
                    steps.create(NAMES, SHOUTED, SEARCH);
                    steps.restorePrivileges(NAMES, SHOUTED, SEARCH);
                }, names4, search4);
        ViewMigrator migrator = migrator(db, TABLES, VIEWS, rename);
        migrator.upgrade("2");
        sql(db, "GRANT SELECT ON user_names TO PUBLIC");
        CatalogSnapshot before = CatalogSnapshot.capture(db).without(HISTORY);
        long ids = oid(db, "user_ids");

        migrator.upgrade("head");
        assertEquals(ids, oid(db, "user_ids"), "user_ids reads id only");
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());
        CatalogSnapshot after = CatalogSnapshot.capture(db).without(HISTORY);
        migrator.downgrade("-1");
        before.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade of the rename");
        migrator.upgrade("head");
        after.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "upgrade again");
    }

    /** A hand-written migration after the combined layout: drop and rename of a table the views read. */
    @Test
    void dropAndRenameOfTables_withTheViewsEdited_roundTrip(TestDatabase db) throws Exception {
        FrozenView counts4 = FrozenView.view(ViewName.of("post_counts"),
                "SELECT user_id, count(*) AS posts FROM articles GROUP BY user_id");
        Migration renameTable = new StepMigration("3", "rename posts to articles",
                (steps, c) -> {
                    steps.checkDependents(POST_COUNTS);
                    steps.drop(POST_COUNTS);
                    c.execute("ALTER TABLE posts RENAME TO articles");
                    steps.create(counts4);
                },
                (steps, c) -> {
                    steps.checkDependents(counts4);
                    steps.drop(counts4);
                    c.execute("ALTER TABLE articles RENAME TO posts");
                    steps.create(POST_COUNTS);
                }, counts4);
        Migration dropTable = new StepMigration("4", "drop articles",
                (steps, c) -> {
                    steps.checkDependents(counts4);
                    steps.drop(counts4);
                    c.execute("DROP TABLE articles");
                },
                (steps, c) -> {
                    c.execute("CREATE TABLE articles (id int CONSTRAINT posts_pkey PRIMARY KEY, user_id int NOT NULL "
                            + "CONSTRAINT posts_user_id_fkey REFERENCES users, title text)");
                    c.execute("INSERT INTO articles VALUES (10, 1, 'notes'), (11, 1, 'engines')");
                    steps.create(counts4);
                }, List.of(), List.of(ViewName.of("post_counts")));
        ViewMigrator migrator = migrator(db, TABLES, VIEWS, renameTable, dropTable);
        migrator.upgrade("2");
        List<CatalogSnapshot> states = new ArrayList<>();
        states.add(CatalogSnapshot.capture(db).without(HISTORY));
        migrator.upgrade("3");
        states.add(CatalogSnapshot.capture(db).without(HISTORY));
        migrator.upgrade("4");
        CatalogSnapshot last = CatalogSnapshot.capture(db).without(HISTORY);
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());
        migrator.downgrade("3");
        states.get(1).assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade of the drop");
        migrator.downgrade("2");
        states.get(0).assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade of the rename");
        migrator.upgrade("head");
        last.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "upgrade again");
    }

    @Test
    void offlineScript_doesWhatTheOnlineRunDoes(TestDatabase online) throws Exception {
        ViewMigrator migrator = migrator(online, TABLES, VIEWS, RETYPE);
        migrator.upgrade("2");
        sql(online, "GRANT SELECT ON user_names TO PUBLIC");
        String up = migrator.upgradeSql("2", "head");
        String down = migrator.downgradeSql("3", "2");
        assertTrue(up.contains("viewmigrate_drop_readers"), up);

        ScriptRunner.Outcome upgraded = ScriptRunner.run(online, up);
        assertTrue(upgraded.succeeded(), upgraded::output);
        CatalogSnapshot afterScript = CatalogSnapshot.capture(online).without(HISTORY);
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());
        ScriptRunner.Outcome downgraded = ScriptRunner.run(online, down);
        assertTrue(downgraded.succeeded(), downgraded::output);
        migrator.upgrade("head");
        afterScript.assertSameAs(CatalogSnapshot.capture(online).without(HISTORY), "online upgrade after the script");
    }

    /** What the Flyway and Liquibase integrations do: another tool's statement, on its own transaction. */
    @Test
    void anotherToolsStatement_throughTheGuard(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db, TABLES, VIEWS);
        migrator.upgrade("head");
        long posts = oid(db, "post_counts");
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            TableChangeGuard guard = migrator.tableChanges(connection, "Flyway migration 5 (widen usernames)");
            String sql = "ALTER TABLE users ALTER COLUMN username TYPE varchar(300)";
            guard.before(sql);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            assertEquals(List.of(ViewName.of("user_names"), ViewName.of("user_search"), ViewName.of("shouted_names")),
                    guard.finish());
            connection.commit();
        }
        assertEquals(posts, oid(db, "post_counts"));
        assertEquals(300, number(db, "SELECT character_maximum_length FROM information_schema.columns "
                + "WHERE table_name = 'user_names' AND column_name = 'username'"));
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());
    }

    @Test
    void anotherToolsStatement_withoutHistory_changesNothingElse(TestDatabase db) throws Exception {
        sql(db, "CREATE TABLE users (id int, username varchar(50))");
        ViewMigrator migrator = migrator(db, TABLES, VIEWS);
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            TableChangeGuard guard = migrator.tableChanges(connection, "Flyway migration 1");
            guard.before("ALTER TABLE users ALTER COLUMN username TYPE text");
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE users ALTER COLUMN username TYPE text");
            }
            assertEquals(List.of(), guard.finish());
            connection.commit();
        }
    }

    /**
     * Another tool renames a column before viewmigrate's pending revision that edits the views to read the new name
     * (Flyway runs first): the views are created with the pending definitions, which that revision then applies.
     */
    @Test
    void anotherToolsRename_beforeThePendingRevisionThatEditsTheViews(TestDatabase db) throws Exception {
        FrozenView names3 = FrozenView.view(ViewName.of("user_names"),
                "SELECT id, handle AS username FROM users WHERE active").withComment("who may log in");
        FrozenView search3 = FrozenView.materializedView(ViewName.of("user_search"),
                "SELECT id, handle, to_tsvector('simple', handle) AS document FROM users")
                .withIndexes(SEARCH.indexes().toArray(FrozenIndex[]::new));
        Migration edit = new StepMigration("3", "read handle",
                (steps, c) -> {
                    steps.checkDependents(SEARCH, SHOUTED, NAMES);
                    steps.savePrivileges(SEARCH, SHOUTED, NAMES);
                    steps.drop(SEARCH, SHOUTED, NAMES);
                    steps.create(names3, SHOUTED, search3);
                    steps.restorePrivileges(names3, SHOUTED, search3);
                },
                (steps, c) -> {
                    throw new IllegalStateException("not used");
                }, names3, search3);
        ViewMigrator applied = migrator(db, TABLES, VIEWS);
        applied.upgrade("head");
        sql(db, "GRANT SELECT ON user_names TO PUBLIC");
        ViewMigrator migrator = migrator(db, TABLES, VIEWS, edit);
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            TableChangeGuard guard = migrator.tableChanges(connection, "Flyway migration 6 (rename username)");
            String sql = "ALTER TABLE users RENAME COLUMN username TO handle";
            guard.before(sql);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            guard.finish();
            connection.commit();
        }
        migrator.upgrade("head");
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());
        CatalogSnapshot after = CatalogSnapshot.capture(db);
        assertTrue(after.find(CatalogSnapshot.Kind.RELATION, "public.user_names", "").orElseThrow().detail()
                .contains("=r/"), after::toString);
    }
}
