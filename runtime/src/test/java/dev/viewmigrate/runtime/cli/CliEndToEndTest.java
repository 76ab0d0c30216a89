package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.SqlMigration;
import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every verb against a real database: exit codes, what stdout and stderr say, and what the database holds after. */
@ExtendWith(PostgresExtension.class)
class CliEndToEndTest {
    private static final String TIME = "\\d+(\\.\\d)? m?s";

    @Test
    void upgrade_appliesEveryRevisionWithAProgressLineEach(TestDatabase db) throws SQLException {
        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("Applying revision 1: create table users \\.\\.\\. " + TIME), result::toString);
        assertTrue(lines.get(1).matches("Applying revision 2: create view active_users \\.\\.\\. " + TIME),
                result::toString);
        assertTrue(lines.get(2).matches("Applying revision 3: change view active_users \\.\\.\\. " + TIME),
                result::toString);
        assertTrue(lines.get(3).matches("Upgraded from base to revision 3 \\(3 revisions in " + TIME + "\\)\\."),
                result::toString);
        assertEquals("", result.err());
        assertEquals(List.of("id #1 integer", "name #2 text", "shout #3 text"), viewColumns(db, "active_users"));
    }

    @Test
    void upgradeAtHead_saysThereIsNothingToApply(TestDatabase db) {
        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade");

        Result again = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "head");

        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("Already at revision 3 (target 'head'); nothing to apply.\n", again.out());
    }

    @Test
    void upgradePlusOne_appliesOneRevision(TestDatabase db) {
        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "+1");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Applying revision 1: create table users ... "), result::toString);
        assertTrue(result.out().contains("Upgraded from base to revision 1 (1 revision in "), result::toString);
    }

    @Test
    void downgradeMinusOne_restoresThePreviousDefinition(TestDatabase db) throws SQLException {
        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade");

        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "downgrade", "-1");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("Reverting revision 3: change view active_users \\.\\.\\. " + TIME),
                result::toString);
        assertTrue(lines.get(1).matches("Downgraded from revision 3 to revision 2 \\(1 revision in " + TIME
                + "\\)\\."), result::toString);
        assertEquals(List.of("id #1 integer", "name #2 text"), viewColumns(db, "active_users"));
    }

    @Test
    void downgradeToBase_removesEverything(TestDatabase db) throws SQLException {
        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade");

        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "downgrade", "base");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("Downgraded from revision 3 to base (3 revisions in "), result::toString);
        assertEquals(List.of(), viewColumns(db, "active_users"));
    }

    @Test
    void downgradeBeyondBase_isAnInvalidTargetWithExitTwo(TestDatabase db) {
        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "+1");

        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "downgrade", "-5");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate downgrade: Invalid downgrade target '-5'"), result::toString);
        assertEquals("", result.out());
    }

    @Test
    void upgradeToUnknownRevision_isAnInvalidTargetWithExitTwo(TestDatabase db) {
        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "42");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate upgrade: Unknown upgrade target '42'"), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
    }

    @Test
    void failingRevision_namesItExitsOneAndKeepsThePreviousOnes(TestDatabase db) {
        Result result = CliRunner.runOn(db, TestMigrations.CHAIN_WITH_BROKEN_HEAD, "upgrade");

        assertEquals(1, result.exitCode(), result::toString);
        // The progress line of the failing revision is closed before the error.
        assertTrue(result.out().endsWith("Applying revision 4: create view broken ... failed\n"), result::toString);
        assertTrue(result.err().startsWith("viewmigrate upgrade failed: "), result::toString);
        assertTrue(result.err().contains("no_such_table"), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);

        Result current = CliRunner.runOn(db, TestMigrations.CHAIN_WITH_BROKEN_HEAD, "current");
        assertEquals("3: change view active_users (1 revision behind; head is revision 4)\n", current.out());
    }

    @Test
    void failingRevisionWithVerbose_printsTheStackTrace(TestDatabase db) {
        Result result = CliRunner.runOn(db, TestMigrations.CHAIN_WITH_BROKEN_HEAD, "upgrade", "--verbose");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("dev.viewmigrate.runtime.ViewMigrateException"), result::toString);
        assertTrue(result.err().contains("\tat "), result::toString);
    }

    @Test
    void failingDoBlock_printsDetailAndHintButPlpgsqlContextOnlyWithVerbose(TestDatabase db) {
        Migration check = new SqlMigration("4", "check users", List.of("""
                DO $vm$
                BEGIN
                    IF EXISTS (SELECT 1 FROM users) OR true THEN
                        RAISE EXCEPTION USING ERRCODE = 'dependent_objects_still_exist',
                            MESSAGE = 'objects viewmigrate does not manage depend on active_users',
                            DETAIL = E'view public.a depends on view active_users\\nview public.b depends on view'
                                || ' active_users',
                            HINT = 'Drop them first.';
                    END IF;
                END
                $vm$"""), List.of("SELECT 1"));
        MigrationCatalog chain = () -> List.of(TestMigrations.CREATE_TABLE, TestMigrations.CREATE_VIEW,
                TestMigrations.CHANGE_VIEW, check);

        Result quiet = CliRunner.runOn(db, chain, "upgrade");
        Result verbose = CliRunner.runOn(db, chain, "upgrade", "--verbose");

        assertEquals(1, quiet.exitCode(), quiet::toString);
        assertTrue(quiet.err().contains("PostgreSQL: objects viewmigrate does not manage depend on active_users "
                + "(SQLState 2BP01) at line 4, in the DO block's RAISE:\n    RAISE EXCEPTION USING ERRCODE = "
                + "'dependent_objects_still_exist',\n"
                + "Detail: view public.a depends on view active_users\n    view public.b depends on view active_users\n"
                + "Hint: Drop them first.\nNothing was changed. Do what the hint says, then run upgrade again."),
                quiet::toString);
        assertFalse(quiet.err().contains("Where"), quiet::toString);
        assertFalse(quiet.err().contains("inline_code_block"), quiet::toString);
        assertEquals(1, verbose.exitCode(), verbose::toString);
        assertTrue(verbose.err().contains("Where: PL/pgSQL function inline_code_block line 4 at RAISE"),
                verbose::toString);
    }

    @Test
    void current_atBaseAtHeadAndBehind(TestDatabase db) {
        assertEquals("base: nothing applied (head is revision 3)\n",
                CliRunner.runOn(db, TestMigrations.CHAIN, "current").out());

        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "2");
        assertEquals("2: create view active_users (1 revision behind; head is revision 3)\n",
                CliRunner.runOn(db, TestMigrations.CHAIN, "current").out());

        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade");
        Result atHead = CliRunner.runOn(db, TestMigrations.CHAIN, "current");
        assertEquals(0, atHead.exitCode(), atHead::toString);
        assertEquals("3 (head): change view active_users\n", atHead.out());
    }

    @Test
    void history_listsTheChainWithAppliedAndPendingRevisionsInAlignedColumns(TestDatabase db) {
        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "+2");

        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "history");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("REVISION +DESCRIPTION +APPLIED AT \\(UTC\\) +BY +TIME"), result::toString);
        String applied = " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +" + db.user() + " +" + TIME;
        assertTrue(lines.get(1).matches("1 +create table users" + applied), result::toString);
        assertTrue(lines.get(2).matches("2 \\(current\\) +create view active_users" + applied), result::toString);
        assertTrue(lines.get(3).matches("3 \\(head\\) +change view active_users +pending"), result::toString);
        // Aligned: every row's description starts in the header's DESCRIPTION column.
        int column = lines.get(0).indexOf("DESCRIPTION");
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(' ', line.charAt(column - 1), line);
            assertTrue(Character.isLetter(line.charAt(column)), line);
        }
    }

    @Test
    void history_ofAnEmptyDatabaseListsEveryRevisionAsPending(TestDatabase db) {
        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "history");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(3, result.out().lines().filter(line -> line.endsWith("pending")).count(), result::toString);
    }

    @Test
    void status_listsAppliedCountAndPendingRevisions(TestDatabase db) {
        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "1");

        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "status");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(String.join("\n",
                "Database:          " + db.url() + " as user " + db.user(),
                "Current revision:  1 (create table users)",
                "Head revision:     3 (change view active_users)",
                "Applied:           1 revision",
                "Pending:           2 revisions",
                "",
                "Pending revisions, in the order 'upgrade' applies them:",
                "REVISION  DESCRIPTION",
                "2         create view active_users",
                "3         change view active_users",
                "",
                "Run 'viewmigrate upgrade' to apply them.",
                ""), result.out());
    }

    @Test
    void status_upToDate(TestDatabase db) {
        CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade");

        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "status");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("Pending:           0 revisions\n\nUp to date: nothing to apply.\n"),
                result::toString);
    }

    @Test
    void connectionFromTheEnvironment_works(TestDatabase db) {
        Map<String, String> env = Map.of(
                "VIEWMIGRATE_URL", db.url(),
                "VIEWMIGRATE_USER", db.user(),
                "VIEWMIGRATE_PASSWORD", db.password());

        Result upgrade = CliRunner.run(env, TestMigrations.CHAIN, "upgrade");
        Result current = CliRunner.run(env, TestMigrations.CHAIN, "current");

        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        assertEquals("3 (head): change view active_users\n", current.out());
    }

    @Test
    void historyTableOptions_areUsed(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA ops");
        }
        Result result = CliRunner.runOn(db, TestMigrations.CHAIN, "upgrade", "--history-schema", "ops",
                "--history-table", "view_revisions");

        assertEquals(0, result.exitCode(), result::toString);
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM ops.view_revisions")) {
            rows.next();
            assertEquals(3, rows.getInt(1));
        }
        // Another history table knows nothing of those revisions.
        assertEquals("base: nothing applied (head is revision 3)\n",
                CliRunner.runOn(db, TestMigrations.CHAIN, "current").out());
    }

    @Test
    void connectionAndHistoryOptionsBeforeTheVerb_workLikeAfterIt(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA ops");
        }
        // As a shell alias would hold them: everything about the database first, then the verb.
        String[] before = {"--url", db.url(), "--user", db.user(), "--password", db.password(), "--history-schema",
                "ops"};

        Result upgrade = CliRunner.run(Map.of(), TestMigrations.CHAIN, concat(before, "upgrade", "+2",
                "--history-table", "view_revisions"));
        Result current = CliRunner.run(Map.of(), TestMigrations.CHAIN, concat(before, "--history-table",
                "view_revisions", "current"));
        Result script = CliRunner.run(Map.of(), TestMigrations.CHAIN, concat(before, "--history-table",
                "view_revisions", "sql", "upgrade", "2:head"));

        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        assertTrue(upgrade.out().contains("Upgraded from base to revision 2"), upgrade::toString);
        assertEquals("2: create view active_users (1 revision behind; head is revision 3)\n", current.out());
        assertEquals(0, script.exitCode(), script::toString);
        assertTrue(script.out().contains("INSERT INTO ops.view_revisions "), script::toString);
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT string_agg(revision, ',' ORDER BY rank) FROM "
                        + "ops.view_revisions")) {
            rows.next();
            assertEquals("1,2", rows.getString(1));
        }
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void sqlUpgrade_printsOnlyTheScript_whichPsqlStyleExecutionApplies(TestDatabase db) throws SQLException {
        Result result = CliRunner.run(Map.of(), TestMigrations.CHAIN, "sql", "upgrade", "head");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err());
        assertTrue(result.out().contains("CREATE VIEW active_users AS SELECT id, name FROM users WHERE active"),
                result::toString);
        assertFalse(result.out().contains("Applying revision"), "progress lines are not SQL:\n" + result);
        // The script is the whole of stdout: running it as is must work and migrate the database.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(result.out());
        }
        assertEquals(List.of("id #1 integer", "name #2 text", "shout #3 text"), viewColumns(db, "active_users"));
        assertEquals("3 (head): change view active_users\n",
                CliRunner.runOn(db, TestMigrations.CHAIN, "current").out());
    }

    @Test
    void sqlUpgradeFromTo_coversOnlyThatRange() {
        Result result = CliRunner.run(Map.of(), TestMigrations.CHAIN, "sql", "upgrade", "2:3");

        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(result.out().contains("CREATE TABLE users"), result::toString);
        assertFalse(result.out().contains("CREATE VIEW active_users AS SELECT id, name FROM users WHERE active"),
                result::toString);
        assertTrue(result.out().contains("upper(name) AS shout"), result::toString);
    }

    @Test
    void sqlDowngradeMinusOne_startsFromHead() {
        Result result = CliRunner.run(Map.of(), TestMigrations.CHAIN, "sql", "downgrade", "-1");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("DROP VIEW active_users"), result::toString);
        assertFalse(result.out().contains("DROP TABLE users"), result::toString);
    }

    @Test
    void sqlDowngradeFromTo_coversThatRange() {
        Result result = CliRunner.run(Map.of(), TestMigrations.CHAIN, "sql", "downgrade", "2:base");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("DROP TABLE users"), result::toString);
        assertFalse(result.out().contains("upper(name)"), result::toString);
    }

    @Test
    void sqlWithUnknownRevision_isAnInvalidTarget() {
        Result result = CliRunner.run(Map.of(), TestMigrations.CHAIN, "sql", "upgrade", "7:head");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate sql upgrade: Invalid starting revision '7'"),
                result::toString);
        assertEquals("", result.out());
    }

    @Test
    void missingCatalog_explainsHowToGenerateIt(TestDatabase db) {
        // A class loader that sees no service files at all.
        ClassLoader empty = new URLClassLoader(new URL[0], null);

        Result result = CliRunner.run(builder -> builder.classLoader(empty), "status", "--url", db.url(), "--user",
                db.user(), "--password", db.password());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate status failed: No viewmigrate migration catalog on the"
                + " classpath"), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
    }

    @Test
    void passwordOfASuccessfulVerboseRun_isNeverPrinted(TestDatabase db) {
        String secret = "Cli-E2E-Secret-77";
        // The embedded server trusts local connections, so any password logs in: enough to check it stays hidden.
        Result result = CliRunner.run(Map.of(), TestMigrations.CHAIN, "status", "--verbose", "--url",
                db.url() + "?password=" + secret, "--user", db.user(), "--password", secret);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("?password=***"), result::toString);
        assertTrue(result.err().contains("Connected: PostgreSQL "), result::toString);
        assertFalse(result.out().contains(secret), result::toString);
        assertFalse(result.err().contains(secret), result::toString);
    }

    @Test
    void unexpectedException_isOneParagraphWithoutTraceUnlessVerbose() {
        MigrationCatalog throwing = () -> {
            throw new IllegalStateException("catalog exploded");
        };

        Result quiet = CliRunner.run(Map.of(), throwing, "sql", "upgrade");
        Result verbose = CliRunner.run(Map.of(), throwing, "sql", "upgrade", "--verbose");

        assertEquals(1, quiet.exitCode(), quiet::toString);
        assertEquals("viewmigrate sql upgrade failed: Unexpected error: java.lang.IllegalStateException: catalog"
                + " exploded. Run again with --verbose to see where it was thrown; if it comes from viewmigrate rather"
                + " than from your migrations, please report it with that stack trace.\n", quiet.err());
        assertEquals(1, verbose.exitCode(), verbose::toString);
        assertTrue(verbose.err().contains("java.lang.IllegalStateException: catalog exploded\n\tat "),
                verbose::toString);
    }

    @Test
    void runtimeValidationFailure_isPrintedAsTheRuntimeWroteIt() {
        MigrationCatalog duplicate = () -> List.of(TestMigrations.CREATE_TABLE, TestMigrations.CREATE_TABLE);

        Result result = CliRunner.run(Map.of(), duplicate, "sql", "upgrade");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate sql upgrade failed: Revision id '1' appears twice"),
                result::toString);
        assertEquals("", result.out());
    }

    /** The columns of {@code public.<view>} as the catalog snapshot shows them, in column order: "name #1 type". */
    private static List<String> viewColumns(TestDatabase db, String view) throws SQLException {
        return CatalogSnapshot.capture(db).entriesOf("public." + view).stream()
                .filter(entry -> entry.kind() == CatalogSnapshot.Kind.COLUMN)
                .sorted(Comparator.comparingInt(entry -> Integer.parseInt(entry.detail().split(" ", 2)[0]
                        .substring(1))))
                .map(entry -> entry.member() + " " + entry.detail())
                .toList();
    }
}
