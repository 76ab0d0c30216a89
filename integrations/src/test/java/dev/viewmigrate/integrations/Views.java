package dev.viewmigrate.integrations;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.GeneratedMigration;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The fixture of the integration tests: the tables another tool creates, and viewmigrate's views over them, written
 * the way the processor generates a revision — a plain view, a view over it, a materialized view with a unique and
 * a GIN index reading {@code users.username}, and two views that do not read it.
 */
final class Views {
    static final String TABLES = """
            CREATE TABLE users (id int PRIMARY KEY, username varchar(50) NOT NULL, bio text, active boolean);
            CREATE TABLE posts (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, title text);
            INSERT INTO users VALUES (1, 'ada', 'math', true), (2, 'bob', NULL, false);
            INSERT INTO posts VALUES (10, 1, 'notes'), (11, 1, 'engines');
            """;

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

    /** Revision 1: creates the five views. */
    static final Migration CREATE = new GeneratedMigration("1", "create views", 1,
            List.of(NAMES, SHOUTED, SEARCH, POST_COUNTS, USER_IDS), List.of()) {
        @Override
        public void upgrade(MigrationContext context) throws Exception {
            context.views().create(NAMES, SHOUTED, SEARCH, POST_COUNTS, USER_IDS);
        }

        @Override
        public void downgrade(MigrationContext context) throws Exception {
            context.views().checkDependents(USER_IDS, POST_COUNTS, SEARCH, SHOUTED, NAMES);
            context.views().drop(USER_IDS, POST_COUNTS, SEARCH, SHOUTED, NAMES);
        }
    };

    private Views() {}

    static ViewMigrator migrator(TestDatabase db) {
        List<Migration> chain = List.of(CREATE);
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> chain).build();
    }

    /** Grants and a column comment that must survive the drop and the creation. */
    static void decorate(TestDatabase db) throws Exception {
        sql(db, "GRANT SELECT ON user_names TO PUBLIC; GRANT SELECT ON user_search TO PUBLIC;"
                + " COMMENT ON COLUMN shouted_names.shout IS 'loud'");
    }

    static void sql(TestDatabase db, String statements) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    static long number(TestDatabase db, String query) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    static long oid(TestDatabase db, String relation) throws Exception {
        return number(db, "SELECT '" + relation + "'::regclass::oid");
    }

    /** The catalog without the two tools' history tables (their rows hold times). */
    static CatalogSnapshot catalog(TestDatabase db, String otherHistory) throws Exception {
        return CatalogSnapshot.capture(db).without("public." + ViewMigrator.DEFAULT_HISTORY_TABLE, otherHistory);
    }
}
