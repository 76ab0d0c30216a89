package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views that read other views, through the real pipeline: javac with the processor, then the generated migrations
 * on PostgreSQL. Every scenario goes upgrade → downgrade → upgrade and compares catalog snapshots.
 */
@ExtendWith(PostgresExtension.class)
class DependentsIntegrationTest {
    @TempDir
    Path root;

    /** A {@code @View} class {@code com.example.<simpleName>} with the given attributes and SQL. */
    static String viewClass(String simpleName, String attributes, String sql) {
        return """
                package com.example;

                import dev.viewmigrate.annotations.View;

                @View(%s%ssql = \"""
                        %s
                        \""")
                public class %s {
                }
                """.formatted(attributes, attributes.isEmpty() ? "" : ", ", sql.replace("\n", "\n        "),
                simpleName);
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static CatalogSnapshot snapshot(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return CatalogSnapshot.of(connection);
        }
    }

    static ViewMigrator migrator(TestDatabase db, URLClassLoader loader) {
        return ViewMigrator.builder().dataSource(db.dataSource()).classLoader(loader).build();
    }

    /** Applies revision {@code before}, then head, down one and up again; returns the snapshots before and after. */
    static CatalogSnapshot[] roundTrip(TestDatabase db, ViewMigrator migrator, String before) throws SQLException {
        migrator.upgrade(before);
        CatalogSnapshot old = snapshot(db);
        migrator.upgrade();
        CatalogSnapshot changed = snapshot(db);
        migrator.downgrade("-1");
        assertThat(snapshot(db)).isEqualTo(old);
        migrator.upgrade();
        assertThat(snapshot(db)).isEqualTo(changed);
        return new CatalogSnapshot[] {old, changed};
    }

    @Test
    void chain_droppingAColumnOfTheBaseThatItsReaderDoesNotUse_keepsTheChainAndItsGrants(TestDatabase db)
            throws Exception {
        execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text, email text)",
                "INSERT INTO users VALUES (1, 'ann', 'ann@example.com')");
        JavacProject project = new JavacProject(root);
        project.write("A", viewClass("A", "", "SELECT id, name, email FROM users"));
        project.write("B", viewClass("B", "", "SELECT id, name FROM a"));
        project.write("C", viewClass("C", "", "SELECT count(*) AS n FROM b"));
        project.compileAll("v1");
        project.write("A", viewClass("A", "", "SELECT id, name FROM users"));
        Path v2 = project.compileAll("v2");

        try (URLClassLoader loader = JavacProject.load(v2)) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.upgrade("1");
            execute(db, "COMMENT ON VIEW b IS 'read by the dashboard'", "COMMENT ON COLUMN c.n IS 'users'");

            CatalogSnapshot[] snapshots = roundTrip(db, migrator, "1");

            assertThat(snapshots[1].relations().get("public.a")).contains("columns: id integer, name text\n");
            // b and c were dropped and recreated unchanged, with their comments.
            assertThat(snapshots[1].relations().get("public.b")).isEqualTo(snapshots[0].relations().get("public.b"));
            assertThat(snapshots[1].relations().get("public.c")).isEqualTo(snapshots[0].relations().get("public.c"));
            assertThat(snapshots[1].relations().get("public.b")).contains("comment: read by the dashboard");
            // Only a changed: the dependents that were merely recreated are not listed.
            Migration revision2 = migrator.migrations().get(1);
            assertThat(revision2.viewsAfter().stream().map(v -> v.qualifiedName()).toList()).containsExactly("a");
            assertThat(revision2.viewsRemoved()).isEmpty();
        }
    }

    @Test
    void chain_offlineScripts_matchTheOnlineRun(TestDatabase db) throws Exception {
        execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text, email text)");
        JavacProject project = new JavacProject(root);
        project.write("A", viewClass("A", "", "SELECT id, name, email FROM users"));
        project.write("B", viewClass("B", "", "SELECT id, name FROM a"));
        project.compileAll("v1");
        project.write("A", viewClass("A", "", "SELECT id, name FROM users"));
        Path v2 = project.compileAll("v2");

        try (URLClassLoader loader = JavacProject.load(v2)) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.upgrade("1");
            execute(db, "COMMENT ON VIEW b IS 'kept offline too'");
            CatalogSnapshot old = snapshot(db);
            migrator.upgrade();
            CatalogSnapshot online = snapshot(db);
            migrator.downgrade("-1");

            // The save table lives from one statement of the script to the next, inside the revision's transaction.
            execute(db, migrator.upgradeSql("1", "head"));
            assertThat(snapshot(db)).isEqualTo(online);
            execute(db, migrator.downgradeSql(null, "1"));
            assertThat(snapshot(db)).isEqualTo(old);
            assertThat(migrator.current().orElseThrow().revision()).isEqualTo("1");
        }
    }

    @Test
    void diamond_incompatibleChangeOfTheBase_recreatesBothSidesAndTheTop(TestDatabase db) throws Exception {
        execute(db, "CREATE TABLE items (id int, x int, y int)");
        JavacProject project = new JavacProject(root);
        project.write("Base", viewClass("Base", "", "SELECT id, x, y FROM items"));
        project.write("LeftSide", viewClass("LeftSide", "", "SELECT id, x FROM base"));
        project.write("RightSide", viewClass("RightSide", "", "SELECT b.id, b.y FROM public.base b"));
        project.write("Top", viewClass("Top", "", """
                SELECT l.id, l.x, r.y
                FROM left_side l
                JOIN (SELECT id, y FROM right_side) r ON r.id = l.id"""));
        project.compileAll("v1");
        project.write("Base", viewClass("Base", "", "SELECT y, x, id FROM items")); // reordered
        Path v2 = project.compileAll("v2");

        try (URLClassLoader loader = JavacProject.load(v2)) {
            CatalogSnapshot[] snapshots = roundTrip(db, migrator(db, loader), "1");
            assertThat(snapshots[1].relations().get("public.base")).contains("columns: y integer, x integer, id integer");
            assertThat(snapshots[1].relations().get("public.top")).isEqualTo(snapshots[0].relations().get("public.top"));
        }
    }

    @Test
    void fiftyViewChain_droppedColumnDeepInside_recreatesTheRestOfTheChainUnchanged(TestDatabase db) throws Exception {
        execute(db, "CREATE TABLE numbers (id int, x int)");
        JavacProject project = new JavacProject(root);
        for (int i = 0; i < 50; i++) {
            String source = i == 0 ? "numbers" : name(i - 1).toLowerCase(Locale.ROOT);
            project.write(name(i), viewClass(name(i), "", i == 10 ? "SELECT id, x, 0 AS spare FROM " + source
                    : "SELECT id, x FROM " + source));
        }
        project.compileAll("v1");
        project.write(name(10), viewClass(name(10), "", "SELECT id, x FROM v09")); // nobody reads spare
        Path v2 = project.compileAll("v2");

        try (URLClassLoader loader = JavacProject.load(v2)) {
            ViewMigrator migrator = migrator(db, loader);
            CatalogSnapshot[] snapshots = roundTrip(db, migrator, "1");
            assertThat(snapshots[1].relations().get("public.v10")).contains("columns: id integer, x integer\n");
            assertThat(snapshots[0].relations().get("public.v10"))
                    .contains("columns: id integer, x integer, spare integer\n");
            for (int i = 0; i < 50; i++) {
                String view = "public." + name(i).toLowerCase(Locale.ROOT);
                if (i != 10) {
                    assertThat(snapshots[1].relations().get(view)).isEqualTo(snapshots[0].relations().get(view));
                }
            }
            assertThat(migrator.migrations().get(1).viewsAfter().stream().map(v -> v.qualifiedName()).toList())
                    .containsExactly("v10");
        }
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "V%02d", i);
    }

    @Test
    void handMadeViewAndFunctionOnTopOfManagedViews_incompatibleChangeIsRefusedNamingThem(TestDatabase db)
            throws Exception {
        execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text, email text)");
        JavacProject project = new JavacProject(root);
        project.write("A", viewClass("A", "", "SELECT id, name, email FROM users"));
        project.write("B", viewClass("B", "", "SELECT id, name FROM a"));
        project.compileAll("v1");
        project.write("A", viewClass("A", "", "SELECT id, email FROM users"));
        Path v2 = project.compileAll("v2");

        try (URLClassLoader loader = JavacProject.load(v2)) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.upgrade("1");
            execute(db, "CREATE SCHEMA \"Hand Made\"",
                    "CREATE VIEW \"Hand Made\".\"Names\" AS SELECT name FROM b",
                    "CREATE FUNCTION count_a() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM a; END");
            CatalogSnapshot before = snapshot(db);

            ViewMigrateException error = assertThrows(ViewMigrateException.class, migrator::upgrade);

            assertThat(error).hasMessageThat().contains("objects it does not manage depend on; nothing was changed");
            assertThat(error).hasMessageThat().contains("view \"Hand Made\".\"Names\" depends on view b");
            assertThat(error).hasMessageThat().contains("function count_a() depends on view a");
            assertThat(error).hasMessageThat().contains("Hint: Drop each object listed first");
            assertThat(error).hasMessageThat().contains("SQLState 2BP01");
            assertThat(snapshot(db)).isEqualTo(before);
            assertThat(migrator.current().orElseThrow().revision()).isEqualTo("1");
        }
    }

    @Test
    void grantsAndCommentsOfAViewAndItsReader_surviveARetypedColumnAndItsRollback(TestDatabase db) throws Exception {
        String role = "vm_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text, email text)", "CREATE ROLE " + role);
        try {
            JavacProject project = new JavacProject(root);
            project.write("A", viewClass("A", "", "SELECT id, name, email FROM users"));
            project.write("B", viewClass("B", "", "SELECT id, name FROM a"));
            project.compileAll("v1");
            // Same names in the same order: only PostgreSQL can tell that id's type changed, so the guarded replace
            // falls back at run time, dropping b first and recreating it after.
            project.write("A", viewClass("A", "", "SELECT id::text AS id, name, email FROM users"));
            Path v2 = project.compileAll("v2");

            try (URLClassLoader loader = JavacProject.load(v2)) {
                ViewMigrator migrator = migrator(db, loader);
                migrator.upgrade("1");
                execute(db, "GRANT SELECT ON a TO " + role, "GRANT SELECT (name) ON b TO " + role,
                        "GRANT SELECT, INSERT ON b TO " + role + " WITH GRANT OPTION",
                        "COMMENT ON VIEW a IS 'users, the public part'", "COMMENT ON COLUMN a.email IS 'private'",
                        "COMMENT ON VIEW b IS 'names'");

                CatalogSnapshot[] snapshots = roundTrip(db, migrator, "1");

                assertThat(snapshots[1].relations().get("public.a")).contains("columns: id text, name text");
                assertThat(snapshots[1].relations().get("public.a")).contains(role + "=r/");
                assertThat(snapshots[1].relations().get("public.a")).contains("comment: users, the public part");
                assertThat(snapshots[1].relations().get("public.a")).contains("email text comment=private");
                // b was recreated inside the fallback: same grants (table and column) and comment; id follows a's type.
                assertThat(snapshots[1].relations().get("public.b").replace("columns: id text", "columns: id integer"))
                        .isEqualTo(snapshots[0].relations().get("public.b"));
                assertThat(snapshots[1].relations().get("public.b")).contains(role + "=a*r*/");
            }
        } finally {
            execute(db, "DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }
}
