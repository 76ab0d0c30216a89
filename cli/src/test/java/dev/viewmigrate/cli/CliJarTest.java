package dev.viewmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged executable jar as a user does ({@code java -jar viewmigrate-cli-VERSION.jar --classpath PATH
 * VERB}) against a real PostgreSQL, with the migrations of the boot-app fixture: revision 1 creates view
 * {@code greeting (id, word, language)}, revision 2 drops column {@code language}.
 */
class CliJarTest {
    private static final Path JAR = Path.of(System.getProperty("viewmigrate.cli.jar"));
    private static final Path DIST = Path.of(System.getProperty("viewmigrate.cli.dist"));
    private static final Path FIXTURE = Path.of(System.getProperty("viewmigrate.fixture.dir"));
    private static final Path BOOT_JAR = FIXTURE.resolve("boot-app-exec.jar");
    private static final Path PLAIN_JAR = FIXTURE.resolve("boot-app.jar");
    private static final Path CLASSES = FIXTURE.resolve("classes");

    @TempDir
    Path temp;

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void springBootJar_upgradeCurrentHistoryDowngrade() throws Exception {
        Path tmp = Files.createDirectories(temp.resolve("tmp"));

        Result upgrade = runIn(tmp, "--classpath", BOOT_JAR.toString(), "upgrade");
        upgrade.assertExit(0);
        assertTrue(upgrade.out.contains("Upgraded from base to revision 2 (2 revisions"), upgrade.toString());
        assertEquals(List.of("id", "word"), columns("greeting"));

        Result current = runIn(tmp, "--classpath", BOOT_JAR.toString(), "current");
        current.assertExit(0);
        assertTrue(current.out.startsWith("2 (head): change view greeting"), current.toString());

        Result history = runIn(tmp, "history", "--classpath", BOOT_JAR.toString());
        history.assertExit(0);
        assertTrue(history.out.lines().anyMatch(line -> line.matches("1 +create view greeting +20.*")),
                history.toString());
        assertTrue(history.out.lines().anyMatch(line -> line.matches("2 \\(head, current\\) +change view greeting .*")),
                history.toString());

        Result downgrade = runIn(tmp, "--classpath", BOOT_JAR.toString(), "downgrade", "-1");
        downgrade.assertExit(0);
        assertTrue(downgrade.out.contains("Downgraded from revision 2 to revision 1"), downgrade.toString());
        assertEquals(List.of("id", "word", "language"), columns("greeting"));

        // The nested jars were unpacked into the JVM's temporary directory and removed at exit.
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void classesDirectory_upgradeToOneRevision() throws Exception {
        Result result = run("--classpath", CLASSES.toString(), "upgrade", "1");
        result.assertExit(0);
        assertTrue(result.out.contains("Upgraded from base to revision 1 (1 revision"), result.toString());
        assertEquals(List.of("id", "word", "language"), columns("greeting"));
    }

    @Test
    void plainJar_status() throws Exception {
        Result result = run("--classpath=" + PLAIN_JAR, "status");
        result.assertExit(0);
        assertTrue(result.out.contains("Pending:           2 revisions"), result.toString());
    }

    @Test
    void wildcardAndEnvironmentVariable_upgrade() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("lib"));
        Files.copy(PLAIN_JAR, lib.resolve("app.jar"));
        Files.writeString(lib.resolve("notes.txt"), "not a jar: the wildcard takes *.jar only");
        Result result = runWith(Map.of("VIEWMIGRATE_CLASSPATH", lib + "/*"), "upgrade");
        result.assertExit(0);
        assertTrue(result.out.contains("Upgraded from base to revision 2"), result.toString());
    }

    @Test
    void malformedUrl_usageErrorInOneParagraph_withoutDriverLogging() throws Exception {
        Result result = runWith(Map.of("VIEWMIGRATE_URL", "jdbc:postgresql://localhost:notaport/app"),
                "--classpath", BOOT_JAR.toString(), "status");
        result.assertExit(2);
        assertEquals("", result.out);
        // One paragraph, no java.util.logging "WARNING: JDBC URL invalid port number" from the driver before it.
        assertEquals(1, result.err.strip().lines().count(), result.toString());
        assertTrue(result.err.startsWith("viewmigrate status: The database URL 'jdbc:postgresql://localhost:notaport/app'"
                + " is malformed"), result.toString());
    }

    @Test
    void sqliteUrl_theDriverShipsInTheJar() throws Exception {
        String url = "jdbc:sqlite:" + temp.resolve("app.db");
        Result status = run("--classpath", BOOT_JAR.toString(), "status", "--url", url);
        status.assertExit(0);
        assertTrue(status.out.contains("Current revision:  base"), status.toString());
        // The fixture's chain is PostgreSQL's: refused on SQLite, naming the processor option.
        Result upgrade = run("--classpath", BOOT_JAR.toString(), "upgrade", "--url", url);
        upgrade.assertExit(1);
        assertTrue(upgrade.err.contains("-Aviewmigrate.dialect=sqlite"), upgrade.toString());
    }

    @Test
    void missingClasspathEntry_namesIt() throws Exception {
        Result result = run("--classpath", temp.resolve("nope.jar").toString(), "upgrade");
        result.assertExit(2);
        assertEquals(1, result.err.strip().lines().count(), result.toString());
        assertTrue(result.err.startsWith("viewmigrate upgrade: --classpath entry '" + temp.resolve("nope.jar")
                + "' does not exist."), result.toString());
    }

    @Test
    void classpathWithoutCatalog_failsNamingTheProcessor() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Result result = run("--classpath", empty.toString(), "current");
        result.assertExit(1);
        assertTrue(result.err.startsWith("viewmigrate current failed: No viewmigrate migration catalog in --classpath"),
                result.toString());
        assertTrue(result.err.contains("viewmigrate-processor"), result.toString());
    }

    @Test
    void noClasspath_saysToGiveOne() throws Exception {
        Result result = run("upgrade");
        result.assertExit(2);
        assertTrue(result.err.startsWith("viewmigrate upgrade: no application classes given"), result.toString());
    }

    @Test
    void help_showsClasspathAndAnExamplePerVerb() throws Exception {
        Result root = run("--help");
        root.assertExit(0);
        assertTrue(root.out.contains("--classpath"), root.out);
        Result upgrade = run("upgrade", "--help");
        upgrade.assertExit(0);
        assertTrue(upgrade.out.contains("Examples:"), upgrade.out);
        assertTrue(upgrade.out.contains("viewmigrate --classpath app.jar upgrade +1"), upgrade.out);
    }

    /** In-process (one JVM start per verb would cost seconds each): every verb's help shows an example. */
    @Test
    void help_ofEveryVerb_showsAnExample() {
        for (String verb : List.of("upgrade", "downgrade", "current", "history", "status", "sql upgrade",
                "sql downgrade", "refresh", "verify")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of(verb.split(" ")));
            args.add("--help");
            int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), args.toArray(String[]::new));
            String help = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, verb + ": " + err);
            assertTrue(help.contains("Examples:%n  viewmigrate --classpath app.jar ".formatted() + verb),
                    verb + ": " + help);
        }
    }

    @Test
    void distribution_launcherRunsTheJar() throws Exception {
        Path unpacked = Files.createDirectories(temp.resolve("dist"));
        Process tar = new ProcessBuilder("tar", "xzf", DIST.toString(), "-C", unpacked.toString())
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        Path launcher;
        try (Stream<Path> homes = Files.list(unpacked)) {
            launcher = homes.findFirst().orElseThrow().resolve("bin/viewmigrate");
        }
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        Result result = exec(List.of("sh", launcher.toString(), "--classpath", BOOT_JAR.toString(), "upgrade"),
                Map.of());
        result.assertExit(0);
        assertTrue(result.out.contains("Upgraded from base to revision 2"), result.toString());
    }

    private List<String> columns(String view) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.connect();
                ResultSet rs = connection.createStatement().executeQuery("SELECT attname FROM pg_attribute"
                        + " WHERE attrelid = '" + view + "'::regclass AND attnum > 0 ORDER BY attnum")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return java(null, Map.of(), args);
    }

    /** With the JVM's temporary directory (where Boot jars are unpacked) at {@code tmpDir}. */
    private Result runIn(Path tmpDir, String... args) throws IOException, InterruptedException {
        return java(tmpDir, Map.of(), args);
    }

    private Result runWith(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return java(null, env, args);
    }

    private Result java(Path tmpDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (tmpDir != null) {
            command.add("-Djava.io.tmpdir=" + tmpDir);
        }
        // Starts faster (the commands are short); nothing here depends on the JIT's top tier.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        return exec(command, env);
    }

    private Result exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("VIEWMIGRATE_"));
        builder.environment().put("VIEWMIGRATE_URL", database.url());
        builder.environment().put("VIEWMIGRATE_USER", database.user());
        builder.environment().put("VIEWMIGRATE_PASSWORD", database.password());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Path out = temp.resolve("out-" + System.nanoTime());
        Path err = temp.resolve("err-" + System.nanoTime());
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("viewmigrate did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {
        void assertExit(int expected) {
            assertEquals(expected, exit, this::toString);
            assertFalse(err.contains("WARNING:"), this::toString);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
