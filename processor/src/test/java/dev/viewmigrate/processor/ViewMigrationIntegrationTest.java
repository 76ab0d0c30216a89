package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.viewmigrate.processor.Databases.execute;
import static dev.viewmigrate.processor.Databases.migrator;
import static dev.viewmigrate.processor.Databases.relation;
import static dev.viewmigrate.processor.Databases.snapshot;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a small project with the processor on the annotation processor path, as Maven would, and runs the
 * generated migrations on PostgreSQL with the runtime.
 */
@ExtendWith(PostgresExtension.class)
class ViewMigrationIntegrationTest {
    private static final String CREATE_USERS = Compilations.handWrittenMigration("CreateUsers", "create table users",
            "CREATE TABLE users (id int PRIMARY KEY, name text, email text, active boolean)", "DROP TABLE users");

    private static final String USER_COUNT = """
            package com.example;

            import dev.viewmigrate.annotations.View;

            @View(sql = "SELECT count(*) AS users FROM users")
            public class UserCount {
            }
            """;

    @TempDir
    Path root;

    private static String activeUser(String sql) {
        return """
                package com.example;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Table;

                @Entity
                @Table(name = "active_users")
                @View(sql = \"""
                        %s
                        \""")
                public class ActiveUser {
                    @Id
                    Integer id;
                }
                """.formatted(sql.replace("\n", "\n        "));
    }

    private static List<String> columns(TestDatabase db, String view) throws SQLException {
        return Databases.columns(snapshot(db), "public." + view);
    }

    @Test
    void addColumn_downgradeRemovesIt_upgradeAddsItBack(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("CreateUsers", CREATE_USERS);
        project.write("ActiveUser", activeUser("SELECT id, name FROM users WHERE active"));
        try (URLClassLoader loader = JavacProject.load(project.compileAll("v1"))) {
            migrator(db, loader).upgrade();
        }
        assertThat(columns(db, "active_users")).containsExactly("id integer", "name text").inOrder();
        execute(db, "COMMENT ON VIEW active_users IS 'kept by CREATE OR REPLACE'");

        project.write("ActiveUser", activeUser("SELECT id, name, email FROM users WHERE active"));
        try (URLClassLoader loader = JavacProject.load(project.compileAll("v2"))) {
            ViewMigrator migrator = migrator(db, loader);
            assertThat(migrator.migrations()).hasSize(3);
            migrator.upgrade();
            assertThat(columns(db, "active_users")).containsExactly("id integer", "name text", "email text")
                    .inOrder();
            // Appending a column went through CREATE OR REPLACE: the comment survived.
            assertThat(relation(snapshot(db), "public.active_users")).contains("comment=kept by CREATE OR REPLACE");

            migrator.downgrade("-1"); // removes a column: CREATE OR REPLACE would say "cannot drop columns from view"
            assertThat(columns(db, "active_users")).containsExactly("id integer", "name text").inOrder();
            assertThat(migrator.current().orElseThrow().revision()).isEqualTo("2");

            migrator.upgrade("head");
            assertThat(columns(db, "active_users")).containsExactly("id integer", "name text", "email text")
                    .inOrder();
        }
        assertThat(Compilations.snapshotFiles(project.snapshots()).keySet()).containsExactly(
                "0001_create_table_users.yaml", "0002_create_view_active_users.yaml",
                "0003_change_view_active_users.yaml");
    }

    @Test
    void reorderedRenamedAndRetypedColumns_roundTrip(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("CreateUsers", CREATE_USERS);
        project.write("ActiveUser", activeUser("SELECT id, name FROM users"));
        project.compileAll("v1");
        project.write("ActiveUser", activeUser("SELECT name AS user_name, id FROM users")); // renamed + reordered
        project.compileAll("v2");
        // Same names in the same order, one retyped: only PostgreSQL can tell; the guarded replace falls back.
        project.write("ActiveUser", activeUser("SELECT name AS user_name, id::text AS id FROM users"));
        Path last = project.compileAll("v3");

        try (URLClassLoader loader = JavacProject.load(last)) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.upgrade("3");
            assertThat(columns(db, "active_users")).containsExactly("user_name text", "id integer").inOrder();
            migrator.upgrade();
            assertThat(columns(db, "active_users")).containsExactly("user_name text", "id text").inOrder();

            migrator.downgrade("-1");
            assertThat(columns(db, "active_users")).containsExactly("user_name text", "id integer").inOrder();
            migrator.downgrade("-1");
            assertThat(columns(db, "active_users")).containsExactly("id integer", "name text").inOrder();
            migrator.upgrade();
            assertThat(columns(db, "active_users")).containsExactly("user_name text", "id text").inOrder();
            migrator.downgrade("base");
            assertThat(columns(db, "active_users")).isEmpty();
        }
    }

    @Test
    void partialCompilation_ofOneFileWithTheFirstOutputOnTheClassPath_freezesNothing(TestDatabase db)
            throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("CreateUsers", CREATE_USERS);
        project.write("ActiveUser", activeUser("SELECT id, name FROM users"));
        project.write("UserCount", USER_COUNT);
        Path full = project.compileAll("full");
        var frozen = Compilations.snapshotFiles(project.snapshots());

        Path partial = project.compile("partial", List.of(project.source("UserCount")), List.of(full));

        assertThat(Compilations.snapshotFiles(project.snapshots())).isEqualTo(frozen);
        // The regenerated catalog of the partial build still runs the whole chain.
        try (URLClassLoader loader = new URLClassLoader(
                new java.net.URL[] {partial.toUri().toURL(), full.toUri().toURL()},
                JavacProject.class.getClassLoader())) {
            migrator(db, loader).upgrade();
        }
        assertThat(columns(db, "active_users")).containsExactly("id integer", "name text").inOrder();
        assertThat(columns(db, "user_count")).containsExactly("users bigint");
    }

    @Test
    void viewMovedToAnotherClass_thenPartialCompilation_freezesNothing() throws IOException {
        JavacProject project = new JavacProject(root);
        project.write("CreateUsers", CREATE_USERS);
        project.write("ActiveUser", activeUser("SELECT id, name FROM users"));
        project.write("UserCount", USER_COUNT);
        project.compileAll("first");
        var frozen = Compilations.snapshotFiles(project.snapshots());
        // The snapshot keeps naming ActiveUser as the declaring class: moving the view is no change.
        project.delete("ActiveUser");
        project.write("CurrentUser", activeUser("SELECT id, name FROM users").replace("ActiveUser", "CurrentUser"));
        Path moved = project.compileAll("moved");
        assertThat(Compilations.snapshotFiles(project.snapshots())).isEqualTo(frozen);

        // An IDE recompiles one unrelated file: the moved view is found through the previous build's catalog.
        project.compile("partial", List.of(project.source("UserCount")), List.of(moved));

        assertThat(Compilations.snapshotFiles(project.snapshots())).isEqualTo(frozen);
    }

    @Test
    void deletedViewClass_freezesItsRemoval() throws IOException {
        JavacProject project = new JavacProject(root);
        project.write("CreateUsers", CREATE_USERS);
        project.write("ActiveUser", activeUser("SELECT id, name FROM users"));
        project.compileAll("full");

        project.delete("ActiveUser");
        project.compileAll("after-delete");

        assertThat(Compilations.snapshotFiles(project.snapshots()).get("0003_drop_view_active_users.yaml"))
                .contains("removed:\n  - name: active_users\n");
    }
}
