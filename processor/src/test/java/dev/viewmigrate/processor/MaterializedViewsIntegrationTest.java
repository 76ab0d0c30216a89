package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.viewmigrate.processor.DependentsIntegrationTest.execute;
import static dev.viewmigrate.processor.DependentsIntegrationTest.migrator;
import static dev.viewmigrate.processor.DependentsIntegrationTest.snapshot;
import static dev.viewmigrate.processor.DependentsIntegrationTest.viewClass;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reporting workload of materialized views in two schemas (one needing quotes), with unique and plain indexes, one
 * matview reading another and a plain view on top: create, change SQL, change only indexes, refresh, downgrade.
 */
@ExtendWith(PostgresExtension.class)
class MaterializedViewsIntegrationTest {
    @TempDir
    Path root;

    private static String postStats(String extraColumn) {
        return viewClass("PostStats", """
                schema = "analytics", materialized = true,
                indexes = {@View.Index(columns = "author_id", unique = true), @View.Index(columns = "last_post")}""",
                """
                SELECT p.author_id,
                       count(*) AS post_count,
                       max(p.created_at) AS last_post%s
                FROM posts p
                GROUP BY p.author_id""".formatted(extraColumn));
    }

    private static String dailyPosts(String indexes) {
        return viewClass("DailyPosts", "schema = \"analytics\", materialized = true, withData = false, indexes = {"
                + indexes + "}", """
                SELECT date_trunc('day', created_at) AS day, count(*) AS posts
                FROM posts
                GROUP BY 1""");
    }

    private static final String TOP_AUTHORS = viewClass("TopAuthors", """
            schema = "Reporting", name = "TopAuthors", materialized = true,
            indexes = {@View.Index(name = "TopAuthors by id", columns = "authorId", unique = true),
                       @View.Index(columns = {"postCount", "authorId"})}""", """
            SELECT s.author_id AS "authorId", s.post_count AS "postCount"
            FROM analytics.post_stats s
            WHERE s.post_count > 1""");

    private static final String AUTHOR_SUMMARY = viewClass("AuthorSummary", "", """
            SELECT u.name, s.post_count
            FROM users u
            JOIN analytics.post_stats s ON s.author_id = u.id""");

    @Test
    void reportingWorkload_createChangeSqlChangeIndexesRefreshAndDowngrade(TestDatabase db) throws Exception {
        execute(db, "CREATE SCHEMA analytics", "CREATE SCHEMA \"Reporting\"",
                "CREATE TABLE users (id int PRIMARY KEY, name text)",
                "CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users, created_at timestamptz)",
                "INSERT INTO users VALUES (1, 'ann'), (2, 'bob')",
                "INSERT INTO posts VALUES (1, 1, '2026-01-01'), (2, 1, '2026-01-02'), (3, 2, '2026-01-02')");
        JavacProject project = new JavacProject(root);
        project.write("PostStats", postStats(""));
        project.write("DailyPosts", dailyPosts("@View.Index(columns = \"day\", unique = true)"));
        project.write("TopAuthors", TOP_AUTHORS);
        project.write("AuthorSummary", AUTHOR_SUMMARY);
        project.compileAll("v1");
        project.write("PostStats", postStats(",\n       min(p.created_at) AS first_post"));
        project.compileAll("v2");
        project.write("DailyPosts", dailyPosts("@View.Index(columns = \"day\", unique = true),"
                + " @View.Index(name = \"daily_posts_busy_idx\", columns = \"posts DESC\")"));
        Path v3 = project.compileAll("v3");

        try (URLClassLoader loader = JavacProject.load(v3)) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.upgrade("1");
            CatalogSnapshot created = snapshot(db);
            assertThat(created.relations().get("\"Reporting\".\"TopAuthors\"")).contains(
                    "CREATE UNIQUE INDEX \"TopAuthors by id\" ON \"Reporting\".\"TopAuthors\" USING btree (\"authorId\")");
            assertThat(created.relations().get("\"Reporting\".\"TopAuthors\"")).contains(
                    "CREATE INDEX topauthors_postcount_authorid_idx ON \"Reporting\".\"TopAuthors\" USING btree"
                            + " (\"postCount\", \"authorId\")");
            assertThat(created.relations().get("analytics.post_stats")).contains(
                    "CREATE UNIQUE INDEX post_stats_author_id_key ON analytics.post_stats USING btree (author_id)");
            assertThat(rows(db, "SELECT count(*) FROM \"Reporting\".\"TopAuthors\"")).isEqualTo("1");

            // Revision 2: post_stats' SQL changed; the matview and what reads it are rebuilt with their indexes.
            migrator.upgrade("2");
            CatalogSnapshot changed = snapshot(db);
            assertThat(changed.relations().get("analytics.post_stats")).contains("first_post timestamp with time zone");
            assertThat(changed.relations().get("\"Reporting\".\"TopAuthors\""))
                    .isEqualTo(created.relations().get("\"Reporting\".\"TopAuthors\""));
            assertThat(changed.relations().get("public.author_summary"))
                    .isEqualTo(created.relations().get("public.author_summary"));
            execute(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.post_stats",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY \"Reporting\".\"TopAuthors\"",
                    "REFRESH MATERIALIZED VIEW analytics.daily_posts");

            // Revision 3: only daily_posts' indexes changed: no matview is rebuilt.
            Map<String, String> storageBefore = storage(db);
            migrator.upgrade();
            assertThat(storage(db)).isEqualTo(storageBefore);
            assertThat(snapshot(db).relations().get("analytics.daily_posts"))
                    .contains("CREATE INDEX daily_posts_busy_idx ON analytics.daily_posts USING btree (posts DESC)");
            assertThat(rows(db, "SELECT sum(posts) FROM analytics.daily_posts")).isEqualTo("3");
            execute(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.daily_posts");

            migrator.downgrade("-1");
            assertThat(storage(db)).isEqualTo(storageBefore);
            assertThat(snapshot(db)).isEqualTo(changed);
            migrator.downgrade("-1");
            assertThat(snapshot(db)).isEqualTo(created);
            migrator.upgrade();
            assertThat(snapshot(db).relations().get("analytics.daily_posts")).contains("daily_posts_busy_idx");
            assertThat(rows(db, "SELECT count(*) FROM \"Reporting\".\"TopAuthors\"")).isEqualTo("1");

            assertThat(migrator.migrations().get(2).viewsAfter()).containsExactly(new FrozenView(
                    Optional.of("analytics"), "daily_posts", true, false, """
                    SELECT date_trunc('day', created_at) AS day, count(*) AS posts
                    FROM posts
                    GROUP BY 1""", List.of(
                            new FrozenView.FrozenIndex("daily_posts_day_key", List.of("day"), true),
                            new FrozenView.FrozenIndex("daily_posts_busy_idx", List.of("posts DESC"), false))));
        }
    }

    private static Map<String, String> storage(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return CatalogSnapshot.storage(connection);
        }
    }

    private static String rows(TestDatabase db, String query) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
