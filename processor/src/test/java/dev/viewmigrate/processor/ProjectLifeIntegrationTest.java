package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.viewmigrate.processor.Databases.migrator;
import static dev.viewmigrate.processor.Databases.snapshot;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One realistic project compiled again and again with javac and the processor, each step's revision applied on
 * PostgreSQL, rolled back (the catalog must be exactly as before) and applied again: a schema and names that need
 * quotes everywhere, a hand-written migration, views reading views, a materialized view with a default-named unique
 * index and a quoted one; then a dropped column at the bottom, an appended one, an index-only change, a view moved to
 * another class, a rename, a removal, a partial compile, and a clean rebuild that must be byte-identical.
 */
@ExtendWith(PostgresExtension.class)
class ProjectLifeIntegrationTest {
    private static final String SETUP = Compilations.handWrittenMigration("Setup", "tables and schema",
            "CREATE SCHEMA \\\"Reporting\\\"; CREATE TABLE users (id int PRIMARY KEY, name text, email text,"
                    + " active boolean); CREATE TABLE posts (id int PRIMARY KEY, user_id int)",
            "DROP TABLE posts; DROP TABLE users; DROP SCHEMA \\\"Reporting\\\"");
    private static final String ACTIVE = "schema = \"Reporting\", name = \"Active Users\"";
    private static final String POSTERS_SQL = """
            SELECT a.id, a.name, count(p.id) AS posts
            FROM "Reporting"."%s" a JOIN posts p ON p.user_id = a.id
            GROUP BY a.id, a.name""";
    private static final String STATS_SQL = "SELECT id, name, posts FROM \"Reporting\".\"order\"";

    @TempDir
    Path root;

    @Test
    void everyKindOfChange_roundTripsOnPostgres_andACleanRebuildIsByteIdentical(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", SETUP);
        project.write("ActiveUser", JavacProject.viewClass("ActiveUser", ACTIVE,
                "SELECT id, name, email FROM users WHERE active"));
        project.write("Posters", JavacProject.viewClass("Posters", "schema = \"Reporting\", name = \"order\"",
                POSTERS_SQL.formatted("Active Users")));
        project.write("Stats", JavacProject.viewClass("Stats", "materialized = true, indexes = {"
                + "@View.Index(columns = \"id\", unique = true), @View.Index(columns = {\"posts\", \"name\"})}",
                STATS_SQL));
        compileAndApply(project, "v1", db, 2);

        project.write("ActiveUser", JavacProject.viewClass("ActiveUser", ACTIVE,
                "SELECT id, name FROM users WHERE active"));
        compileAndApply(project, "v2", db, 1); // dropped column: the chain above is recreated

        project.write("ActiveUser", JavacProject.viewClass("ActiveUser", ACTIVE,
                "SELECT id, name, email AS mail FROM users WHERE active"));
        compileAndApply(project, "v3", db, 1); // appended column: replaced in place

        project.write("Stats", JavacProject.viewClass("Stats", "materialized = true, indexes = {"
                + "@View.Index(columns = \"id\", unique = true), @View.Index(name = \"By Name\", columns = \"name\")}",
                STATS_SQL));
        compileAndApply(project, "v4", db, 1); // index-only change

        project.delete("Posters");
        project.write("Posters2", JavacProject.viewClass("Posters2", "schema = \"Reporting\", name = \"order\"",
                POSTERS_SQL.formatted("Active Users")));
        compileAndApply(project, "v5", db, 0); // moved to another class: no change

        project.write("ActiveUser", JavacProject.viewClass("ActiveUser", "schema = \"Reporting\", name = \"Active\"",
                "SELECT id, name, email AS mail FROM users WHERE active"));
        project.write("Posters2", JavacProject.viewClass("Posters2", "schema = \"Reporting\", name = \"order\"",
                POSTERS_SQL.formatted("Active")));
        compileAndApply(project, "v6", db, 1); // rename of the bottom view, its reader follows

        project.delete("Stats");
        compileAndApply(project, "v7", db, 1); // removal

        project.compile("partial", List.of(project.source("ActiveUser")), List.of(root.resolve("target/v7")));
        compileAndApply(project, "v8", db, 0);

        assertThat(revisionFiles(project)).containsExactly(
                "0001_tables_and_schema.yaml",
                "0002_create_view_stats_create_view_reporting_active_users_create.yaml",
                "0003_change_view_reporting_active_users.yaml",
                "0004_change_view_reporting_active_users.yaml",
                "0005_change_view_stats.yaml",
                "0006_drop_view_reporting_active_users_change_view_reporting_order.yaml",
                "0007_drop_view_stats.yaml").inOrder();

        project.compileAll("clean1");
        project.compileAll("clean2");
        assertSameFiles(root.resolve("target/generated-clean1"), root.resolve("target/generated-clean2"));
        assertSameFiles(root.resolve("target/clean1"), root.resolve("target/clean2"));
    }

    /** Compiles everything, applies what is new and checks that it rolls back exactly, revision by revision. */
    private void compileAndApply(JavacProject project, String output, TestDatabase db, int expectedNew)
            throws Exception {
        try (URLClassLoader loader = JavacProject.load(project.compileAll(output))) {
            ViewMigrator migrator = migrator(db, loader);
            int applied = migrator.history().size();
            assertWithMessage("%s: new revisions", output).that(migrator.migrations().size() - applied)
                    .isEqualTo(expectedNew);
            if (applied == 0 && expectedNew > 0) { // so that the history table is in every "before" snapshot
                migrator.upgrade("+1");
                migrator.downgrade("base");
            }
            for (int i = 0; i < expectedNew; i++) {
                CatalogSnapshot before = snapshot(db);
                migrator.upgrade("+1");
                CatalogSnapshot after = snapshot(db);
                migrator.downgrade("-1");
                snapshot(db).assertSameAs(before, output + ": after the downgrade");
                migrator.upgrade("+1");
                snapshot(db).assertSameAs(after, output + ": after upgrading again");
            }
        }
    }

    private static List<String> revisionFiles(JavacProject project) throws IOException {
        try (var files = Files.list(project.snapshots())) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (var files = Files.walk(expected)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path other = actual.resolve(expected.relativize(file));
                assertWithMessage("%s differs between two clean builds", expected.relativize(file))
                        .that(Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(other))).isTrue();
            }
        }
    }
}
