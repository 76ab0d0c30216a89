package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.CatalogSnapshot.Kind;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Side-by-side rebuilds of a materialized view ({@link ViewSteps#buildBeside}, {@link ViewSteps#swapIn}) on a real
 * PostgreSQL: the same catalog as DROP + CREATE (indexes under their declared names, grants, comments, options,
 * both dependent views), round trips, the offline script, and a reader of the old view that is not blocked while the
 * new one is built (where DROP + CREATE blocks it).
 */
@ExtendWith(PostgresExtension.class)
class SideBySideRebuildTest {
    private static final String HISTORY = "public." + ViewMigrator.DEFAULT_HISTORY_TABLE;
    /** The advisory lock key the build waits on while a test holds it (the gate function below). */
    private static final int GATE = 424242;

    static final SqlMigration TABLES = new SqlMigration("1", "orders and a gate", List.of(
            "CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric NOT NULL, note text)",
            "INSERT INTO orders SELECT i, 'c' || (i % 7), i * 3, 'note number ' || i FROM generate_series(1, 200) i",
            // Lets a test hold the build of the new definition at will: it waits while the test holds the lock.
            "CREATE FUNCTION build_gate() RETURNS boolean LANGUAGE sql VOLATILE AS"
                    + " $$ SELECT pg_advisory_xact_lock_shared(" + GATE + ") IS NOT NULL $$"),
            List.of("DROP FUNCTION build_gate()", "DROP TABLE orders"));

    static final FrozenView SUMMARY_2 = FrozenView.materializedView(ViewName.of("customer_summary"), """
            SELECT customer, sum(amount) AS total, to_tsvector('simple', string_agg(note, ' ')) AS notes
            FROM orders
            GROUP BY customer""")
            .withOptions("fillfactor=90")
            .withComment("totals per customer")
            .withIndexes(FrozenIndex.uniqueOn("customer_summary_customer_key", "customer"),
                    FrozenIndex.on("customer_summary_notes_idx", "notes").using("gin"));
    static final FrozenView SUMMARY_3 = FrozenView.materializedView(ViewName.of("customer_summary"), """
            SELECT customer, sum(amount) AS total, max(amount) AS largest,
                   to_tsvector('simple', string_agg(note, ' ')) AS notes
            FROM orders
            WHERE build_gate()
            GROUP BY customer""")
            .withOptions("fillfactor=90")
            .withComment("totals per customer")
            .withIndexes(FrozenIndex.uniqueOn("customer_summary_customer_key", "customer"),
                    FrozenIndex.on("customer_summary_notes_idx", "notes").using("gin"));
    static final FrozenView BIG = FrozenView.view(ViewName.of("big_customers"),
            "SELECT customer, total FROM customer_summary WHERE total > 1000");
    static final FrozenView TOP = FrozenView.view(ViewName.of("top_customer"),
            "SELECT customer FROM big_customers ORDER BY total DESC LIMIT 1");

    static final Migration CREATE = new StepMigration("2", "create the summary and its readers",
            (steps, c) -> steps.create(SUMMARY_2, BIG, TOP),
            (steps, c) -> {
                steps.checkDependents(TOP, BIG, SUMMARY_2);
                steps.drop(TOP, BIG, SUMMARY_2);
            }, SUMMARY_2, BIG, TOP);

    /** Revision 3 as the processor generates it for a view declared side by side. */
    static final Migration SIDE_BY_SIDE = new StepMigration("3", "largest order, side by side",
            (steps, c) -> rebuild(steps, SUMMARY_2, SUMMARY_3, true),
            (steps, c) -> rebuild(steps, SUMMARY_3, SUMMARY_2, true), SUMMARY_3, BIG, TOP);
    /** The same revision with DROP + CREATE. */
    static final Migration DROP_CREATE = new StepMigration("3", "largest order, side by side",
            (steps, c) -> rebuild(steps, SUMMARY_2, SUMMARY_3, false),
            (steps, c) -> rebuild(steps, SUMMARY_3, SUMMARY_2, false), SUMMARY_3, BIG, TOP);

    private static void rebuild(ViewSteps steps, FrozenView from, FrozenView to, boolean sideBySide)
            throws Exception {
        steps.checkDependents(TOP, BIG, from);
        steps.savePrivileges(from, BIG, TOP);
        if (sideBySide) {
            steps.buildBeside(to);
        }
        steps.drop(TOP, BIG, from);
        if (sideBySide) {
            steps.swapIn(to);
        } else {
            steps.create(to);
        }
        steps.create(BIG, TOP);
        steps.restorePrivileges(to, BIG, TOP);
    }

    private static ViewMigrator migrator(TestDatabase db, boolean sideBySide) {
        List<Migration> chain = List.of(TABLES, CREATE, sideBySide ? SIDE_BY_SIDE : DROP_CREATE);
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> chain).build();
    }

    private static void sql(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** What a DBA set by hand on revision 2's views, which both kinds of rebuild keep. */
    private static void handMade(TestDatabase db) throws SQLException {
        sql(db, "GRANT SELECT ON customer_summary TO PUBLIC",
                "GRANT SELECT (customer) ON big_customers TO PUBLIC",
                "COMMENT ON COLUMN customer_summary.total IS 'sum of amounts'",
                "ALTER MATERIALIZED VIEW customer_summary SET (autovacuum_enabled = false)");
    }

    @Test
    void roundTrip_matchesDropAndCreate(TestDatabase db) throws Exception {
        ViewMigrator sideBySide = migrator(db, true);
        sideBySide.upgrade("2");
        handMade(db);
        CatalogSnapshot atTwo = CatalogSnapshot.capture(db).without(HISTORY);
        long oid = oid(db);

        sideBySide.upgrade("3");
        CatalogSnapshot atThree = CatalogSnapshot.capture(db).without(HISTORY);
        assertFalse(oid == oid(db), "the view was rebuilt");
        assertFalse(atThree.toString().contains("__vm_new"), atThree::toString);
        assertTrue(atThree.find(Kind.COLUMN, "public.customer_summary", "largest").isPresent(), atThree::toString);
        String relation = atThree.find(Kind.RELATION, "public.customer_summary", "").orElseThrow().detail();
        assertTrue(relation.contains("comment=totals per customer") && relation.contains("fillfactor=90")
                && relation.contains("autovacuum_enabled=false") && relation.contains("=r/"), relation);
        assertTrue(sideBySide.verify().clean(), () -> sideBySide.verify().toString());
        assertEquals(7, count(db, "SELECT count(*) FROM customer_summary WHERE largest > 0"));

        try (TestDatabase other = TestDatabase.create()) {
            ViewMigrator dropCreate = migrator(other, false);
            dropCreate.upgrade("2");
            handMade(other);
            dropCreate.upgrade("3");
            CatalogSnapshot.capture(other).without(HISTORY).assertSameAs(atThree, "side by side against DROP + CREATE");
        }

        sideBySide.downgrade("2");
        atTwo.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "side-by-side downgrade of revision 3");
        sideBySide.upgrade("3");
        atThree.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "side-by-side upgrade again");
    }

    @Test
    void offlineScript_buildsWhatTheOnlineRunBuilds(TestDatabase online) throws Exception {
        migrator(online, true).upgrade("2");
        handMade(online);
        migrator(online, true).upgrade("3");
        try (TestDatabase offline = TestDatabase.create()) {
            ScriptRunner.Outcome two = ScriptRunner.run(offline, migrator(offline, true).upgradeSql(null, "2"));
            assertTrue(two.succeeded(), two.output());
            handMade(offline);
            String script = migrator(offline, true).upgradeSql("2", "3");
            assertTrue(script.contains("CREATE MATERIALIZED VIEW customer_summary__vm_new")
                    && script.contains("ALTER MATERIALIZED VIEW customer_summary__vm_new RENAME TO customer_summary"),
                    script);
            ScriptRunner.Outcome three = ScriptRunner.run(offline, script);
            assertTrue(three.succeeded(), three.output());
            CatalogSnapshot.capture(online).without(HISTORY)
                    .assertSameAs(CatalogSnapshot.capture(offline).without(HISTORY), "offline side-by-side upgrade");

            ScriptRunner.Outcome down = ScriptRunner.run(offline, migrator(offline, true).downgradeSql("3", "2"));
            assertTrue(down.succeeded(), down.output());
            migrator(online, true).downgrade("2");
            CatalogSnapshot.capture(online).without(HISTORY)
                    .assertSameAs(CatalogSnapshot.capture(offline).without(HISTORY), "offline side-by-side downgrade");
        }
    }

    @Test
    void readersOfTheOldView_areNotBlockedWhileTheNewOneIsBuilt(TestDatabase db) throws Exception {
        assertEquals(List.of(true, true), readsDuringTheBuild(db, true));
    }

    @Test
    void dropAndCreate_blocksThoseReaders(TestDatabase db) throws Exception {
        assertEquals(List.of(false, true), readsDuringTheBuild(db, false));
    }

    /**
     * Holds the gate, upgrades to 3 in another thread, waits until the build waits at the gate, then reads the view
     * with a 1 s lock timeout; releases the gate and reads again once the upgrade is done. Whether each read got
     * through.
     */
    private static List<Boolean> readsDuringTheBuild(TestDatabase db, boolean sideBySide) throws Exception {
        ViewMigrator migrator = migrator(db, sideBySide);
        migrator.upgrade("2");
        try (Connection gate = db.connect(); Connection reader = db.connect()) {
            try (Statement statement = gate.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + GATE + ")");
            }
            CompletableFuture<Void> upgrade = CompletableFuture.runAsync(() -> {
                try {
                    migrator.upgrade("3");
                } catch (RuntimeException e) {
                    throw e;
                }
            });
            try {
                waitForTheBuildAtTheGate(db, upgrade);
                boolean during = read(reader);
                try (Statement statement = gate.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + GATE + ")");
                }
                upgrade.get(60, TimeUnit.SECONDS);
                boolean after = read(reader);
                return List.of(during, after);
            } finally {
                try (Statement statement = gate.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock_all()");
                }
                upgrade.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void waitForTheBuildAtTheGate(TestDatabase db, CompletableFuture<Void> upgrade) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = "
                + GATE) == 0) {
            assertFalse(upgrade.isDone(), "the upgrade ended before it reached the gate");
            assertTrue(System.nanoTime() < deadline, "the upgrade never waited at the gate");
            Thread.sleep(20);
        }
    }

    /** Reads the view in its own transaction; false when the read waited longer than the 1 s lock timeout. */
    private static boolean read(Connection reader) throws SQLException {
        try (Statement statement = reader.createStatement()) {
            statement.execute("SET lock_timeout = '1s'");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM customer_summary")) {
                rows.next();
                assertEquals(7, rows.getLong(1));
                return true;
            } catch (SQLException e) {
                assertEquals("55P03", e.getSQLState(), e::toString);
                return false;
            }
        }
    }

    /** A view in a schema, both needing quotes, with an index name that needs them too. */
    static final FrozenView QUOTED_1 = FrozenView.materializedView(ViewName.of("Sales Data", "Daily Totals"),
            "SELECT customer, sum(amount) AS total FROM orders GROUP BY customer")
            .withIndexes(FrozenIndex.uniqueOn("Daily Totals by customer", "customer"));
    static final FrozenView QUOTED_2 = FrozenView.materializedView(ViewName.of("Sales Data", "Daily Totals"),
            "SELECT customer, sum(amount) AS total, count(*) AS orders FROM orders GROUP BY customer")
            .withIndexes(FrozenIndex.uniqueOn("Daily Totals by customer", "customer"));

    @Test
    void quotedSchemaViewAndIndexNames_areSwappedToTheDeclaredNames(TestDatabase db) throws Exception {
        Migration schema = new SqlMigration("2", "schema", List.of("CREATE SCHEMA \"Sales Data\""),
                List.of("DROP SCHEMA \"Sales Data\""));
        Migration create = new StepMigration("3", "create", (steps, c) -> steps.create(QUOTED_1),
                (steps, c) -> steps.drop(QUOTED_1), QUOTED_1);
        Migration change = new StepMigration("4", "change", (steps, c) -> {
            steps.checkDependents(QUOTED_1);
            steps.savePrivileges(QUOTED_1);
            steps.buildBeside(QUOTED_2);
            steps.drop(QUOTED_1);
            steps.swapIn(QUOTED_2);
            steps.restorePrivileges(QUOTED_2);
        }, (steps, c) -> {
            throw new UnsupportedOperationException("not downgraded here");
        }, QUOTED_2);
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource())
                .catalog(() -> List.of(TABLES, schema, create, change)).build();

        migrator.upgrade("4");

        CatalogSnapshot snapshot = CatalogSnapshot.capture(db);
        assertEquals("CREATE UNIQUE INDEX \"Daily Totals by customer\" ON \"Sales Data\".\"Daily Totals\" USING btree"
                + " (customer)", snapshot.find(Kind.INDEX, "Sales Data.Daily Totals", "Daily Totals by customer")
                .orElseThrow(() -> new AssertionError(snapshot.toString())).detail());
        assertTrue(snapshot.find(Kind.COLUMN, "Sales Data.Daily Totals", "orders").isPresent(), snapshot::toString);
        assertFalse(snapshot.toString().contains("__vm_new"), snapshot::toString);
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());
    }

    @Test
    void temporaryNames_stayWithinPostgresLimit() {
        String longName = "a_materialized_view_with_a_name_of_exactly_sixty_three_bytes_xx";
        assertEquals(63, longName.length());
        ViewName temporary = dev.viewmigrate.runtime.internal.steps.SideBySide.temporaryName(ViewName.of(longName));
        assertTrue(temporary.name().length() <= 63 && temporary.name().endsWith("__vm_new"), temporary.name());
        assertFalse(temporary.equals(dev.viewmigrate.runtime.internal.steps.SideBySide.temporaryName(
                ViewName.of(longName.substring(0, 62) + "y"))), "long names sharing a prefix stay apart");
        assertThrows(IllegalArgumentException.class, () -> dev.viewmigrate.runtime.internal.steps.SideBySide
                .build(SUMMARY_2.withNoData()));
    }

    private static long oid(TestDatabase db) throws SQLException {
        return count(db, "SELECT 'customer_summary'::regclass::oid::bigint");
    }

    private static long count(TestDatabase db, String query) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
