package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

@ExtendWith(PostgresExtension.class)
class FailedRevisionTest {
    /** Revision 2's second statement reads a column that does not exist; its first statement did succeed. */
    private static final SqlMigration BROKEN_VIEW = new SqlMigration("2", "create views on accounts",
            List.of("CREATE VIEW account_names AS SELECT name FROM accounts",
                    "CREATE VIEW account_mails AS\nSELECT id,\n       mail_address\nFROM accounts"),
            List.of("DROP VIEW account_mails", "DROP VIEW account_names"));

    private static ViewMigrator migrator(TestDatabase db, Migration... migrations) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(() -> List.of(migrations)).build();
    }

    @Test
    void failingStatement_rollsBackItsRevision_keepsEarlierOnes_andNamesRevisionStatementAndPosition(TestDatabase db)
            throws Exception {
        ViewMigrator migrator = migrator(db, Chains.ACCOUNTS, BROKEN_VIEW, Chains.EMAIL);
        ViewMigrator onlyFirst = migrator(db, Chains.ACCOUNTS);
        onlyFirst.upgrade();
        CatalogSnapshot revisionOne = CatalogSnapshot.capture(db);
        onlyFirst.downgrade("base");

        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::upgrade);

        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        String message = e.getMessage();
        assertTrue(message.startsWith("Upgrade of revision 2 (create views on accounts) failed and was rolled back; "
                + "the database stays at revision 1 (applied in this run: 1)."), message);
        assertTrue(message.contains("Statement 2 of the revision failed:\n    CREATE VIEW account_mails AS\n"
                + "    SELECT id,\n           mail_address\n    FROM accounts"), message);
        assertTrue(message.contains("PostgreSQL: column \"mail_address\" does not exist (SQLState 42703) at line 3, "
                + "column 8:\n           mail_address\n           ^"), message);
        assertInstanceOf(SQLException.class, e.getCause());

        // Exactly revision 1's objects: account_names (the statement before the failure) was rolled back too.
        revisionOne.assertSameAs(CatalogSnapshot.capture(db), "after the failed revision 2");
        assertEquals(List.of("1"), migrator.history().stream().map(AppliedRevision::revision).toList());
    }

    /**
     * A view reading a table nothing created yet, a first-day mistake: the advice was the generic "fix the revision",
     * while the usual fix is to create the table first (a hand-written migration, or Flyway before viewmigrate).
     */
    @Test
    void viewReadingAMissingTable_saysToCreateItFirst_orFixTheName(TestDatabase db) {
        SqlMigration view = SqlMigration.of("1", "create view big_spenders",
                "CREATE VIEW big_spenders AS SELECT name FROM customers", "DROP VIEW big_spenders");

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator(db, view).upgrade());

        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("PostgreSQL: relation \"customers\" does not exist (SQLState 42P01)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("A table or view the revision reads does not exist in this database. "
                + "If the name is "
                + "wrong, fix the view's SQL; if the table is missing, create it in a "
                + "@HandWrittenMigration (docs/processor.md#hand-written-migrations) or with Flyway or "
                + "Liquibase before viewmigrate runs (docs/table-changes.md). When no database applied "
                + "this revision, recompile with -Dviewmigrate.amend=true, so that the fix replaces it "
                + "(a new migration is then ordered before the view) instead of coming after it "
                + "(docs/troubleshooting.md). Then run upgrade again."), e.getMessage());
    }

    @Test
    void failureInTheFirstRevision_leavesTheDatabaseAtBase(TestDatabase db) throws Exception {
        SqlMigration bad = SqlMigration.of("1", "bad table", "CREATE TABLE t (id nonexistent_type)", "DROP TABLE t");
        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator(db, bad).upgrade());
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("the database stays at base (no revision applied)."), e.getMessage());
        assertTrue(e.getMessage().contains("type \"nonexistent_type\" does not exist (SQLState 42704) at line 1, "
                + "column 20:\n    CREATE TABLE t (id nonexistent_type)\n    " + " ".repeat(19) + "^"), e.getMessage());
        assertEquals(List.of(), migrator(db, bad).history());
    }

    @Test
    void exceptionThrownByMigrationCode_isReportedWithTheLastStatement(TestDatabase db) throws Exception {
        Migration throwing = new Migration() {
            @Override
            public String revision() {
                return "2";
            }

            @Override
            public String description() {
                return "data fix";
            }

            @Override
            public int checksum() {
                return 7;
            }

            @Override
            public void upgrade(MigrationContext context) throws Exception {
                context.execute("INSERT INTO accounts (id, name) VALUES (1, 'a')");
                throw new IllegalStateException("unexpected row count");
            }

            @Override
            public void downgrade(MigrationContext context) {
            }
        };
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, Chains.ACCOUNTS, throwing).upgrade());
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("Upgrade of revision 2 (data fix) failed and was rolled back"),
                e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: unexpected row count after 1 statement; "
                + "the last was:\n    INSERT INTO accounts (id, name) VALUES (1, 'a')"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        // The insert was rolled back with the revision.
        try (var c = db.connect(); var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM accounts")) {
            r.next();
            assertEquals(0, r.getInt(1));
        }
    }

    @Test
    void failureInAMultiStatementString_givesTheCharacterPositionWithoutGuessingTheLine(TestDatabase db) {
        SqlMigration both = SqlMigration.of("2", "two views in one string",
                "CREATE VIEW ok AS SELECT id FROM accounts;\nCREATE VIEW bad AS SELECT nope FROM accounts",
                "DROP VIEW bad; DROP VIEW ok");
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, Chains.ACCOUNTS, both).upgrade());
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("column \"nope\" does not exist (SQLState 42703) at character 28 of one of "
                + "the 2 statements in this text"), e.getMessage());
    }

    /**
     * What the processor generates before it drops a view: a DO block that raises dependent_objects_still_exist with
     * DETAIL (one line per object it does not manage) and HINT, when something else depends on the view.
     */
    static final String DEPENDENTS_CHECK = """
            DO $vm$
            DECLARE
                vm_problems text;
            BEGIN
                WITH dropped(rel, label, indexes) AS (VALUES
                    (to_regclass('public.customer_totals')::oid, 'view public.customer_totals', ARRAY[]::text[])
                ), targets AS (
                    SELECT d.rel, d.label, d.indexes, c.reltype FROM dropped d JOIN pg_class c ON c.oid = d.rel
                )
                SELECT string_agg(DISTINCT found.line, E'\\n' ORDER BY found.line) INTO vm_problems
                FROM (
                    SELECT CASE
                               WHEN dep.classid = 'pg_rewrite'::regclass AND rw.rulename = '_RETURN'
                                   THEN CASE rc.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END
                                        || quote_ident(rn.nspname) || '.' || quote_ident(rc.relname)
                               ELSE pg_describe_object(dep.classid, dep.objid, dep.objsubid)
                           END || ' depends on ' || t.label AS line
                    FROM targets t
                    JOIN pg_depend dep ON (dep.refclassid = 'pg_class'::regclass AND dep.refobjid = t.rel)
                                       OR (dep.refclassid = 'pg_type'::regclass AND dep.refobjid = t.reltype)
                    LEFT JOIN pg_rewrite rw ON dep.classid = 'pg_rewrite'::regclass AND rw.oid = dep.objid
                    LEFT JOIN pg_class rc ON rc.oid = rw.ev_class
                    LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                    WHERE dep.deptype = 'n'
                      AND NOT (dep.classid = 'pg_rewrite'::regclass AND rw.ev_class IN (SELECT rel FROM targets))
                ) found;
                IF vm_problems IS NOT NULL THEN
                    RAISE EXCEPTION USING
                        ERRCODE = 'dependent_objects_still_exist',
                        MESSAGE = 'viewmigrate must drop and recreate views that objects it does not manage'
                            || ' depend on; nothing was changed',
                        DETAIL = vm_problems,
                        HINT = 'Drop each object listed first (and recreate it after the upgrade), or declare'
                            || ' it with @View (a view) or in @View(indexes) (an index of a materialized view)'
                            || ' so that viewmigrate drops and recreates it itself. viewmigrate never uses'
                            || ' CASCADE.';
                END IF;
            END
            $vm$""";

    private static final SqlMigration CUSTOMER_TOTALS = new SqlMigration("1", "create view customer_totals",
            List.of("CREATE TABLE orders (customer text NOT NULL, amount numeric NOT NULL)",
                    "CREATE VIEW customer_totals AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer"),
            List.of("DROP VIEW customer_totals", "DROP TABLE orders"));

    @Test
    void failingDoBlock_showsItsFirstLinesAndTheRaisingLine_withDetailAndHint_withoutPlpgsqlContext(TestDatabase db)
            throws Exception {
        SqlMigration reorder = new SqlMigration("2", "change view customer_totals",
                List.of(DEPENDENTS_CHECK, "DROP VIEW customer_totals",
                        "CREATE VIEW customer_totals AS SELECT sum(amount) AS total, customer FROM orders"
                                + " GROUP BY customer"),
                List.of("DROP VIEW customer_totals", CUSTOMER_TOTALS.up().get(1)));
        migrator(db, CUSTOMER_TOTALS).upgrade();
        try (var c = db.connect(); var s = c.createStatement()) {
            // Two views made by hand on the managed one: the check names both, one per DETAIL line.
            s.execute("CREATE VIEW big_customers AS SELECT customer FROM customer_totals WHERE total > 100");
            s.execute("CREATE VIEW \"Top\" AS SELECT max(total) FROM customer_totals");
        }
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, CUSTOMER_TOTALS, reorder).upgrade());

        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        int lines = (int) DEPENDENTS_CHECK.lines().count();
        int raise = DEPENDENTS_CHECK.lines().toList().indexOf("        RAISE EXCEPTION USING") + 1;
        assertEquals("Upgrade of revision 2 (change view customer_totals) failed and was rolled back; the database "
                + "stays at revision 1. Statement 1 of the revision failed (a DO block of " + lines + " lines; the "
                + "first 4 are shown):\n"
                + "    DO $vm$\n"
                + "    DECLARE\n"
                + "        vm_problems text;\n"
                + "    BEGIN\n"
                + "    ... (" + (lines - 4) + " more lines)\n"
                + "PostgreSQL: viewmigrate must drop and recreate views that objects it does not manage depend on; "
                + "nothing was changed (SQLState 2BP01) at line " + raise + ", in the DO block's RAISE:\n"
                + "    RAISE EXCEPTION USING\n"
                + "Detail: view public.\"Top\" depends on view public.customer_totals\n"
                + "    view public.big_customers depends on view public.customer_totals\n"
                + "Hint: Drop each object listed first (and recreate it after the upgrade), or declare it with @View "
                + "(a view) or in @View(indexes) (an index of a materialized view) so that viewmigrate drops and "
                + "recreates it itself. viewmigrate never uses CASCADE.\n"
                + "Nothing was changed. Do what the hint says, then run upgrade again.",
                e.getMessage());
        // PL/pgSQL's own context is left to the cause (the CLI prints it with --verbose).
        PSQLException cause = assertInstanceOf(PSQLException.class, e.getCause());
        assertTrue(cause.getMessage().contains("Where: PL/pgSQL function inline_code_block line " + raise
                + " at RAISE"), cause::getMessage);
        before.assertSameAs(CatalogSnapshot.capture(db), "after the refused revision 2");
    }

    @Test
    void refusedDowngrade_saysToRecreateTheObjectsAfterTheDowngrade(TestDatabase db) throws Exception {
        // Revision 2 recreates the view on the way down with the runtime's steps, as a generated downgrade does: it
        // checks the dependents first, and the check's hint names the direction.
        FrozenView narrow = FrozenView.view(ViewName.of("customer_totals"),
                "SELECT customer, sum(amount) AS total FROM orders GROUP BY customer");
        FrozenView wide = FrozenView.view(ViewName.of("customer_totals"),
                "SELECT customer, sum(amount) AS total, count(*) AS orders FROM orders GROUP BY customer");
        StepMigration widen = new StepMigration("2", "change view customer_totals",
                (steps, c) -> {
                    steps.drop(narrow);
                    steps.create(wide);
                },
                (steps, c) -> {
                    steps.checkDependents(wide);
                    steps.drop(wide);
                    steps.create(narrow);
                }, wide);
        migrator(db, CUSTOMER_TOTALS, widen).upgrade();
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE VIEW big_customers AS SELECT customer FROM customer_totals WHERE total > 100");
        }
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, CUSTOMER_TOTALS, widen).downgrade("-1"));

        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("Downgrade of revision 2 (change view customer_totals) failed and was "
                + "rolled back; the database stays at revision 2."), e::getMessage);
        assertTrue(e.getMessage().contains("Detail: view public.big_customers depends on view customer_totals"),
                e::getMessage);
        assertTrue(e.getMessage().contains("Hint: Drop each object listed first (and recreate it after the "
                + "downgrade)"), e::getMessage);
        assertTrue(e.getMessage().endsWith("\nNothing was changed. Do what the hint says, then run downgrade again."),
                e::getMessage);
        before.assertSameAs(CatalogSnapshot.capture(db), "after the refused downgrade");
    }

    @Test
    void lockTimeout_isReportedAsALockWait_notAsAFaultOfTheRevision(TestDatabase db) throws Exception {
        SqlMigration alter = new SqlMigration("2", "add accounts.extra",
                List.of("SET LOCAL lock_timeout = '300ms'", "ALTER TABLE accounts ADD COLUMN extra int"),
                List.of("ALTER TABLE accounts DROP COLUMN extra"));
        migrator(db, Chains.ACCOUNTS).upgrade();
        ViewMigrator noRetry = ViewMigrator.builder().dataSource(db.dataSource())
                .catalog(() -> List.of(Chains.ACCOUNTS, alter)).ddlLockRetries(0).build();
        try (var holder = db.connect(); var s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE accounts IN ACCESS SHARE MODE"); // held until this transaction ends

            ViewMigrateException e = assertThrows(ViewMigrateException.class, noRetry::upgrade);

            // The revision's own lock_timeout (300 ms) overrides viewmigrate's; the message still quotes the latter.
            assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
            assertTrue(e.getMessage().startsWith("Upgrade of revision 2 (add accounts.extra) gave up after 1 attempt: "
                    + "statement 2 (ALTER TABLE accounts ADD COLUMN extra int) waited "), e::getMessage);
            assertTrue(e.getMessage().contains("query: LOCK TABLE accounts IN ACCESS SHARE MODE)"), e::getMessage);
            assertTrue(e.getMessage().endsWith("or end a stuck session with SELECT pg_terminate_backend(<pid>)."),
                    e::getMessage);
            holder.rollback();
        }
        assertEquals("2", migrator(db, Chains.ACCOUNTS, alter).upgrade().to().orElseThrow(),
                "once the lock is released, the same revision applies");
    }

    @Test
    void longStatement_showsItsFirstLinesAndTheLinePostgresPointsAt(TestDatabase db) {
        StringBuilder view = new StringBuilder("CREATE VIEW wide AS\nSELECT id,");
        for (int i = 1; i <= 12; i++) {
            view.append("\n       name AS name_").append(i).append(',');
        }
        view.append("\n       no_such_column\nFROM accounts");
        SqlMigration wide = SqlMigration.of("2", "wide view", view.toString(), "DROP VIEW wide");

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, Chains.ACCOUNTS, wide).upgrade());

        assertTrue(e.getMessage().contains("Statement 1 of the revision failed (16 lines; the first 4 are shown):\n"
                + "    CREATE VIEW wide AS\n    SELECT id,\n           name AS name_1,\n           name AS name_2,\n"
                + "    ... (12 more lines)\n"
                + "PostgreSQL: column \"no_such_column\" does not exist (SQLState 42703) at line 15, column 8:\n"
                + "           no_such_column\n           ^\nFix the revision"), e::getMessage);
        assertFalse(e.getMessage().contains("name_3"), e::getMessage);
    }

    @Test
    void failingExecuteInADoBlock_namesTheStatementItBuilt(TestDatabase db) {
        SqlMigration grant = SqlMigration.of("2", "grant", """
                DO $$
                BEGIN
                    EXECUTE format('GRANT SELECT ON %s TO %I', 'accounts', 'no_such_role');
                END
                $$""", "SELECT 1");

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, Chains.ACCOUNTS, grant).upgrade());

        assertTrue(e.getMessage().contains("Statement 1 of the revision failed:\n    DO $$\n    BEGIN\n"), e::getMessage);
        assertTrue(e.getMessage().contains("PostgreSQL: role \"no_such_role\" does not exist (SQLState 42704) at line "
                + "3, in the DO block's EXECUTE:\n    EXECUTE format('GRANT SELECT ON %s TO %I', 'accounts', "
                + "'no_such_role');\n    which executed: GRANT SELECT ON accounts TO no_such_role\nFix the revision"),
                e::getMessage);
        assertFalse(e.getMessage().contains("Where:"), e::getMessage);
    }

    @Test
    void doBlockFailingInsideAFunctionItCalls_keepsPostgresContext(TestDatabase db) {
        SqlMigration calls = new SqlMigration("2", "check accounts",
                List.of("CREATE FUNCTION check_accounts() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n"
                                + "    RAISE EXCEPTION 'accounts are not ready';\nEND\n$$",
                        "DO $$\nBEGIN\n    PERFORM check_accounts();\nEND\n$$"),
                List.of("DROP FUNCTION check_accounts()"));

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> migrator(db, Chains.ACCOUNTS, calls).upgrade());

        // The function may be anybody's: where in it PostgreSQL stopped is worth showing.
        assertTrue(e.getMessage().contains("Statement 2 of the revision failed:\n    DO $$\n"), e::getMessage);
        assertTrue(e.getMessage().contains("PostgreSQL: accounts are not ready (SQLState P0001)\n"
                + "Where: PL/pgSQL function check_accounts() line 3 at RAISE\n"
                + "    SQL statement \"SELECT check_accounts()\"\n"
                + "    PL/pgSQL function inline_code_block line 3 at PERFORM\nFix the revision"), e::getMessage);
    }

    @Test
    void failingDowngrade_keepsTheRevisionApplied(TestDatabase db) throws Exception {
        SqlMigration view = SqlMigration.of("2", "view", "CREATE VIEW v AS SELECT id FROM accounts",
                "DROP VIEW no_such_view");
        ViewMigrator migrator = migrator(db, Chains.ACCOUNTS, view);
        migrator.upgrade();
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> migrator.downgrade("base"));
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("Downgrade of revision 2 (view) failed and was rolled back; the "
                + "database stays at revision 2."), e.getMessage());
        assertTrue(e.getMessage().contains("view \"no_such_view\" does not exist (SQLState 42P01)"), e.getMessage());
        before.assertSameAs(CatalogSnapshot.capture(db), "after the failed downgrade");
        assertEquals("2", migrator.current().orElseThrow().revision());
    }

    @Test
    void lockIsReleasedAfterAFailure_soTheNextRunProceeds(TestDatabase db) throws Exception {
        // From a pool: closing a non-pooled connection ends the session, which frees the lock whatever viewmigrate did.
        try (PooledConnection pool = new PooledConnection(db)) {
            ViewMigrator broken = ViewMigrator.builder().dataSource(pool)
                    .catalog(() -> List.of(Chains.ACCOUNTS, BROKEN_VIEW)).build();
            assertEquals(ErrorCode.MIGRATION_FAILED, assertThrows(ViewMigrateException.class, broken::upgrade).code());
            assertEquals(0, pool.advisoryLocksHeld(db), "the failed run left its lock on the pooled connection");

            // Another instance, on its own connection, while the pooled one is still open.
            SqlMigration fixed = BROKEN_VIEW.withUp("CREATE VIEW account_names AS SELECT name FROM accounts");
            ViewMigrator repaired = ViewMigrator.builder().dataSource(db.dataSource())
                    .catalog(() -> List.of(Chains.ACCOUNTS, fixed))
                    .lockTimeout(Duration.ofSeconds(2)).build();
            assertEquals(List.of("2"), repaired.upgrade().executed());
        }
        CatalogSnapshot repairedCatalog = CatalogSnapshot.capture(db);
        assertFalse(repairedCatalog.hasRelation("public.account_mails"), repairedCatalog::toString);
        assertTrue(repairedCatalog.hasRelation("public.account_names"), repairedCatalog::toString);
    }
}
