package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.viewmigrate.processor.Databases.execute;
import static dev.viewmigrate.processor.Databases.migrator;
import static dev.viewmigrate.processor.Databases.snapshot;
import static dev.viewmigrate.processor.Databases.value;
import static dev.viewmigrate.processor.JavacProject.viewClass;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @View(rebuild = SIDE_BY_SIDE)} from source to a real PostgreSQL: compiled with javac, the generated revision
 * rebuilds the changed materialized view beside the old one, with a dependent view, a unique and a GIN index, a
 * grant and a comment; upgrade, downgrade and upgrade again leave the catalog as it was at each revision.
 */
@ExtendWith(PostgresExtension.class)
class SideBySideIntegrationTest {
    @TempDir
    Path root;

    private static String postSearch(String config) {
        return viewClass("PostSearch", """
                materialized = true, rebuild = View.Rebuild.SIDE_BY_SIDE, comment = "searchable posts",
                indexes = {@View.Index(columns = "id", unique = true), @View.Index(columns = "document", using = "gin")}""",
                """
                SELECT p.id, p.author_id, to_tsvector('%s', p.title) AS document
                FROM posts p""".formatted(config));
    }

    private static final String AUTHOR_DOCUMENTS = viewClass("AuthorDocuments", "", """
            SELECT author_id, count(*) AS documents
            FROM post_search
            GROUP BY author_id""");

    @Test
    void changedSql_isRebuiltSideBySide_andRoundTrips(TestDatabase db) throws Exception {
        execute(db, "CREATE TABLE posts (id int PRIMARY KEY, author_id int, title text)",
                "INSERT INTO posts VALUES (1, 1, 'running fast'), (2, 1, 'walking'), (3, 2, 'jumps')");
        JavacProject project = new JavacProject(root);
        project.write("PostSearch", postSearch("simple"));
        project.write("AuthorDocuments", AUTHOR_DOCUMENTS);
        project.compileAll("v1");
        project.write("PostSearch", postSearch("english"));
        Path v2 = project.compileAll("v2");

        assertThat(Files.readString(project.snapshots().resolve("0002_change_view_post_search.yaml")))
                .contains("rebuild: side-by-side");
        try (URLClassLoader loader = JavacProject.load(v2)) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.upgrade("1");
            execute(db, "GRANT SELECT ON post_search TO PUBLIC", "GRANT SELECT ON author_documents TO PUBLIC");
            CatalogSnapshot first = snapshot(db).without("public.viewmigrate_history");

            assertThat(migrator.upgradeSql("1", "2")).contains("CREATE MATERIALIZED VIEW post_search__vm_new");
            migrator.upgrade("2");
            CatalogSnapshot second = snapshot(db).without("public.viewmigrate_history");
            assertThat(value(db, "SELECT count(*) FROM post_search WHERE document @@ to_tsquery('english', 'run')"))
                    .isEqualTo("1");
            assertThat(second.toString()).doesNotContain("__vm_new");
            assertThat(migrator.verify().clean()).isTrue();

            migrator.downgrade("-1");
            first.assertSameAs(snapshot(db).without("public.viewmigrate_history"), "downgrade of the side-by-side revision");
            migrator.upgrade();
            second.assertSameAs(snapshot(db).without("public.viewmigrate_history"), "upgrade again");
        }
    }
}
