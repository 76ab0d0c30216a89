package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.viewmigrate.processor.Databases.columns;
import static dev.viewmigrate.processor.Databases.execute;
import static dev.viewmigrate.processor.Databases.indexes;
import static dev.viewmigrate.processor.Databases.matviewStorage;
import static dev.viewmigrate.processor.Databases.migrator;
import static dev.viewmigrate.processor.Databases.snapshot;
import static dev.viewmigrate.processor.Databases.value;
import static dev.viewmigrate.processor.JavacProject.viewClass;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.net.URLClassLoader;
import java.nio.file.Path;
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
            // withData = false: created empty; populated here so that later snapshots compare like with like.
            assertThat(Databases.relation(snapshot(db), "analytics.daily_posts")).startsWith(
                    "materialized view not populated");
            execute(db, "REFRESH MATERIALIZED VIEW analytics.daily_posts");
            CatalogSnapshot created = snapshot(db);
            assertThat(indexes(created, "Reporting.TopAuthors")).containsExactly(
                    "TopAuthors by id",
                    "CREATE UNIQUE INDEX \"TopAuthors by id\" ON \"Reporting\".\"TopAuthors\" USING btree (\"authorId\")",
                    "topauthors_postcount_authorid_idx",
                    "CREATE INDEX topauthors_postcount_authorid_idx ON \"Reporting\".\"TopAuthors\" USING btree"
                            + " (\"postCount\", \"authorId\")");
            assertThat(indexes(created, "analytics.post_stats")).containsExactly("post_stats_author_id_key",
                    "CREATE UNIQUE INDEX post_stats_author_id_key ON analytics.post_stats USING btree (author_id)",
                    "post_stats_last_post_idx",
                    "CREATE INDEX post_stats_last_post_idx ON analytics.post_stats USING btree (last_post)");
            assertThat(value(db, "SELECT count(*) FROM \"Reporting\".\"TopAuthors\"")).isEqualTo("1");

            // Revision 2: post_stats' SQL changed; the matview and what reads it are rebuilt with their indexes.
            migrator.upgrade("2");
            CatalogSnapshot changed = snapshot(db);
            assertThat(columns(changed, "analytics.post_stats")).contains("first_post timestamp with time zone");
            assertThat(changed.entriesOf("Reporting.TopAuthors")).isEqualTo(created.entriesOf("Reporting.TopAuthors"));
            assertThat(changed.entriesOf("public.author_summary"))
                    .isEqualTo(created.entriesOf("public.author_summary"));
            execute(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.post_stats",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY \"Reporting\".\"TopAuthors\"");

            // Revision 3: only daily_posts' indexes changed: no matview is rebuilt.
            Map<String, String> storageBefore = matviewStorage(db);
            migrator.upgrade();
            assertThat(matviewStorage(db)).isEqualTo(storageBefore);
            assertThat(indexes(snapshot(db), "analytics.daily_posts")).containsEntry("daily_posts_busy_idx",
                    "CREATE INDEX daily_posts_busy_idx ON analytics.daily_posts USING btree (posts DESC)");
            assertThat(value(db, "SELECT sum(posts) FROM analytics.daily_posts")).isEqualTo("3");
            execute(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.daily_posts");

            migrator.downgrade("-1");
            assertThat(matviewStorage(db)).isEqualTo(storageBefore);
            changed.assertSameAs(snapshot(db), "after downgrading the index-only revision");
            migrator.downgrade("-1");
            created.assertSameAs(snapshot(db), "after downgrading the SQL change");
            migrator.upgrade();
            assertThat(indexes(snapshot(db), "analytics.daily_posts")).containsKey("daily_posts_busy_idx");
            assertThat(value(db, "SELECT count(*) FROM \"Reporting\".\"TopAuthors\"")).isEqualTo("1");

            assertThat(migrator.migrations().get(2).viewsAfter()).containsExactly(FrozenView.materializedView(
                    ViewName.of("analytics", "daily_posts"), """
                    SELECT date_trunc('day', created_at) AS day, count(*) AS posts
                    FROM posts
                    GROUP BY 1""").withNoData().withIndexes(
                            FrozenIndex.uniqueOn("daily_posts_day_key", "day"),
                            FrozenIndex.on("daily_posts_busy_idx", "posts DESC")));
        }
    }
}
