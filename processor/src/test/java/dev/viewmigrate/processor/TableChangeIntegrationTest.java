package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.viewmigrate.processor.Databases.migrator;
import static dev.viewmigrate.processor.Databases.snapshot;
import static dev.viewmigrate.processor.Databases.value;

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
 * Tables changing under managed views, compiled with javac and the processor and applied on PostgreSQL: a
 * hand-written retype alone (the runtime drops and recreates only the views reading the column), then a column
 * rename, a dropped column, a renamed table and a dropped table, each written in the same compile as the views edited
 * to read the table as it becomes (or removed): one revision each, which upgrades, downgrades and upgrades again with
 * the catalog compared at each step.
 */
@ExtendWith(PostgresExtension.class)
class TableChangeIntegrationTest {
    private static final String SETUP = Compilations.handWrittenMigration("Setup", "tables",
            "CREATE TABLE users (id int PRIMARY KEY, username varchar(50) NOT NULL, active boolean);"
                    + " INSERT INTO users VALUES (1, 'ada', true), (2, 'bob', false);"
                    + " CREATE TABLE tags (id int PRIMARY KEY, label text); INSERT INTO tags VALUES (1, 'sql')",
            "DROP TABLE tags; DROP TABLE users");
    private static final String SEARCH_ATTRIBUTES = "name = \"user_search\", materialized = true, indexes = {"
            + "@View.Index(columns = \"id\", unique = true),"
            + " @View.Index(columns = \"document\", using = \"gin\")}";

    @TempDir
    Path root;

    @Test
    void tableChangesAndTheViewsThatReadThem_roundTrip(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", SETUP);
        project.write("UserNames", JavacProject.viewClass("UserNames", "name = \"user_names\"",
                "SELECT id, username FROM users WHERE active"));
        project.write("Shouted", JavacProject.viewClass("Shouted", "name = \"shouted\"",
                "SELECT id, upper(username) AS shout FROM user_names"));
        project.write("Search", JavacProject.viewClass("Search", SEARCH_ATTRIBUTES,
                "SELECT id, username, to_tsvector('simple', username) AS document FROM users"));
        project.write("UserIds", JavacProject.viewClass("UserIds", "name = \"user_ids\"", "SELECT id FROM users"));
        project.write("TagNames", JavacProject.viewClass("TagNames", "name = \"tag_names\"",
                "SELECT label FROM tags"));
        compileAndApply(project, "v1", db, 2);

        // A retype alone: a hand-written revision; the runtime recreates only the readers of username.
        project.write("Widen", Compilations.handWrittenMigration("Widen", "widen usernames",
                "ALTER TABLE users ALTER COLUMN username TYPE varchar(200)",
                "ALTER TABLE users ALTER COLUMN username TYPE varchar(50)"));
        String ids = value(db, "SELECT 'user_ids'::regclass::oid");
        compileAndApply(project, "v2", db, 1);
        assertWithMessage("user_ids reads no changed column").that(value(db, "SELECT 'user_ids'::regclass::oid"))
                .isEqualTo(ids);

        // A rename and the views edited to read the new name, in one compile: one revision.
        project.write("Rename", Compilations.handWrittenMigration("Rename", "rename username to handle",
                "ALTER TABLE users RENAME COLUMN username TO handle",
                "ALTER TABLE users RENAME COLUMN handle TO username"));
        project.write("UserNames", JavacProject.viewClass("UserNames", "name = \"user_names\"",
                "SELECT id, handle AS username FROM users WHERE active"));
        project.write("Search", JavacProject.viewClass("Search", SEARCH_ATTRIBUTES,
                "SELECT id, handle, to_tsvector('simple', handle) AS document FROM users"));
        compileAndApply(project, "v3", db, 1);
        Path file;
        try (var files = Files.list(project.snapshots())) {
            file = files.filter(f -> f.getFileName().toString().startsWith("0004_")).findFirst().orElseThrow();
        }
        assertThat(file.getFileName().toString()).startsWith("0004_rename_username_to_handle_change_view");
        String combined = Files.readString(file);
        assertThat(combined).contains("handWritten:\n  - class: com.example.Rename\n");
        assertThat(combined).contains("views:");

        // A dropped column with the view that read it edited, in one compile.
        project.write("DropActive", Compilations.handWrittenMigration("DropActive", "drop users.active",
                "ALTER TABLE users DROP COLUMN active",
                "ALTER TABLE users ADD COLUMN active boolean"));
        project.write("UserNames", JavacProject.viewClass("UserNames", "name = \"user_names\"",
                "SELECT id, handle AS username FROM users"));
        compileAndApply(project, "v4", db, 1);

        // A table renamed, and the view reading it edited; then the table dropped with the view removed.
        project.write("RenameTags", Compilations.handWrittenMigration("RenameTags", "rename tags to labels",
                "ALTER TABLE tags RENAME TO labels", "ALTER TABLE labels RENAME TO tags"));
        project.write("TagNames", JavacProject.viewClass("TagNames", "name = \"tag_names\"",
                "SELECT label FROM labels"));
        compileAndApply(project, "v5", db, 1);
        project.write("DropLabels", Compilations.handWrittenMigration("DropLabels", "drop labels",
                "DROP TABLE labels", "CREATE TABLE labels (id int CONSTRAINT tags_pkey PRIMARY KEY, label text);"
                        + " INSERT INTO labels VALUES (1, 'sql')"));
        project.delete("TagNames");
        compileAndApply(project, "v6", db, 1);

        try (URLClassLoader loader = JavacProject.load(project.compileAll("v7"))) {
            ViewMigrator migrator = migrator(db, loader);
            assertWithMessage("%s", migrator.verify()).that(migrator.verify().clean()).isTrue();
        }
    }

    /** Compiles everything, applies what is new and checks that it rolls back exactly and applies again. */
    private static void compileAndApply(JavacProject project, String output, TestDatabase db, int expectedNew)
            throws Exception {
        try (URLClassLoader loader = JavacProject.load(project.compileAll(output))) {
            ViewMigrator migrator = migrator(db, loader);
            int applied = migrator.history().size();
            assertWithMessage("%s: new revisions", output).that(migrator.migrations().size() - applied)
                    .isEqualTo(expectedNew);
            for (int i = 0; i < expectedNew; i++) {
                CatalogSnapshot before = snapshot(db);
                migrator.upgrade("+1");
                CatalogSnapshot after = snapshot(db);
                if (applied + i > 0) {
                    migrator.downgrade("-1");
                    snapshot(db).assertSameAs(before, output + ": after the downgrade");
                    migrator.upgrade("+1");
                    snapshot(db).assertSameAs(after, output + ": after upgrading again");
                }
            }
        }
    }
}
