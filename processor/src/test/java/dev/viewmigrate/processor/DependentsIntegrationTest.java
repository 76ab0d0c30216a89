package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.viewmigrate.processor.Databases.columns;
import static dev.viewmigrate.processor.Databases.execute;
import static dev.viewmigrate.processor.Databases.migrator;
import static dev.viewmigrate.processor.Databases.relation;
import static dev.viewmigrate.processor.Databases.snapshot;
import static dev.viewmigrate.processor.JavacProject.viewClass;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    /** View a and view b reading it. */
    private static final Map<String, String> AB = orderedViews("A", "SELECT id, name, email FROM users",
            "B", "SELECT id, name FROM a");

    @TempDir
    Path root;

    private static Map<String, String> orderedViews(String... nameAndSql) {
        Map<String, String> views = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSql.length; i += 2) {
            views.put(nameAndSql[i], nameAndSql[i + 1]);
        }
        return views;
    }

    /** Applies revision {@code before}, then head, down one and up again; returns the snapshots before and after. */
    static CatalogSnapshot[] roundTrip(TestDatabase db, ViewMigrator migrator, String before) throws SQLException {
        migrator.upgrade(before);
        CatalogSnapshot old = snapshot(db);
        migrator.upgrade();
        CatalogSnapshot changed = snapshot(db);
        migrator.downgrade("-1");
        old.assertSameAs(snapshot(db), "after upgrading from revision " + before + " and one downgrade");
        migrator.upgrade();
        changed.assertSameAs(snapshot(db), "after upgrading again");
        return new CatalogSnapshot[] {old, changed};
    }

    /**
     * Compiles the views (simple name, SQL) as version 1 of the project, then again with {@code changed} reading
     * {@code newSql}; returns the output of version 2, whose catalog holds both revisions.
     */
    private Path compileChange(Map<String, String> views, String changed, String newSql) {
        JavacProject project = new JavacProject(root);
        views.forEach((name, sql) -> project.write(name, viewClass(name, "", sql)));
        project.compileAll("v1");
        project.write(changed, viewClass(changed, "", newSql));
        return project.compileAll("v2");
    }

    @Test
    void chain_droppingAColumnOfTheBaseThatItsReaderDoesNotUse_keepsTheChainAndItsGrants(TestDatabase db)
            throws Exception {
        execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text, email text)",
                "INSERT INTO users VALUES (1, 'ann', 'ann@example.com')");
        Map<String, String> views = new LinkedHashMap<>(AB);
        views.put("C", "SELECT count(*) AS n FROM b");
        Path v2 = compileChange(views, "A", "SELECT id, name FROM users");

        try (URLClassLoader loader = JavacProject.load(v2)) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.upgrade("1");
            execute(db, "COMMENT ON VIEW b IS 'read by the dashboard'", "COMMENT ON COLUMN c.n IS 'users'");

            CatalogSnapshot[] snapshots = roundTrip(db, migrator, "1");

            assertThat(columns(snapshots[1], "public.a")).containsExactly("id integer", "name text").inOrder();
            // b and c were dropped and recreated unchanged, with their comments.
            assertThat(snapshots[1].entriesOf("public.b")).isEqualTo(snapshots[0].entriesOf("public.b"));
            assertThat(snapshots[1].entriesOf("public.c")).isEqualTo(snapshots[0].entriesOf("public.c"));
            assertThat(relation(snapshots[1], "public.b")).contains("comment=read by the dashboard");
            // Only a changed: the dependents that were merely recreated are not listed.
            Migration revision2 = migrator.migrations().get(1);
            assertThat(revision2.viewsAfter().stream().map(v -> v.name().toString()).toList()).containsExactly("a");
            assertThat(revision2.viewsRemoved()).isEmpty();
        }
    }

    @Test
    void chain_offlineScripts_matchTheOnlineRun(TestDatabase db) throws Exception {
        execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text, email text)");
        Path v2 = compileChange(AB, "A", "SELECT id, name FROM users");

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
            online.assertSameAs(snapshot(db), "after the offline upgrade script");
            execute(db, migrator.downgradeSql(null, "1"));
            old.assertSameAs(snapshot(db), "after the offline downgrade script");
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
            assertThat(columns(snapshots[1], "public.base")).containsExactly("y integer", "x integer", "id integer")
                    .inOrder();
            assertThat(snapshots[1].entriesOf("public.top")).isEqualTo(snapshots[0].entriesOf("public.top"));
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
            assertThat(columns(snapshots[1], "public.v10")).containsExactly("id integer", "x integer").inOrder();
            assertThat(columns(snapshots[0], "public.v10")).containsExactly("id integer", "x integer", "spare integer")
                    .inOrder();
            for (int i = 0; i < 50; i++) {
                String view = "public." + name(i).toLowerCase(Locale.ROOT);
                if (i != 10) {
                    assertThat(snapshots[1].entriesOf(view)).isEqualTo(snapshots[0].entriesOf(view));
                }
            }
            assertThat(migrator.migrations().get(1).viewsAfter().stream().map(v -> v.name().toString()).toList())
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
        Path v2 = compileChange(AB, "A", "SELECT id, email FROM users");

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
            before.assertSameAs(snapshot(db), "after the refused upgrade");
            assertThat(migrator.current().orElseThrow().revision()).isEqualTo("1");
        }
    }

    @Test
    void grantsAndCommentsOfAViewAndItsReader_surviveARetypedColumnAndItsRollback(TestDatabase db) throws Exception {
        String role = "vm_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text, email text)", "CREATE ROLE " + role);
        try {
            // Same names in the same order: only PostgreSQL can tell that id's type changed, so the guarded replace
            // falls back at run time, dropping b first and recreating it after.
            Path v2 = compileChange(AB, "A", "SELECT id::text AS id, name, email FROM users");

            try (URLClassLoader loader = JavacProject.load(v2)) {
                ViewMigrator migrator = migrator(db, loader);
                migrator.upgrade("1");
                execute(db, "GRANT SELECT ON a TO " + role, "GRANT SELECT (name) ON b TO " + role,
                        "GRANT SELECT, INSERT ON b TO " + role + " WITH GRANT OPTION",
                        "COMMENT ON VIEW a IS 'users, the public part'", "COMMENT ON COLUMN a.email IS 'private'",
                        "COMMENT ON VIEW b IS 'names'");

                CatalogSnapshot[] snapshots = roundTrip(db, migrator, "1");

                assertThat(columns(snapshots[1], "public.a"))
                        .containsExactly("id text", "name text", "email text comment=private").inOrder();
                assertThat(relation(snapshots[1], "public.a")).contains(role + "=r/");
                assertThat(relation(snapshots[1], "public.a")).contains("comment=users, the public part");
                // b was recreated inside the fallback: same grants (table and column) and comment; id follows a's type.
                assertThat(snapshots[1].entriesOf("public.b").stream().filter(e -> !e.member().equals("id")).toList())
                        .isEqualTo(snapshots[0].entriesOf("public.b").stream()
                                .filter(e -> !e.member().equals("id")).toList());
                assertThat(columns(snapshots[1], "public.b").get(0)).isEqualTo("id text");
                assertThat(columns(snapshots[0], "public.b").get(0)).isEqualTo("id integer");
                assertThat(relation(snapshots[1], "public.b")).contains(role + "=a*r*/");
                assertThat(columns(snapshots[1], "public.b").get(1)).contains("acl={" + role + "=r/");
            }
        } finally {
            execute(db, "DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }
}
