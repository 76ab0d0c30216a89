package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.TargetResult.Outcome;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.PostgresServer;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many targets on a real PostgreSQL: three tenant schemas of one database and two other databases, migrated by one
 * {@link TargetRunner} with the chain of generated-style revisions (tables, views, a materialized view with indexes,
 * replace, alter) that {@link ViewStepsDatabaseTest} uses, all declared unqualified.
 */
@ExtendWith(PostgresExtension.class)
class ManyTargetsTest {
    private static final List<String> TENANTS = List.of("tenant_a", "tenant_b", "tenant_c");
    private static final String HEAD = "4";

    private static void sql(TestDatabase db, String... statements) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return String.join(",", values);
        }
    }

    private static void createTenants(TestDatabase db) throws Exception {
        for (String tenant : TENANTS) {
            sql(db, "CREATE SCHEMA " + tenant);
        }
    }

    private static TargetRunner.Builder runner(TestDatabase db) {
        return TargetRunner.builder().url(db.url(), db.user(), db.password())
                .migrator(builder -> builder.catalog(ViewStepsDatabaseTest.CHAIN));
    }

    private static List<String> column(TargetsResult<?> result, java.util.function.Function<TargetResult<?>, ?> f) {
        List<String> values = new ArrayList<>();
        result.results().forEach(r -> values.add(String.valueOf(f.apply(r))));
        return values;
    }

    @Test
    void tenantSchemasAndDatabases_roundTripEachInItsOwnPlace(TestDatabase db) throws Exception {
        createTenants(db);
        try (TestDatabase second = PostgresServer.shared().createDatabase();
                TestDatabase third = PostgresServer.shared().createDatabase()) {
            CatalogSnapshot before = CatalogSnapshot.capture(db);
            CatalogSnapshot secondBefore = CatalogSnapshot.capture(second);
            List<Target> targets = new ArrayList<>();
            TENANTS.forEach(tenant -> targets.add(Target.schema(tenant)));
            targets.add(Target.database(second.url()));
            targets.add(Target.database(third.url()));
            List<String> progress = Collections.synchronizedList(new ArrayList<>());
            // CONTINUE: the drift check below must reach every target, however the three threads interleave.
            TargetRunner runner = runner(db).targets(targets).parallel(3).onFailure(TargetRunner.OnFailure.CONTINUE)
                    .progress(result -> progress.add(result.target().displayName())).build();

            TargetsResult<MigrationResult> up = runner.upgrade("head");

            assertTrue(up.succeeded(), up::toString);
            assertEquals(List.of("4", "4", "4", "4", "4"), column(up, TargetResult::revisions));
            assertEquals("upgraded from base to 4", up.results().get(0).message());
            assertEquals(5, progress.size(), progress::toString);
            // Each tenant's views and history in its own schema, nothing in public.
            for (String tenant : TENANTS) {
                assertEquals("active_users,user_search,users,viewmigrate_history", query(db,
                        "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class c JOIN pg_namespace n"
                                + " ON n.oid = c.relnamespace WHERE nspname = '" + tenant + "' AND relkind IN"
                                + " ('r', 'v', 'm')"));
                assertEquals("1,2,3,4", query(db, "SELECT revision FROM " + tenant + ".viewmigrate_history"
                        + " ORDER BY rank"));
                assertEquals("CREATE INDEX user_search_name_idx ON " + tenant
                        + ".user_search USING btree (lower(name))", query(db, "SELECT pg_get_indexdef(('"
                        + tenant + ".user_search_name_idx')::regclass)"));
            }
            assertEquals("", query(db, "SELECT coalesce(string_agg(relname, ','), '') FROM pg_class WHERE relnamespace ="
                    + " 'public'::regnamespace"));
            assertEquals("1,2,3,4", query(second, "SELECT revision FROM public.viewmigrate_history ORDER BY rank"));

            TargetsResult<VerifyReport> verified = runner.verify();
            assertTrue(verified.succeeded(), verified::toString);
            assertEquals("no drift against 4 (2 views checked)", verified.results().get(1).message());

            TargetsResult<Status> status = runner.status();
            assertEquals(Collections.nCopies(5, "up to date at 4"), column(status, TargetResult::message));

            TargetsResult<RefreshResult> refreshed = runner.refresh(RefreshOptions.all());
            assertEquals(Collections.nCopies(5, "refreshed 1 materialized view"),
                    column(refreshed, TargetResult::message));

            // A re-run finds every target done.
            TargetsResult<MigrationResult> again = runner.upgrade("head");
            assertEquals(Collections.nCopies(5, "already at head (4)"), column(again, TargetResult::message));
            assertEquals(Collections.nCopies(5, "0"), column(again, TargetResult::revisions));

            // Drift by hand in one tenant is reported for that tenant only.
            sql(db, "CREATE OR REPLACE VIEW tenant_b.active_users WITH (security_invoker=false, security_barrier=true)"
                    + " AS SELECT id, name, upper(name) AS shout FROM tenant_b.users WHERE active AND id > 0");
            TargetsResult<VerifyReport> drift = runner.verify();
            assertEquals(List.of("OK", "FAILED", "OK", "OK", "OK"), column(drift, TargetResult::outcome));
            assertTrue(drift.results().get(1).message().startsWith("drift against 4: 1 finding, first: "),
                    drift.results().get(1).message());
            sql(db, "CREATE OR REPLACE VIEW tenant_b.active_users WITH (security_invoker=false, security_barrier=true)"
                    + " AS SELECT id, name, upper(name) AS shout FROM tenant_b.users WHERE active");

            TargetsResult<MigrationResult> down = runner.downgrade("base");
            assertTrue(down.succeeded(), down::toString);
            assertEquals(Collections.nCopies(5, "downgraded from 4 to base"), column(down, TargetResult::message));
            CatalogSnapshot after = CatalogSnapshot.capture(db);
            before.assertSameAs(after.without("tenant_a.viewmigrate_history", "tenant_b.viewmigrate_history",
                    "tenant_c.viewmigrate_history"), "tenant schemas after upgrade and downgrade base");
            secondBefore.assertSameAs(CatalogSnapshot.capture(second).without("public.viewmigrate_history"),
                    "a database target after upgrade and downgrade base");
        }
    }

    @Test
    void failingTenant_stopLeavesTheRestUnrun_continueRunsThem_aReRunResumes(TestDatabase db) throws Exception {
        createTenants(db);
        // Revision 1 creates the table users: where one exists already, it fails.
        sql(db, "CREATE TABLE tenant_b.users (id int)");
        List<Target> targets = TENANTS.stream().map(Target::schema).toList();

        TargetsResult<MigrationResult> stopped = runner(db).targets(targets).build().upgrade("head");

        assertFalse(stopped.succeeded());
        assertEquals(List.of("OK", "FAILED", "NOT_RUN"), column(stopped, TargetResult::outcome));
        TargetResult<MigrationResult> failed = stopped.results().get(1);
        assertTrue(failed.message().contains("users") && failed.failure().isPresent(), failed::toString);
        assertEquals(ViewMigrateException.ErrorCode.MIGRATION_FAILED,
                ((ViewMigrateException) failed.failure().get()).code());
        assertEquals("not run: the run stopped after tenant_b failed", stopped.results().get(2).message());
        assertEquals("", query(db, "SELECT coalesce(string_agg(relname, ','), '') FROM pg_class"
                + " WHERE relnamespace = 'tenant_c'::regnamespace"));

        TargetsResult<MigrationResult> continued = runner(db).targets(targets)
                .onFailure(TargetRunner.OnFailure.CONTINUE).parallel(2).build().upgrade("head");

        assertEquals(List.of("OK", "FAILED", "OK"), column(continued, TargetResult::outcome));
        assertEquals(List.of("already at head (4)", "upgraded from base to 4"),
                List.of(continued.results().get(0).message(), continued.results().get(2).message()));
        assertEquals(1, continued.failures().size());

        sql(db, "DROP TABLE tenant_b.users");
        TargetsResult<MigrationResult> resumed = runner(db).targets(targets).build().upgrade("head");

        assertTrue(resumed.succeeded(), resumed::toString);
        assertEquals(List.of("already at head (4)", "upgraded from base to 4", "already at head (4)"),
                column(resumed, TargetResult::message));
    }

    @Test
    void targetsQuery_findsTheTenants_andEveryTransactionSetsItsOwnSearchPath(TestDatabase db) throws Exception {
        createTenants(db);
        sql(db, "CREATE SCHEMA other");
        try (PooledConnection pool = new PooledConnection(db)) {
            TargetRunner runner = TargetRunner.builder().dataSource(pool)
                    .targetsQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1")
                    .migrator(builder -> builder.catalog(ViewStepsDatabaseTest.CHAIN)).build();

            assertEquals(TENANTS.stream().map(Target::schema).toList(), runner.resolveTargets());
            TargetsResult<MigrationResult> up = runner.upgrade("2");

            assertTrue(up.succeeded(), up::toString);
            assertEquals(Collections.nCopies(3, "upgraded from base to 2"), column(up, TargetResult::message));
            // All three ran on one physical session: the search_path was only ever set for a transaction.
            try (Connection same = pool.getConnection(); Statement statement = same.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_setting('search_path')")) {
                row.next();
                assertEquals("\"$user\", public", row.getString(1));
            }
        }
        assertEquals("", query(db, "SELECT coalesce(string_agg(relname, ','), '') FROM pg_class"
                + " WHERE relnamespace = 'other'::regnamespace"));
    }

    @Test
    void badTargetLists_failBeforeAnythingRuns(TestDatabase db) throws Exception {
        ViewMigrateException duplicate = assertThrows(ViewMigrateException.class, () -> runner(db)
                .targets(List.of(Target.schema("tenant_a"), Target.schema("tenant_a"))).build().upgrade("head"));
        assertEquals(ViewMigrateException.ErrorCode.INVALID_TARGET, duplicate.code());
        assertTrue(duplicate.getMessage().startsWith("Target tenant_a is listed twice."), duplicate.getMessage());

        ViewMigrateException none = assertThrows(ViewMigrateException.class, () -> runner(db)
                .targetsQuery("SELECT nspname FROM pg_namespace WHERE false").build().status());
        assertTrue(none.getMessage().startsWith("No targets to run on: the targets query returned no rows"),
                none.getMessage());

        ViewMigrateException broken = assertThrows(ViewMigrateException.class, () -> runner(db)
                .targetsQuery("SELECT nspname FROM pg_namespaces").build().status());
        assertTrue(broken.getMessage().contains("relation \"pg_namespaces\" does not exist"), broken.getMessage());
        assertEquals("", query(db, "SELECT coalesce(string_agg(nspname, ','), '') FROM pg_namespace"
                + " WHERE nspname = 'tenant_a'"));
    }

    @Test
    void targetLines_areDatabasesSchemasOrBoth() {
        assertEquals(List.of(Target.schema("Tenant A"), Target.database("jdbc:postgresql://h/db"),
                        Target.schema("jdbc:postgresql://h/db?password=x", "t1")),
                Target.parseLines(List.of("# tenants", "  Tenant A  ", "", "jdbc:postgresql://h/db",
                        "jdbc:postgresql://h/db?password=x\tt1")));
        assertEquals("t1 in jdbc:postgresql://h/db?password=***",
                Target.parse("jdbc:postgresql://h/db?password=x t1").displayName());
    }
}
