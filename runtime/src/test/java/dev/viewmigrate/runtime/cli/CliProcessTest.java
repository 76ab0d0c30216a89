package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.Cli;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.SqlMigration;
import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code java dev.viewmigrate.runtime.Cli} as a separate process, as a user would: proves {@code main}, the
 * exit codes and the ServiceLoader discovery of the catalog. The child's classpath is the test classpath minus the
 * test classes, plus a directory holding only {@link TestMigrations} and its service file, so that no other catalog
 * a test may register interferes.
 */
@ExtendWith(PostgresExtension.class)
class CliProcessTest {
    @TempDir
    Path catalogDir;

    @TempDir
    Path outputDir;

    @Test
    void mainRunsTheVerbsAndExitsWithTheirCodes(TestDatabase db) throws Exception {
        String classpath = classpathWithCatalog();
        String[] connection = {"--url", db.url(), "--user", db.user(), "--password", db.password()};

        Result upgrade = runJava(classpath, concat(new String[] {"upgrade"}, connection));
        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        assertTrue(upgrade.out().contains("Applying revision 3: change view active_users ... "),
                upgrade::toString);
        assertTrue(upgrade.out().contains("Upgraded from base to revision 3"), upgrade::toString);

        Result downgrade = runJava(classpath, concat(new String[] {"downgrade", "-1"}, connection));
        assertEquals(0, downgrade.exitCode(), downgrade::toString);

        Result current = runJava(classpath, concat(new String[] {"current"}, connection));
        assertEquals(0, current.exitCode(), current::toString);
        assertEquals("2: create view active_users (1 revision behind; head is revision 3)\n", current.out());

        Result badTarget = runJava(classpath, concat(new String[] {"upgrade", "nope"}, connection));
        assertEquals(2, badTarget.exitCode(), badTarget::toString);
        assertTrue(badTarget.err().startsWith("viewmigrate upgrade: Unknown upgrade target 'nope'"),
                badTarget::toString);
    }

    @Test
    void mainExitsOneWhenTheServerIsUnreachableAndTwoOnUsageErrors() throws Exception {
        String classpath = classpathWithCatalog();

        Result refused = runJava(classpath, "status", "--url",
                "jdbc:postgresql://localhost:" + CliConnectionTest.closedPort() + "/app");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("connection refused"), refused::toString);
        assertFalse(refused.err().contains("\tat "), refused::toString);

        Result usage = runJava(classpath, "downgrade");
        assertEquals(2, usage.exitCode(), usage::toString);
    }

    /**
     * The CLI prints its own lines: the PostgreSQL driver's java.util.logging warning for a malformed URL and the
     * runtime's log lines reach stderr only with --verbose (as "[LEVEL] logger: message").
     */
    @Test
    void loggingReachesStderrOnlyWithVerbose(TestDatabase db) throws Exception {
        String classpath = classpathWithCatalog();
        String malformed = "jdbc:postgresql://localhost:99999999/app";

        Result quiet = runJava(classpath, "status", "--url", malformed);
        assertEquals(2, quiet.exitCode(), quiet::toString);
        assertTrue(quiet.err().startsWith("viewmigrate status: The database URL '" + malformed + "' is malformed"),
                quiet::toString);
        assertEquals(1, quiet.err().lines().count(), quiet::toString);

        Result verbose = runJava(classpath, "status", "--verbose", "--url", malformed);
        assertTrue(verbose.err().contains("[WARNING] org.postgresql.util.PGPropertyUtil: JDBC URL port: 99999999 not"
                + " valid"), verbose::toString);

        String[] connection = {"--url", db.url(), "--user", db.user(), "--password", db.password()};
        Result upgrade = runJava(classpath, concat(new String[] {"upgrade", "+1"}, connection));
        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        assertEquals("", upgrade.err());
        Result verboseUpgrade = runJava(classpath, concat(new String[] {"upgrade", "-v"}, connection));
        assertEquals(0, verboseUpgrade.exitCode(), verboseUpgrade::toString);
        assertTrue(verboseUpgrade.err().contains("[INFO] dev.viewmigrate.runtime.migration: Applied revision 2 "),
                verboseUpgrade::toString);
    }

    @Test
    void mainWithoutACatalogOnTheClasspath_exitsOne(TestDatabase db) throws Exception {
        Result status = runJava(classpathWithoutTestClasses(), "status", "--url", db.url(), "--user", db.user(),
                "--password", db.password());

        assertEquals(1, status.exitCode(), status::toString);
        assertTrue(status.err().startsWith("viewmigrate status failed: No viewmigrate migration catalog"),
                status::toString);
    }

    @Test
    void mainWithoutThePostgresqlDriver_namesTheMissingJar() throws Exception {
        String classpath = Arrays.stream(classpathWithCatalog().split(File.pathSeparator))
                .filter(entry -> !Paths.get(entry).getFileName().toString().startsWith("postgresql-"))
                .collect(Collectors.joining(File.pathSeparator));

        Result status = runJava(classpath, "status", "--url", "jdbc:postgresql://localhost:5432/app");

        assertEquals(1, status.exitCode(), status::toString);
        assertTrue(status.err().startsWith("viewmigrate failed: a class could not be loaded"
                + " (java.lang.NoClassDefFoundError: org/postgresql/"), status::toString);
        assertTrue(status.err().contains("org.postgresql:postgresql"), status::toString);
        assertFalse(status.err().contains("\tat "), status::toString);
    }

    private String classpathWithCatalog() throws IOException {
        Path testClasses = testClassesDirectory();
        // The catalog and the one class its migrations are made of: nothing else of the test classes.
        for (Class<?> type : List.of(TestMigrations.class, SqlMigration.class)) {
            Path packageDir = Paths.get(type.getPackageName().replace('.', '/'));
            Files.createDirectories(catalogDir.resolve(packageDir));
            try (var classes = Files.list(testClasses.resolve(packageDir))) {
                List<Path> files = classes.filter(f -> f.getFileName().toString().startsWith(type.getSimpleName()
                        + ".") || f.getFileName().toString().startsWith(type.getSimpleName() + "$")).toList();
                assertFalse(files.isEmpty(), () -> type.getSimpleName() + ".class not found in " + testClasses);
                for (Path file : files) {
                    Files.copy(file, catalogDir.resolve(packageDir).resolve(file.getFileName()));
                }
            }
        }
        Path services = catalogDir.resolve("META-INF/services/" + MigrationCatalog.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, TestMigrations.class.getName() + "\n");
        return catalogDir + File.pathSeparator + classpathWithoutTestClasses();
    }

    /** Surefire's java.class.path is the test classpath; the runtime's own classes come with it. */
    private static String classpathWithoutTestClasses() {
        String testClasses = testClassesDirectory().toString();
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Paths.get(entry).toString().equals(testClasses)) {
                entries.add(entry);
            }
        }
        String classpath = String.join(File.pathSeparator, entries);
        assertTrue(classpath.contains("picocli"), () -> "unexpected test classpath: " + classpath);
        assertTrue(entries.stream().anyMatch(e -> Paths.get(e).resolve(Cli.class.getName().replace('.', '/')
                + ".class").toFile().isFile()), () -> "runtime classes not on " + classpath);
        return classpath;
    }

    private static Path testClassesDirectory() {
        return Paths.get(TestMigrations.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    }

    private Result runJava(String classpath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", classpath, Cli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(outputDir, "stdout", ".txt");
        Path err = Files.createTempFile(outputDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // The child must take its connection from the arguments only.
        builder.environment().keySet().removeIf(name -> name.startsWith("VIEWMIGRATE_"));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("CLI process did not finish in 60 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
