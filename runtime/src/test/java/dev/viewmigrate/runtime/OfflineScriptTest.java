package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.ForwardingDataSource;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Offline scripts run by psql leave the same schema and history as the online runs, and never connect. */
@ExtendWith(PostgresExtension.class)
class OfflineScriptTest {
    /** Offline mode must never ask for a connection: this DataSource fails the test if it is asked. */
    private static ViewMigrator offline(TestDatabase db) {
        return ViewMigrator.builder().catalog(Chains.THREE).dataSource(new ForwardingDataSource(db.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                throw new AssertionError("offline mode opened a connection");
            }
        }).build();
    }

    private static ViewMigrator online(TestDatabase db) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE).build();
    }

    @Test
    void upgradeScript_fedToPsql_matchesOnlineUpgradeHead(TestDatabase scripted) throws Exception {
        String script = offline(scripted).upgradeSql(null, "head");
        ScriptRunner.Outcome outcome = ScriptRunner.run(scripted, script);
        System.out.println("upgrade script ran through " + outcome.path());
        assertTrue(outcome.succeeded(), outcome.output() + "\n" + script);

        try (TestDatabase live = TestDatabase.create()) {
            online(live).upgrade("head");
            CatalogSnapshot.capture(live).assertSameAs(CatalogSnapshot.capture(scripted), "upgrade script vs online");
            assertEquals(HistoryRows.of(live), HistoryRows.of(scripted));
            assertEquals(3, HistoryRows.of(scripted).size());
        }
        // The online runner takes over where the script left off: same history, so nothing to do, and it can undo.
        assertEquals(List.of(), online(scripted).upgrade().executed());
        assertEquals(List.of("3", "2", "1"), online(scripted).downgrade("base").executed());
    }

    @Test
    void downgradeAndPartialScripts_throughJdbcSimpleQuery_matchOnlineRuns(TestDatabase scripted) throws Exception {
        try (TestDatabase live = TestDatabase.create()) {
            online(scripted).upgrade();
            online(live).upgrade();

            ScriptRunner.Outcome down = ScriptRunner.jdbc(scripted, offline(scripted).downgradeSql(null, "1"));
            assertTrue(down.succeeded(), down.output());
            online(live).downgrade("1");
            CatalogSnapshot.capture(live).assertSameAs(CatalogSnapshot.capture(scripted), "downgrade script to 1");
            assertEquals(HistoryRows.of(live), HistoryRows.of(scripted));

            ScriptRunner.Outcome up = ScriptRunner.jdbc(scripted, offline(scripted).upgradeSql("1", "+1"));
            assertTrue(up.succeeded(), up.output());
            online(live).upgrade("+1");
            CatalogSnapshot.capture(live).assertSameAs(CatalogSnapshot.capture(scripted), "upgrade script 1:+1");
            assertEquals(HistoryRows.of(live), HistoryRows.of(scripted));

            ScriptRunner.Outcome base = ScriptRunner.jdbc(scripted, offline(scripted).downgradeSql("2", "base"));
            assertTrue(base.succeeded(), base.output());
            online(live).downgrade("base");
            CatalogSnapshot.capture(live).assertSameAs(CatalogSnapshot.capture(scripted), "downgrade script to base");
            assertEquals(List.of(), HistoryRows.of(scripted));
        }
    }

    @Test
    void scriptForAnotherStartingRevision_stopsAtItsGuardWithoutChangingAnything(TestDatabase db) throws Exception {
        online(db).upgrade("1");
        CatalogSnapshot before = CatalogSnapshot.capture(db);
        List<String> history = HistoryRows.of(db);

        String fromBase = offline(db).upgradeSql(null, "head");
        ScriptRunner.Outcome outcome = ScriptRunner.run(db, fromBase);
        System.out.println("guard script ran through " + outcome.path());
        assertFalse(outcome.succeeded());
        assertTrue(outcome.output().contains("viewmigrate: revision 1 expects the database at base (no revision "
                + "applied), but its newest applied revision is 1"), outcome.output());
        before.assertSameAs(CatalogSnapshot.capture(db), "script stopped by its guard");
        assertEquals(history, HistoryRows.of(db));

        // Without ON_ERROR_STOP psql carries on after the failure, but every later guard stops its revision too.
        ScriptRunner.Outcome jdbc = ScriptRunner.jdbc(db, offline(db).downgradeSql("3", "base"));
        assertFalse(jdbc.succeeded());
        assertTrue(jdbc.output().contains("viewmigrate: downgrade of revision 3 expects the database at revision 3, "
                + "but its newest applied revision is 1"), jdbc.output());
        before.assertSameAs(CatalogSnapshot.capture(db), "downgrade script stopped by its guards");
    }

    /** As online: the history table is created in the first revision's transaction, so a failure leaves none. */
    @Test
    void scriptWhoseFirstRevisionFails_leavesNoHistoryTableBehind(TestDatabase db) throws Exception {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        SqlMigration broken = new SqlMigration("1", "create view on a missing table",
                List.of("CREATE TABLE authors_copy (id integer)", "CREATE VIEW names AS SELECT name FROM authors"),
                List.of("DROP VIEW names", "DROP TABLE authors_copy"));
        String script = ViewMigrator.builder().catalog(() -> List.of(broken, Chains.ACTIVE_ACCOUNTS)).build()
                .upgradeSql(null, "head");

        ScriptRunner.Outcome outcome = ScriptRunner.run(db, script);

        assertFalse(outcome.succeeded(), outcome.output());
        assertTrue(outcome.output().contains("relation \"authors\" does not exist"), outcome.output());
        assertEquals(List.of("(no table viewmigrate_history)"), HistoryRows.of(db));
        empty.assertSameAs(CatalogSnapshot.capture(db), "after a script whose first revision failed");
    }

    @Test
    void scriptText_hasHeaderHistoryDdlAndOneTransactionPerRevision(TestDatabase db) {
        String script = offline(db).upgradeSql("2", "head");
        long key = new dev.viewmigrate.runtime.internal.HistoryTable(null, "viewmigrate_history").lockKey();
        String expected = """
                -- viewmigrate upgrade script: 2 -> 3 (1 revision), history table viewmigrate_history.
                -- Run it with: psql -v ON_ERROR_STOP=1 -f <this file> <database>
                -- Every revision runs in its own transaction and first checks that the database is at the revision \
                before it.

                SELECT pg_advisory_lock(@KEY@);
                -- Each statement waits at most 10 s for a table lock held by another session, then fails (psql does \
                not retry: run the script again later).
                SET lock_timeout = '10s';

                -- Revision 3: add accounts.email; account stats
                BEGIN;
                CREATE TABLE IF NOT EXISTS viewmigrate_history (
                    rank integer NOT NULL UNIQUE,
                    revision text PRIMARY KEY,
                    description text NOT NULL,
                    checksum integer NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL DEFAULT current_user,
                    execution_ms bigint NOT NULL
                );
                DO $vm$
                DECLARE
                    newest text;
                BEGIN
                    SELECT revision INTO newest FROM viewmigrate_history ORDER BY rank DESC LIMIT 1;
                    IF newest IS DISTINCT FROM '2' THEN
                        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision \
                is %', 'revision 3', 'revision 2', coalesce(newest, 'none (base)')
                            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql \
                ... with the right starting revision), or migrate online.';
                    END IF;
                END
                $vm$;
                ALTER TABLE accounts ADD COLUMN email text;
                CREATE OR REPLACE VIEW active_accounts AS SELECT id, name, email FROM accounts WHERE active;
                CREATE MATERIALIZED VIEW account_stats AS SELECT count(*) AS accounts, 1 AS id FROM accounts; -- one row
                CREATE UNIQUE INDEX account_stats_id ON account_stats (id);
                CREATE FUNCTION account_count() RETURNS bigint LANGUAGE plpgsql AS $body$
                BEGIN
                    -- a semicolon inside the body must not end the statement;
                    RETURN (SELECT count(*) FROM accounts);
                END;
                $body$;
                INSERT INTO viewmigrate_history (rank, revision, description, checksum, execution_ms)
                VALUES (3, '3', 'add accounts.email; account stats', @CHECKSUM@, \
                (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);
                COMMIT;

                SELECT pg_advisory_unlock(@KEY@);
                """.replace("@KEY@", Long.toString(key)).replace("@CHECKSUM@", Integer.toString(Chains.EMAIL.checksum()));
        assertEquals(expected, script);
    }

    @Test
    void scriptWithAQuotedHistorySchemaAndTable_matchesTheOnlineRun(TestDatabase scripted) throws Exception {
        ViewMigrator.Builder config = ViewMigrator.builder().catalog(Chains.THREE).historySchema("Ops Team")
                .historyTable("Its \"History\"");
        ScriptRunner.Outcome outcome = ScriptRunner.run(scripted, config.build().upgradeSql(null, "+2"));
        assertTrue(outcome.succeeded(), outcome.output());
        try (TestDatabase live = TestDatabase.create()) {
            config.dataSource(live.dataSource()).build().upgrade("+2");
            CatalogSnapshot.capture(live).assertSameAs(CatalogSnapshot.capture(scripted), "script with quoted history");
            String table = "\"Ops Team\".\"Its \"\"History\"\"\"";
            assertEquals(HistoryRows.of(live, table), HistoryRows.of(scripted, table));
            assertEquals(2, HistoryRows.of(scripted, table).size());
        }
        // And the online runner continues from the script's history.
        assertEquals(List.of("3"), config.dataSource(scripted.dataSource()).build().upgrade().executed());
    }

    @Test
    void scriptAtTheTarget_saysThereIsNothingToDo(TestDatabase db) {
        String script = offline(db).upgradeSql("3", "head");
        assertTrue(script.endsWith("-- Nothing to do: the start and the target are both 3.\n"), script);
        assertFalse(script.contains("BEGIN;"), script);
    }
}
