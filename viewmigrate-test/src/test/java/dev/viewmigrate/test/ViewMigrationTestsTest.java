package dev.viewmigrate.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.TestExecutionResult.Status.ABORTED;
import static org.junit.platform.engine.TestExecutionResult.Status.FAILED;
import static org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL;

import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.testdb.PostgresServer;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs user-style test classes (the nested fixtures: surefire does not run nested classes itself) through the JUnit
 * Platform and asserts on what a user would see: which dynamic tests pass, fail or are skipped, and the failure
 * messages.
 */
class ViewMigrationTestsTest {
    private static final String CHAIN = "chain: 4 revisions (1 → 4), unique ids, frozen views consistent";
    private static final String REVISION_1 = "revision 1 (create view active_users): upgrade → downgrade → upgrade "
            + "is exact";
    private static final String REVISION_2 = "revision 2 (add users.created_at): upgrade → downgrade → upgrade is "
            + "exact";
    private static final String REVISION_3 = "revision 3 (change view active_users; create materialized view "
            + "user_counts): upgrade → downgrade → upgrade is exact";
    private static final String REVISION_4 = "revision 4 (remove view active_users): upgrade → downgrade → upgrade "
            + "is exact";
    private static final String HEAD = "head (revision 4): live views match the frozen @View definitions";
    private static final String BASE = "head → base: downgrading every revision restores the database as it was "
            + "before revision 1";

    record Outcome(String name, TestExecutionResult.Status status, String message) {}

    private static List<Outcome> run(Class<?> testClass) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .execute();
        // The factory itself (a container) must never fail: every problem is reported by a named dynamic test.
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        return results.testEvents().finished().stream().map(ViewMigrationTestsTest::outcome).toList();
    }

    private static Outcome outcome(Event event) {
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        return new Outcome(event.getTestDescriptor().getDisplayName(), result.getStatus(),
                result.getThrowable().map(Throwable::getMessage).orElse(""));
    }

    private static Outcome find(List<Outcome> outcomes, String name) {
        return outcomes.stream().filter(outcome -> outcome.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test named " + name + " in " + outcomes));
    }

    private static List<String> names(List<Outcome> outcomes, TestExecutionResult.Status status) {
        return outcomes.stream().filter(outcome -> outcome.status() == status).map(Outcome::name).toList();
    }

    /** A user's test class on the chain of {@link UserChain} with one revision replaced. */
    abstract static class UserChainTests extends ViewMigrationTests {
        @Override
        protected String setupSql() {
            return UserChain.SETUP_SQL;
        }
    }

    @Test
    void goodChain_everyCheckIsANamedPassingTest() throws ClassNotFoundException {
        // The user's one-line class, in a package of its own, with the chain found through META-INF/services.
        List<Outcome> outcomes = run(Class.forName("com.example.app.ViewMigrationsTest"));
        assertEquals(List.of(CHAIN, REVISION_1, REVISION_2, REVISION_3, REVISION_4, HEAD, BASE),
                outcomes.stream().map(Outcome::name).toList());
        assertEquals(List.of(), names(outcomes, FAILED), outcomes::toString);
        assertEquals(List.of(), names(outcomes, ABORTED), outcomes::toString);
    }

    static final List<String> CREATED = Collections.synchronizedList(new ArrayList<>());

    static class ForgetsToDropColumn extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(UserChain.replacing(2, UserChain.ADD_CREATED_AT.withDown()));
        }

        @Override
        protected TestDatabase createDatabase() {
            TestDatabase database = super.createDatabase();
            CREATED.add(database.name());
            return database;
        }
    }

    @Test
    void downgradeThatForgetsToDropAColumn_failsThatRevisionNamingTheColumn_othersStillRun() throws SQLException {
        CREATED.clear();
        List<Outcome> outcomes = run(ForgetsToDropColumn.class);
        assertEquals(List.of(REVISION_2, BASE), names(outcomes, FAILED), outcomes::toString);
        // A fresh database after the failure: revisions 3 and 4 and the head check are judged on their own.
        assertEquals(List.of(CHAIN, REVISION_1, REVISION_3, REVISION_4, HEAD), names(outcomes, SUCCESSFUL));
        assertEquals("""
                Revision 2 (add users.created_at): the downgrade does not restore the database as it was before the \
                revision (it must undo exactly what the upgrade did; fix the downgrade). 1 object differs:
                column created_at of public.users
                    before revision 2:   (absent)
                    after its downgrade: #4 timestamp with time zone""", find(outcomes, REVISION_2).message());
        assertTrue(find(outcomes, BASE).message().startsWith("Downgrading from head to base in one run does not "
                + "restore the database as it was before revision 1. 1 object differs:\ncolumn created_at of "
                + "public.users\n"), find(outcomes, BASE).message());

        // One database for the run, a fresh one after revision 2 failed (none after the last check's failure); the
        // run drops both when it ends.
        assertEquals(2, CREATED.size(), CREATED::toString);
        try (Connection connection = PostgresServer.shared().adminConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM pg_database WHERE datname = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", CREATED.toArray()));
            try (ResultSet count = query.executeQuery()) {
                count.next();
                assertEquals(0, count.getInt(1), "databases left behind: " + CREATED);
            }
        }
    }

    static class ForgetsCommentAndGrant extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(UserChain.replacing(3, UserChain.CHANGE_ACTIVE_USERS.withDown(
                    "DROP MATERIALIZED VIEW user_counts", "DROP VIEW active_users",
                    "CREATE VIEW active_users AS " + UserChain.ACTIVE_USERS_V1)));
        }
    }

    @Test
    void downgradeThatRecreatesAViewWithoutItsGrantAndComment_failsShowingBothSides() {
        List<Outcome> outcomes = run(ForgetsCommentAndGrant.class);
        // Downgrading further drops the view anyway: only the revision's own round trip can see the loss.
        assertEquals(List.of(REVISION_3), names(outcomes, FAILED), outcomes::toString);
        String message = find(outcomes, REVISION_3).message();
        assertTrue(message.startsWith("Revision 3 (change view active_users; create materialized view user_counts): "
                + "the downgrade does not restore the database as it was before the revision"), message);
        assertTrue(message.contains("1 object differs:\nrelation public.active_users\n"
                + "    before revision 3:   view owner="), message);
        assertTrue(message.contains("comment=users who may log in\n    after its downgrade: view owner="), message);
    }

    static class UpgradeFails extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(UserChain.replacing(2, UserChain.ADD_CREATED_AT.withUp(
                    "ALTER TABLE users ADD COLUMN created_at no_such_type")));
        }
    }

    @Test
    void revisionThatDoesNotUpgrade_fails_andTheChecksThatNeedItAreSkippedNotFailed() {
        List<Outcome> outcomes = run(UpgradeFails.class);
        assertEquals(List.of(REVISION_2), names(outcomes, FAILED), outcomes::toString);
        assertEquals(List.of(REVISION_3, REVISION_4, HEAD, BASE), names(outcomes, ABORTED));
        String message = find(outcomes, REVISION_2).message();
        assertTrue(message.startsWith("Revision 2 (add users.created_at) does not upgrade from revision 1. "), message);
        assertTrue(message.contains("no_such_type"), message);
        assertEquals("Skipped: revision 3 (change view active_users; create materialized view user_counts) needs "
                + "revision 2 (add users.created_at), whose upgrade failed (see its own test).",
                find(outcomes, REVISION_3).message());
    }

    static class DefinitionDrift extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            // Runs other SQL than it froze, and forgets the declared index: what a hand edit of generated code, or a
            // broken generator, looks like.
            return Optional.of(UserChain.replacing(3, UserChain.CHANGE_ACTIVE_USERS.withUp(
                    "DROP VIEW active_users",
                    "CREATE VIEW active_users AS " + UserChain.ACTIVE_USERS_V2,
                    "COMMENT ON VIEW active_users IS 'users who may log in'",
                    "GRANT SELECT ON active_users TO PUBLIC",
                    "CREATE MATERIALIZED VIEW user_counts AS SELECT active, count(*) AS users FROM users "
                            + "WHERE name <> '' GROUP BY active")));
        }
    }

    @Test
    void liveViewThatDiffersFromItsFrozenDefinition_failsTheHeadCheckNamingTheViewAndTheIndex() {
        List<Outcome> outcomes = run(DefinitionDrift.class);
        assertEquals(List.of(HEAD), names(outcomes, FAILED), outcomes::toString);
        String message = find(outcomes, HEAD).message();
        assertTrue(message.startsWith("At head (revision 4 (remove view active_users)), the live database does not "
                + "match the frozen @View definitions: 2 findings\n- "), message);
        List<String> findings = List.of(message.split("\n- ")).subList(1, 3);
        assertTrue(findings.stream().allMatch(finding -> finding.contains("user_counts")), message);
        assertTrue(findings.stream().anyMatch(finding -> finding.contains("name <> ''")), message);
        assertTrue(findings.stream().anyMatch(finding -> finding.contains("user_counts_active")), message);
    }

    static class DuplicateIds extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(UserChain.replacing(3, UserChain.CHANGE_ACTIVE_USERS.withRevision("2")));
        }
    }

    @Test
    void duplicateRevisionIds_failOneChainTestWithTheRuntimesMessage() {
        List<Outcome> outcomes = run(DuplicateIds.class);
        assertEquals(1, outcomes.size(), outcomes::toString);
        Outcome chain = outcomes.get(0);
        assertEquals("chain: exactly one migration catalog, well-formed", chain.name());
        assertEquals(FAILED, chain.status());
        assertTrue(chain.message().startsWith("The migration chain of " + DuplicateIds.class.getName()
                + " cannot be loaded, so no revision can be tested. Revision id '2' appears twice"), chain.message());
    }

    static class NoCatalog extends UserChainTests {
        @Override
        protected ClassLoader classLoader() {
            // Sees the JDK only: no META-INF/services file, as in a module compiled without the processor.
            return ClassLoader.getPlatformClassLoader();
        }
    }

    @Test
    void noCatalogOnTheClasspath_failsOneChainTestSayingHowToGenerateIt() {
        List<Outcome> outcomes = run(NoCatalog.class);
        assertEquals(List.of("chain: exactly one migration catalog, well-formed"), names(outcomes, FAILED));
        assertTrue(outcomes.get(0).message().contains("No viewmigrate migration catalog on the classpath"),
                outcomes.get(0).message());
    }

    static class EmptyChain extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(List::of);
        }
    }

    @Test
    void emptyChain_failsInsteadOfPassingWithNothingTested() {
        List<Outcome> outcomes = run(EmptyChain.class);
        assertEquals(List.of("chain: at least one revision"), names(outcomes, FAILED));
        assertTrue(outcomes.get(0).message().contains("lists no revisions"), outcomes.get(0).message());
    }

    static class RemovesUnknownView extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(UserChain.replacing(4, UserChain.REMOVE_ACTIVE_USERS.withViewsRemoved("active_user")));
        }
    }

    @Test
    void frozenViewsThatDoNotAddUp_failTheChainTestNamingTheRevision() {
        Outcome chain = find(run(RemovesUnknownView.class), CHAIN);
        assertEquals(FAILED, chain.status());
        assertEquals("The frozen views of the chain are inconsistent:\n- revision 4 (remove view active_users) removes "
                + "view active_user, which no earlier revision creates: its viewsRemoved() and the viewsAfter() of the "
                + "revisions before it disagree.", chain.message());
    }

    static class NotRepeatable extends UserChainTests {
        @Override
        protected String setupSql() {
            return UserChain.SETUP_SQL + "; CREATE SEQUENCE builds";
        }

        @Override
        protected Optional<MigrationCatalog> catalog() {
            // Each upgrade stamps the table with another number: the downgrade is exact (it removes the stamp), but a
            // second upgrade does not give the catalog of the first.
            List<String> up = new ArrayList<>(UserChain.CREATE_ACTIVE_USERS.up());
            up.add("DO $$ BEGIN EXECUTE format('COMMENT ON TABLE users IS %L', 'build ' || nextval('builds')); "
                    + "END $$");
            List<String> down = new ArrayList<>(UserChain.CREATE_ACTIVE_USERS.down());
            down.add("COMMENT ON TABLE users IS NULL");
            return Optional.of(UserChain.replacing(1, UserChain.CREATE_ACTIVE_USERS
                    .withUp(up.toArray(String[]::new)).withDown(down.toArray(String[]::new))));
        }
    }

    @Test
    void upgradeThatGivesAnotherCatalogTheSecondTime_failsWithBothSides() {
        List<Outcome> outcomes = run(NotRepeatable.class);
        assertEquals(List.of(REVISION_1), names(outcomes, FAILED), outcomes::toString);
        assertEquals("""
                Revision 1 (create view active_users): upgrading again after the downgrade does not give the database \
                of the first upgrade (the downgrade leaves something behind that the upgrade does not recreate, e.g. \
                a grant, comment or index). 1 object differs:
                relation public.users
                    after the first upgrade:  table owner=%1$s comment=build 1
                    after the second upgrade: table owner=%1$s comment=build 2""".formatted(
                PostgresServer.shared().user()), find(outcomes, REVISION_1).message());
    }

    static class LosesOptions extends UserChainTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            // Revision 1 sets an option on the view; revision 3's downgrade recreates the view without it.
            List<String> up = new ArrayList<>(UserChain.CREATE_ACTIVE_USERS.up());
            up.add("ALTER VIEW active_users SET (security_barrier = true)");
            return Optional.of(UserChain.replacing(1, UserChain.CREATE_ACTIVE_USERS
                    .withUp(up.toArray(String[]::new))));
        }
    }

    @Test
    void downgradeThatLosesAViewOption_failsNamingTheOption() {
        List<Outcome> outcomes = run(LosesOptions.class);
        assertEquals(List.of(REVISION_3), names(outcomes, FAILED), outcomes::toString);
        String message = find(outcomes, REVISION_3).message();
        assertTrue(message.contains("relation public.active_users") && message.contains("security_barrier=true"),
                message);
    }

    static class BrokenSetup extends UserChainTests {
        @Override
        protected String setupSql() {
            return "CREATE TABLE users (id bigint PRIMARY KEY";
        }
    }

    @Test
    void failingSetup_failsTheFirstCheckThatNeedsTheDatabase_andSkipsTheRest() {
        List<Outcome> outcomes = run(BrokenSetup.class);
        assertEquals(List.of(REVISION_1), names(outcomes, FAILED), outcomes::toString);
        assertEquals(List.of(REVISION_2, REVISION_3, REVISION_4, HEAD, BASE), names(outcomes, ABORTED));
        String message = find(outcomes, REVISION_1).message();
        assertTrue(message.startsWith("The setup of a fresh test database failed (setupSql() or setUp(Connection) of "
                + BrokenSetup.class.getName() + "): ERROR: syntax error at end of input"), message);
        assertTrue(message.endsWith("Fix the setup: it runs before revision 1 on an empty database."), message);
    }

    static class CustomHistoryTable extends UserChainTests {
        @Override
        protected Optional<String> historySchema() {
            return Optional.of("tooling");
        }

        @Override
        protected String historyTable() {
            return "view_history";
        }
    }

    @Test
    void historyTableInItsOwnSchema_isLeftOutOfTheComparison() {
        // Were the history table or its schema compared, revision 1's downgrade would "leave them behind".
        List<Outcome> outcomes = run(CustomHistoryTable.class);
        assertEquals(List.of(), names(outcomes, FAILED), outcomes::toString);
        assertEquals(7, names(outcomes, SUCCESSFUL).size());
    }
}
