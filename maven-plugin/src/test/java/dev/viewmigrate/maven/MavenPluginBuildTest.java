package dev.viewmigrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Maven builds of a user's project (src/test/projects/basic: one {@code @View}, the processor, this plugin)
 * with the {@code mvn} on PATH, against a real PostgreSQL.
 *
 * <p>The builds never touch the shared local repository: they use a private one under target/it, into which this
 * test copies the artifacts under test (this plugin, runtime, annotations, processor, parent pom) from the reactor's
 * target directories; everything else (compiler plugin, driver, ...) Maven fetches into it from the outer build's
 * local repository, configured as a file:// "central". So the test runs without network and without
 * {@code mvn install}.
 */
class MavenPluginBuildTest {
    private static final String VERSION = System.getProperty("viewmigrate.version");
    private static final Path ROOT = Path.of(System.getProperty("viewmigrate.root")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("viewmigrate.work")).toAbsolutePath();
    private static final Path REPO = WORK.resolve("repo");
    private static final Path PROJECT = WORK.resolve("basic");

    private static TestDatabase database;

    @BeforeAll
    static void prepare() throws IOException {
        database = TestDatabase.create();
        Files.createDirectories(REPO);
        install("viewmigrate-parent", ROOT.resolve("pom.xml"), null);
        install("viewmigrate-annotations", ROOT.resolve("annotations/pom.xml"), ROOT.resolve("annotations/target"));
        install("viewmigrate-sql", ROOT.resolve("sql/pom.xml"), ROOT.resolve("sql/target"));
        install("viewmigrate-runtime", ROOT.resolve("runtime/pom.xml"), ROOT.resolve("runtime/target"));
        install("viewmigrate-processor", ROOT.resolve("processor/pom.xml"), ROOT.resolve("processor/target"));
        install("viewmigrate-maven-plugin", ROOT.resolve("maven-plugin/pom.xml"),
                Path.of(System.getProperty("viewmigrate.plugin.jar")).getParent());
        String seed = Path.of(System.getProperty("viewmigrate.seedRepository")).toUri().toString();
        // "central" replaced by the outer build's local repository; it has no checksum files, and our own SNAPSHOTs
        // are only ever the ones copied above.
        Files.writeString(WORK.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories>
                        <repository>
                          <id>central</id>
                          <url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository>
                          <id>central</id>
                          <url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>outer-local-repository</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(seed));
        delete(PROJECT);
        copy(ROOT.resolve("maven-plugin/src/test/projects/basic"), PROJECT);
        Path pom = PROJECT.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@viewmigrate.version@", VERSION));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void compileUpgradeSql_thenDowngradeStatus_thenAFailure() throws Exception {
        Build upgrade = mvn("compile", "viewmigrate:upgrade", "viewmigrate:sql", "viewmigrate:stamp",
                "-Dviewmigrate.target=head", "-Dviewmigrate.ddlLockTimeout=5s", "-Dviewmigrate.lockMode=session");
        upgrade.assertSuccess();
        // The stamp compares the live views with head (they match: nothing to record) before writing anything.
        assertTrue(upgrade.log.contains("The history already records revision 1; nothing written"), upgrade.log);
        assertTrue(upgrade.log.contains("[INFO] Upgraded from base to revision 1 (1 revision"), upgrade.log);
        assertTrue(Files.exists(PROJECT.resolve("src/main/viewmigrate/0001_create_view_bestseller.yaml")),
                "the compile froze revision 1");
        assertEquals(List.of("product_id", "sold"), columns("bestseller"));
        String script = Files.readString(PROJECT.resolve("target/viewmigrate/migration.sql"));
        assertTrue(script.contains("CREATE VIEW bestseller AS"), script);
        assertTrue(script.contains("\nSET lock_timeout = '5s';\n"), script);

        // status takes no lock options: the plugin passes them only to the verbs that do.
        Build downgrade = mvn("viewmigrate:downgrade", "-Dviewmigrate.target=-1", "viewmigrate:status",
                "-Dviewmigrate.ddlLockRetries=1");
        downgrade.assertSuccess();
        assertTrue(downgrade.log.contains("[INFO] Downgraded from revision 1 to base (1 revision"), downgrade.log);
        assertTrue(downgrade.log.contains("[INFO] Pending:           1 revision"), downgrade.log);
        assertEquals(List.of(), columns("bestseller"));

        Build failure = mvn("viewmigrate:current", "-Dviewmigrate.url=jdbc:postgresql://localhost:notaport/shop");
        assertEquals(1, failure.exit, failure.log);
        assertTrue(failure.log.contains("[ERROR] Failed to execute goal dev.viewmigrate:viewmigrate-maven-plugin:"
                + VERSION + ":current"), failure.log);
        assertTrue(failure.log.contains("viewmigrate current: The database URL"
                + " 'jdbc:postgresql://localhost:notaport/shop' is malformed"), failure.log);
        // The driver's java.util.logging warning stays out of the build log.
        assertFalse(failure.log.contains("JDBC URL invalid port number"), failure.log);
    }

    @Test
    void upgradeOnTenantSchemasFromAQuery_createsTheViewInEachAndPrintsTheSummary() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA tenant_x; CREATE SCHEMA tenant_y");
        }
        try {
            Build build = mvn("compile", "viewmigrate:upgrade", "-Dviewmigrate.parallel=2", "-Dviewmigrate"
                    + ".targetsQuery=SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant%' ORDER BY 1");
            build.assertSuccess();
            assertTrue(build.log.contains("[INFO] 2 targets: 2 ok, 0 failed, 0 not run"), build.log);
            assertTrue(build.log.lines().anyMatch(line -> line.matches(
                    "\\[INFO\\] tenant_y +ok +1 .*upgraded from base to 1")), build.log);
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT string_agg(schemaname, ',' ORDER BY schemaname)"
                            + " FROM pg_views WHERE viewname = 'bestseller' AND schemaname LIKE 'tenant%'")) {
                rows.next();
                assertEquals("tenant_x,tenant_y", rows.getString(1));
            }
        } finally {
            // The other tests look views up by name in every schema: leave only theirs.
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA tenant_x CASCADE; DROP SCHEMA tenant_y CASCADE");
            }
        }
    }

    @Test
    void downgradeWithoutTarget_failsSayingWhatToPass() throws Exception {
        Build build = mvn("viewmigrate:downgrade");
        assertEquals(1, build.exit, build.log);
        assertTrue(build.log.contains("viewmigrate downgrade: no target given, and a downgrade never guesses one."
                + " Pass -Dviewmigrate.target=-1"), build.log);
    }

    @Test
    void rejectedLogin_namesThePluginsSettings_notTheCommandLinesOptions() throws Exception {
        // The later -D wins over the one mvn(...) passes.
        Build build = mvn("viewmigrate:status", "-Dviewmigrate.user=no_such_role_mvn");
        assertEquals(1, build.exit, build.log);
        assertTrue(build.log.contains("rejected the login of user 'no_such_role_mvn'"), build.log);
        assertTrue(build.log.contains("Check -Dviewmigrate.user (<user>) and -Dviewmigrate.password (<password>) (or"
                + " VIEWMIGRATE_USER and VIEWMIGRATE_PASSWORD)."), build.log);
        assertFalse(build.log.contains("--user"), build.log);
    }

    private static Build mvn(String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-s",
                WORK.resolve("settings.xml").toString(), "-Dmaven.repo.local=" + REPO,
                "-Dviewmigrate.url=" + database.url(), "-Dviewmigrate.user=" + database.user(),
                "-Dviewmigrate.password=" + database.password()));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("VIEWMIGRATE_") || name.equals("MAVEN_ARGS"));
        // Short builds: start-up dominates, and the top JIT tier never pays off.
        builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Path log = WORK.resolve("build-" + System.nanoTime() + ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + goals + " did not finish within 300 s; log: " + log);
        }
        return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static List<String> columns(String view) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.connect();
                ResultSet rs = connection.createStatement().executeQuery("SELECT a.attname FROM pg_attribute a"
                        + " JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = '" + view + "'"
                        + " AND a.attnum > 0 ORDER BY a.attnum")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    /** Lays out a reactor artifact in the private repository as "mvn install" would (locally installed). */
    private static void install(String artifactId, Path pom, Path targetDir) throws IOException {
        Path dir = Files.createDirectories(REPO.resolve("dev/viewmigrate/" + artifactId + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (targetDir != null) {
            Path jar = targetDir.resolve(artifactId + "-" + VERSION + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run this test in a reactor build that packages "
                        + artifactId + " (e.g. mvn -pl maven-plugin -am verify)");
            }
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private record Build(int exit, String log) {
        void assertSuccess() {
            assertEquals(0, exit, log);
            assertTrue(log.contains("BUILD SUCCESS"), log);
        }
    }
}
