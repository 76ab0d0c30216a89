package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.CatalogSnapshot.Entry;
import dev.viewmigrate.testdb.CatalogSnapshot.Kind;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runtime's view steps on a real PostgreSQL, as generated migrations use them: declared options and comments
 * created and kept, options and comments set by hand kept across a replace and a recreation (and their rollback),
 * index methods, partial and covering indexes, verify comparing options and comments, the offline script equal to
 * the online run.
 */
@ExtendWith(PostgresExtension.class)
class ViewStepsDatabaseTest {
    private static final String HISTORY = "public." + ViewMigrator.DEFAULT_HISTORY_TABLE;

    static final SqlMigration TABLES = new SqlMigration("1", "create table users",
            List.of("CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, active boolean NOT NULL)"),
            List.of("DROP TABLE users"));

    static final FrozenView ACTIVE_2 = FrozenView.view(ViewName.of("active_users"), """
            SELECT id, name
            FROM users
            WHERE active -- only those who may log in""")
            .withOptions("security_invoker=true")
            .withComment("users who may log in");
    static final FrozenView SEARCH_2 = FrozenView.materializedView(ViewName.of("user_search"), """
            SELECT id, name, to_tsvector('simple', name) AS document
            FROM users""")
            .withOptions("fillfactor=70")
            .withIndexes(FrozenIndex.uniqueOn("user_search_id_key", "id").include("name"),
                    FrozenIndex.on("user_search_document_idx", "document").using("gin"),
                    FrozenIndex.on("user_search_low_ids_idx", "name DESC").where("id < 100"));
    static final FrozenView ACTIVE_3 = FrozenView.view(ViewName.of("active_users"), """
            SELECT id, name, upper(name) AS shout
            FROM users
            WHERE active -- only those who may log in""")
            .withOptions("security_invoker=true")
            .withComment("users who may log in");
    static final FrozenView SEARCH_3 = FrozenView.materializedView(ViewName.of("user_search"), """
            SELECT id, name, to_tsvector('english', name) AS document
            FROM users""")
            .withOptions("fillfactor=70")
            .withIndexes(FrozenIndex.uniqueOn("user_search_id_key", "id").include("name"),
                    FrozenIndex.on("user_search_document_idx", "document").using("gin"),
                    FrozenIndex.on("user_search_low_ids_idx", "name DESC").where("id < 100"));
    /** Revision 4 changes options, the comment and one index only. */
    static final FrozenView ACTIVE_4 = ACTIVE_3.withOptions("security_invoker=false", "security_barrier=true")
            .withComment("active users");
    static final FrozenView SEARCH_4 = SEARCH_3.withOptions("fillfactor=80").withIndexes(
            FrozenIndex.uniqueOn("user_search_id_key", "id").include("name"),
            FrozenIndex.on("user_search_document_idx", "document").using("gin"),
            FrozenIndex.on("user_search_name_idx", "lower(name)"));

    static final Migration CREATE = new StepMigration("2", "create views",
            (steps, c) -> steps.create(ACTIVE_2, SEARCH_2),
            (steps, c) -> {
                steps.checkDependents(SEARCH_2, ACTIVE_2);
                steps.drop(SEARCH_2, ACTIVE_2);
            }, ACTIVE_2, SEARCH_2);
    static final Migration CHANGE = new StepMigration("3", "change views",
            (steps, c) -> {
                steps.checkDependents(SEARCH_2);
                steps.savePrivileges(SEARCH_2);
                steps.drop(SEARCH_2);
                steps.replace(ACTIVE_2, ACTIVE_3);
                steps.create(SEARCH_3);
                steps.restorePrivileges(SEARCH_3);
            },
            (steps, c) -> {
                steps.checkDependents(ACTIVE_3, SEARCH_3);
                steps.savePrivileges(ACTIVE_3, SEARCH_3);
                steps.drop(ACTIVE_3, SEARCH_3);
                steps.create(ACTIVE_2, SEARCH_2);
                steps.restorePrivileges(ACTIVE_2, SEARCH_2);
            }, ACTIVE_3, SEARCH_3);
    static final Migration ALTER = new StepMigration("4", "options, comment and an index",
            (steps, c) -> {
                steps.dropIndexes(SEARCH_3, "user_search_low_ids_idx");
                steps.alter(ACTIVE_3, ACTIVE_4);
                steps.alter(SEARCH_3, SEARCH_4);
                steps.createIndexes(SEARCH_4, "user_search_name_idx");
            },
            (steps, c) -> {
                steps.dropIndexes(SEARCH_4, "user_search_name_idx");
                steps.alter(ACTIVE_4, ACTIVE_3);
                steps.alter(SEARCH_4, SEARCH_3);
                steps.createIndexes(SEARCH_3, "user_search_low_ids_idx");
            }, ACTIVE_4, SEARCH_4);

    static final MigrationCatalog CHAIN = () -> List.of(TABLES, CREATE, CHANGE, ALTER);

    private static ViewMigrator migrator(TestDatabase db) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(CHAIN).build();
    }

    private static void sql(TestDatabase db, String... statements) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long oid(TestDatabase db, String relation) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT '" + relation + "'::regclass::oid")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String detail(CatalogSnapshot snapshot, Kind kind, String name, String member) {
        return snapshot.find(kind, name, member).map(Entry::detail).orElse("(absent)");
    }

    @Test
    void declaredOptionsCommentsAndIndexMethods_areCreatedAndVerified(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        migrator.upgrade("2");

        CatalogSnapshot snapshot = CatalogSnapshot.capture(db);
        String active = detail(snapshot, Kind.RELATION, "public.active_users", "");
        assertTrue(active.contains("options=security_invoker=true") && active.contains("comment=users who may log in"),
                active);
        assertTrue(detail(snapshot, Kind.RELATION, "public.user_search", "").contains("options=fillfactor=70"),
                snapshot::toString);
        assertEquals("CREATE INDEX user_search_document_idx ON public.user_search USING gin (document)",
                detail(snapshot, Kind.INDEX, "public.user_search", "user_search_document_idx"));
        assertEquals("CREATE INDEX user_search_low_ids_idx ON public.user_search USING btree (name DESC) "
                + "WHERE (id < 100)", detail(snapshot, Kind.INDEX, "public.user_search", "user_search_low_ids_idx"));
        assertEquals("CREATE UNIQUE INDEX user_search_id_key ON public.user_search USING btree (id) INCLUDE (name)",
                detail(snapshot, Kind.INDEX, "public.user_search", "user_search_id_key"));
        VerifyReport report = migrator.verify();
        assertTrue(report.clean(), report.toString());
    }

    @Test
    void optionsAndCommentsSetByHand_surviveReplaceRecreateAndRollback(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        migrator.upgrade("2");
        sql(db, "ALTER VIEW active_users SET (security_barrier = true)",
                "GRANT SELECT ON active_users TO PUBLIC",
                "COMMENT ON COLUMN active_users.name IS 'display name'",
                "COMMENT ON MATERIALIZED VIEW user_search IS 'set by hand'",
                "ALTER MATERIALIZED VIEW user_search SET (autovacuum_enabled = false)",
                "GRANT SELECT ON user_search TO PUBLIC");
        CatalogSnapshot before = CatalogSnapshot.capture(db).without(HISTORY);
        long activeOid = oid(db, "active_users");

        migrator.upgrade("3");
        CatalogSnapshot after = CatalogSnapshot.capture(db);
        assertEquals(activeOid, oid(db, "active_users"), "a compatible change is a CREATE OR REPLACE");
        String active = detail(after, Kind.RELATION, "public.active_users", "");
        assertTrue(active.contains("security_barrier=true") && active.contains("security_invoker=true")
                && active.contains("=r/") && active.contains("comment=users who may log in"), active);
        String search = detail(after, Kind.RELATION, "public.user_search", "");
        assertTrue(search.contains("fillfactor=70") && search.contains("autovacuum_enabled=false")
                && search.contains("comment=set by hand") && search.contains("=r/"), search);
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());

        migrator.downgrade("2");
        before.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade of revision 3");
    }

    @Test
    void alterAndIndexOnlyChanges_leaveTheViewsInPlace(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        migrator.upgrade("3");
        CatalogSnapshot before = CatalogSnapshot.capture(db).without(HISTORY);
        long active = oid(db, "active_users");
        long search = oid(db, "user_search");

        migrator.upgrade("4");
        assertEquals(active, oid(db, "active_users"));
        assertEquals(search, oid(db, "user_search"));
        CatalogSnapshot after = CatalogSnapshot.capture(db);
        String view = detail(after, Kind.RELATION, "public.active_users", "");
        assertTrue(view.contains("security_invoker=false") && view.contains("security_barrier=true")
                && view.contains("comment=active users"), view);
        assertEquals("(absent)", detail(after, Kind.INDEX, "public.user_search", "user_search_low_ids_idx"));
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());

        migrator.downgrade("3");
        before.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade of revision 4");
    }

    @Test
    void verify_reportsOptionsAndCommentsChangedByHand(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        migrator.upgrade("2");
        sql(db, "ALTER VIEW active_users RESET (security_invoker)",
                "COMMENT ON VIEW active_users IS 'edited'",
                "ALTER MATERIALIZED VIEW user_search SET (fillfactor = 50)");

        VerifyReport report = migrator.verify();
        List<VerifyReport.Kind> kinds = report.findings().stream().map(VerifyReport.Finding::kind).toList();
        assertEquals(List.of(VerifyReport.Kind.OPTIONS_CHANGED, VerifyReport.Kind.COMMENT_CHANGED,
                VerifyReport.Kind.OPTIONS_CHANGED), kinds, report.toString());
        String message = report.findings().get(0).message();
        assertTrue(message.contains("security_invoker is not set (declared true)")
                && message.contains("ALTER VIEW public.active_users SET (security_invoker=true)"), message);
        assertTrue(report.findings().get(2).message().contains("fillfactor is 50 (declared 70)"),
                report.findings().get(2).message());
    }

    @Test
    void offlineScript_buildsWhatTheOnlineRunBuilds(TestDatabase online) throws Exception {
        try (TestDatabase offline = TestDatabase.create()) {
            offlineEqualsOnline(online, offline);
        }
    }

    private static void offlineEqualsOnline(TestDatabase online, TestDatabase offline) throws Exception {
        migrator(online).upgrade("head");
        String script = migrator(offline).upgradeSql(null, "head");
        assertEquals(1, script.split("CREATE OR REPLACE FUNCTION pg_temp.viewmigrate_restore", -1).length - 1,
                "helpers are defined once, at the top");
        ScriptRunner.Outcome outcome = ScriptRunner.run(offline, script);
        assertTrue(outcome.succeeded(), outcome.output());
        CatalogSnapshot.capture(online).without(HISTORY)
                .assertSameAs(CatalogSnapshot.capture(offline).without(HISTORY), "offline upgrade head");

        String down = migrator(offline).downgradeSql(null, "1");
        ScriptRunner.Outcome back = ScriptRunner.run(offline, down);
        assertTrue(back.succeeded(), back.output());
        migrator(online).downgrade("1");
        CatalogSnapshot.capture(online).without(HISTORY)
                .assertSameAs(CatalogSnapshot.capture(offline).without(HISTORY), "offline downgrade to 1");
    }

    @Test
    void unmanagedDependent_isRefusedNamingItAndTheDirection(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        migrator.upgrade("3");
        sql(db, "CREATE VIEW hand_made AS SELECT id FROM user_search");
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.downgrade("2"));
        assertTrue(e.getMessage().contains("view public.hand_made depends on materialized view user_search")
                && e.getMessage().contains("recreate it after the downgrade"), e.getMessage());
        before.assertSameAs(CatalogSnapshot.capture(db), "refused downgrade");
    }
}
