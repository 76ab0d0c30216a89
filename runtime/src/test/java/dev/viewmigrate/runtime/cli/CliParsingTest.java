package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.cli.CliRunner.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything the CLI decides before it touches a database: help, version, usage errors. */
class CliParsingTest {
    @Test
    void topLevelHelp_listsEveryVerbAndTheEnvironmentVariables() {
        Result result = CliRunner.run("--help");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Usage: viewmigrate"), result::toString);
        for (String verb : new String[] {"upgrade", "downgrade", "current", "history", "status", "sql", "refresh",
                "verify"}) {
            assertTrue(result.out().contains("\n  " + verb + " "), () -> verb + " missing from\n" + result);
        }
        assertTrue(result.out().contains("VIEWMIGRATE_URL"), result::toString);
        assertTrue(result.out().contains("VIEWMIGRATE_PASSWORD"), result::toString);
        assertEquals("", result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"upgrade", "downgrade", "current", "history", "status", "refresh", "verify"})
    void everyDatabaseVerb_hasHelpWithTheConnectionOptions(String verb) {
        Result result = CliRunner.run(verb, "--help");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Usage: viewmigrate " + verb), result::toString);
        assertTrue(result.out().contains("--url=JDBC_URL"), result::toString);
        assertTrue(result.out().contains("--password=PASSWORD"), result::toString);
        assertTrue(result.out().contains("--history-table=TABLE"), result::toString);
        assertEquals("", result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"upgrade", "downgrade"})
    void sqlVerbs_haveHelpWithoutConnectionOptions(String direction) {
        Result result = CliRunner.run("sql", direction, "--help");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Usage: viewmigrate sql " + direction), result::toString);
        assertTrue(result.out().contains("[FROM:]TARGET"), result::toString);
        assertFalse(result.out().contains("--url"), "sql never connects, so it has no --url:\n" + result);
    }

    @Test
    void sqlHelp_namesItsTwoVerbs() {
        Result result = CliRunner.run("sql", "--help");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("\n  upgrade "), result::toString);
        assertTrue(result.out().contains("\n  downgrade "), result::toString);
    }

    @Test
    void version_printsTheProjectVersion() {
        Result result = CliRunner.run("--version");

        assertEquals(0, result.exitCode(), result::toString);
        // The version Maven filtered in; "unknown" would mean the resource was not filtered.
        assertTrue(result.out().matches("(?s)viewmigrate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava .*"), result::toString);
    }

    @Test
    void noVerb_isAUsageErrorListingTheVerbs() {
        Result result = CliRunner.run();

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate: Missing verb: give one of upgrade, downgrade,"),
                result::toString);
        assertTrue(result.err().contains("Run 'viewmigrate --help' for usage."), result::toString);
        assertEquals("", result.out());
    }

    @Test
    void unknownVerb_isAOneParagraphUsageErrorListingTheVerbs() {
        Result result = CliRunner.run("migrate");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate: Unknown verb 'migrate'. The verbs are upgrade, downgrade, current, history, status,"
                + " sql, refresh, verify, stamp, import. Run 'viewmigrate --help' for usage.\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void misspelledVerb_suggestsTheClosestOne() {
        Result result = CliRunner.run("--url", "jdbc:postgresql://localhost/app", "upgarde", "head");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate: Unknown verb 'upgarde'. Did you mean upgrade? The verbs are upgrade, downgrade,"
                + " current, history, status, sql, refresh, verify, stamp, import. Run 'viewmigrate --help' for usage.\n",
                result.err());
        assertEquals("viewmigrate sql: Unknown verb 'updgrade'. Did you mean upgrade? The verbs are upgrade,"
                + " downgrade, stamp. Run 'viewmigrate sql --help' for usage.\n", CliRunner.run("sql", "updgrade").err());
    }

    /** A verb this version does not have (e.g. one of a newer version), with its options: the verb is the error. */
    @ParameterizedTest
    @ValueSource(strings = {"baseline --package com.example.views --out src/main/java", "frobnicate --force",
            "--url jdbc:postgresql://localhost/app baseline --package x", "baseline -p s3cret-pw"})
    void unknownVerbFollowedByOptions_isAnUnknownVerb_notAnUnknownOption(String commandLine) {
        Result result = CliRunner.run(commandLine.split(" "));

        assertEquals(2, result.exitCode(), result::toString);
        String verb = commandLine.startsWith("--url") ? "baseline" : commandLine.split(" ")[0];
        assertEquals("viewmigrate: Unknown verb '" + verb + "'. The verbs are upgrade, downgrade, current, history,"
                + " status, sql, refresh, verify, stamp, import. Run 'viewmigrate --help' for usage.\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void unknownSqlVerbFollowedByOptions_isAnUnknownVerbOfSql() {
        Result result = CliRunner.run("sql", "upgarde", "--from", "1");

        assertEquals("viewmigrate sql: Unknown verb 'upgarde'. Did you mean upgrade? The verbs are upgrade,"
                + " downgrade, stamp. Run 'viewmigrate sql --help' for usage.\n", result.err());
    }

    /** picocli takes "-1x" and "--1" for options; they are targets gone wrong, and both verbs say so alike. */
    @ParameterizedTest
    @ValueSource(strings = {"downgrade -1x", "downgrade --1", "upgrade -1x", "upgrade --1", "downgrade --2",
            "sql downgrade -1x", "downgrade --1 --url jdbc:postgresql://localhost/app"})
    void countTargetThatLooksLikeAnOption_isAMalformedTarget(String commandLine) {
        Result result = CliRunner.run(commandLine.split(" "));

        String[] words = commandLine.split(" ");
        String command = words[0].equals("sql") ? "sql " + words[1] : words[0];
        String verb = words[0].equals("sql") ? words[1] : words[0];
        String target = words[0].equals("sql") ? words[2] : words[1];
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate " + command + ": Malformed " + verb + " target '" + target + "': -N needs a whole"
                + " number N of at least 1. Run 'viewmigrate " + command + " --help' for usage.\n", result.err());
    }

    @Test
    void valueOfAnUnknownOption_isNeverTakenForATarget() {
        Result result = CliRunner.run("downgrade", "-1", "--pasword", "-1secret");

        assertEquals(2, result.exitCode(), result::toString);
        assertFalse(result.err().contains("Malformed"), result::toString);
        assertTrue(result.err().contains("Unknown option"), result::toString);
    }

    @Test
    void aRun_restoresTheLoggingItSilenced() {
        java.util.logging.Logger driver = java.util.logging.Logger.getLogger("org.postgresql");
        java.util.logging.Logger runtime = java.util.logging.Logger.getLogger("dev.viewmigrate.runtime");
        int driverHandlers = driver.getHandlers().length;
        int runtimeHandlers = runtime.getHandlers().length;

        CliRunner.run("status", "--url", "jdbc:postgresql://localhost:99999999/app");

        assertTrue(driver.getUseParentHandlers());
        assertTrue(runtime.getUseParentHandlers());
        assertEquals(driverHandlers, driver.getHandlers().length);
        assertEquals(runtimeHandlers, runtime.getHandlers().length);
    }

    @Test
    void misspelledOption_suggestsTheRightOne() {
        Result result = CliRunner.run("status", "--urll", "jdbc:postgresql://localhost/app");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate status: Unknown option '--urll' (the value given with it is not shown). Did you mean"
                + " --url? Run 'viewmigrate status --help' for usage.\n", result.err());
        assertEquals("", result.out());
    }

    /** A mistyped password option: whatever the spelling and wherever it stands, the password is never printed. */
    @ParameterizedTest
    @ValueSource(strings = {"status --pasword s3cret-pw --url jdbc:postgresql://localhost/app",
            "status --passwd=s3cret-pw", "upgrade --pasword s3cret-pw", "downgrade -1 --Password s3cret-pw",
            "--pasword s3cret-pw status", "--passwd=s3cret-pw upgrade", "sql upgrade --password=s3cret-pw",
            "status --pwd s3cret-pw --verbose", "-p s3cret-pw status", "status extra --pwd s3cret-pw"})
    void mistypedPasswordOption_neverEchoesThePassword(String commandLine) {
        Result result = CliRunner.run(commandLine.split(" "));

        assertEquals(2, result.exitCode(), result::toString);
        assertFalse(result.err().contains("s3cret-pw"), result::toString);
        assertFalse(result.out().contains("s3cret-pw"), result::toString);
        assertTrue(result.err().contains("Unknown option"), result::toString);
    }

    @Test
    void mistypedPasswordOption_isNamedWithTheClosestValidOne() {
        Result separate = CliRunner.run("status", "--pasword", "s3cret-pw");
        Result joined = CliRunner.run("verify", "--passwd=s3cret-pw", "--histroy-table", "h");

        assertEquals("viewmigrate status: Unknown option '--pasword' (the value given with it is not shown). Did you"
                + " mean --password? Run 'viewmigrate status --help' for usage.\n", separate.err());
        assertEquals("viewmigrate verify: Unknown options '--passwd', '--histroy-table' (2 values given with them are"
                + " not shown). Did you mean --password or --history-table? Run 'viewmigrate verify --help' for"
                + " usage.\n", joined.err());
    }

    @Test
    void unknownOptionAfterAnUnexpectedArgument_namesBoth() {
        Result result = CliRunner.run("status", "extra", "--pasword", "s3cret-pw");

        assertEquals("viewmigrate status: Unknown option '--pasword' (the value given with it is not shown)."
                + " Unexpected argument 'extra'. Did you mean --password? Run 'viewmigrate status --help' for usage.\n",
                result.err());
    }

    @Test
    void rootHelp_listsTheConnectionOptions_forUseBeforeTheVerb() {
        Result result = CliRunner.run("--help");

        assertTrue(result.out().contains("--url=JDBC_URL"), result::toString);
        assertTrue(result.out().contains("--history-table=TABLE"), result::toString);
        assertTrue(result.out().contains("before or after the verb"), result::toString);
    }

    @Test
    void connectionOptionsBeforeTheVerb_areUsed() {
        // Parsed and resolved: the run gets as far as checking the URL that was given before the verb.
        Result result = CliRunner.run("--url", "postgres://localhost/app", "--user", "app", "status");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate status: The database URL 'postgres://localhost/app' is neither"
                + " a PostgreSQL nor a SQLite JDBC URL."), result::toString);
    }

    @Test
    void connectionOptionAfterTheVerb_winsOverTheSameOptionBeforeIt() {
        Result result = CliRunner.run("--url", "jdbc:postgresql://localhost/app", "status", "--url", "mysql://x/y");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate status: The database URL 'mysql://x/y' is neither a PostgreSQL"),
                result::toString);
    }

    @Test
    void downgradeWithoutTarget_isAUsageError() {
        Result result = CliRunner.run("downgrade");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Missing required parameter: 'TARGET'"), result::toString);
    }

    @Test
    void downgradeMinusOne_isTakenAsTheTargetNotAsAnOption() {
        // Without a database the run stops at the connection, after parsing: proof that "-1" parsed as TARGET.
        Result result = CliRunner.run("downgrade", "-1");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate downgrade: No database given."), result::toString);
        assertFalse(result.err().contains("Unknown option"), result::toString);
    }

    @Test
    void sqlDowngradeMinusTwo_isTakenAsTheTarget() {
        Result result = CliRunner.run("sql", "downgrade", "-2", "--history-table", "h");

        assertFalse(result.err().contains("Unknown option"), result::toString);
        assertFalse(result.err().contains("Missing required parameter"), result::toString);
    }

    @Test
    void noUrl_namesTheOptionAndTheEnvironmentVariables() {
        Result result = CliRunner.run("status");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate status: No database given. Pass --url jdbc:postgresql://HOST:PORT/DATABASE (with"
                + " --user and --password), or set the environment variables VIEWMIGRATE_URL, VIEWMIGRATE_USER and"
                + " VIEWMIGRATE_PASSWORD.\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void sqlWithoutDirection_isAUsageError() {
        Result result = CliRunner.run("sql");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate sql: Missing verb: give 'sql upgrade [FROM:]TARGET'"),
                result::toString);
        assertEquals("", result.out());
    }

    @Test
    void sqlWithEmptyTarget_isAUsageError() {
        Result result = CliRunner.run("sql", "upgrade", "1:");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("viewmigrate sql upgrade: Missing TARGET in '1:'"), result::toString);
    }

    @Test
    void refreshAndVerify_withoutADatabase_sayHowToGiveOne() {
        for (String verb : new String[] {"refresh", "verify"}) {
            Result result = CliRunner.run(verb);

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals(1, result.err().lines().count(), result::toString);
            assertTrue(result.err().startsWith("viewmigrate " + verb + ": No database given. Pass --url"),
                    result::toString);
            assertEquals("", result.out());
        }
    }

    @Test
    void refreshHelp_describesConcurrentlyAndTheViews() {
        Result result = CliRunner.run("refresh", "--help");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Usage: viewmigrate refresh"), result::toString);
        assertTrue(result.out().contains("--concurrently"), result::toString);
        assertTrue(result.out().contains("[VIEW...]"), result::toString);
    }

    @Test
    void verbose_isAcceptedBeforeOrAfterTheVerb() {
        Result before = CliRunner.run("--verbose", "verify");
        Result after = CliRunner.run("verify", "-v");

        assertEquals(2, before.exitCode(), before::toString);
        assertEquals(2, after.exitCode(), after::toString);
        // With --verbose a failure prints its stack trace.
        assertTrue(before.err().contains("\tat dev.viewmigrate.runtime.internal.cli."), before::toString);
        assertTrue(after.err().contains("\tat dev.viewmigrate.runtime.internal.cli."), after::toString);
    }

    @Test
    void help_neverShowsAPasswordFromTheEnvironment() {
        Result result = CliRunner.run(Map.of("VIEWMIGRATE_PASSWORD", "hunter2-from-env"), null, "upgrade", "--help");

        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(result.out().contains("hunter2-from-env"), result::toString);
    }
}
