package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery from a bad, unapplied revision with a real Maven build, as docs/troubleshooting.md tells it: freeze a
 * wrong revision, fix the view, {@code mvn compile -Dviewmigrate.amend=true}; Maven's incremental compile must leave
 * no stale {@code Revision0002} (source or class) and no catalog entry when the amend removes the revision, and
 * regenerate it when the amend replaces it. The project's pom passes the options through Maven properties exactly as
 * the docs show; only the processor path points at this build instead of a repository.
 */
class AmendMavenBuildTest {
    private static final String VIEW = """
            package com.example;

            import dev.viewmigrate.annotations.View;

            @View(sql = \"""
                    %s
                    \""")
            public class Totals {
            }
            """;

    @TempDir
    Path project;

    @Test
    void amend_removesOrReplacesTheNewestRevision_withoutStaleClasses_inAnIncrementalMavenBuild() throws Exception {
        Assumptions.assumeTrue(onPath("mvn"), "mvn is not on the PATH");
        writePom();
        Path source = project.resolve("src/main/java/com/example/Totals.java");
        Files.createDirectories(source.getParent());
        Path generated = project.resolve("target/generated-sources/annotations/viewmigrate/generated");
        Path classes = project.resolve("target/classes/viewmigrate/generated");
        Path snapshots = project.resolve("src/main/viewmigrate");

        write(source, "SELECT 1 AS id");
        mvn("compile");
        write(source, "SELECT 1 AS id, 2 AS wrong");
        mvn("compile");
        assertThat(names(snapshots)).containsExactly("0001_create_view_totals.yaml", "0002_change_view_totals.yaml");
        assertThat(names(classes)).contains("Revision0002.class");

        // Reverted, amended: revision 2 goes, and with it its source and class.
        write(source, "SELECT 1 AS id");
        String output = mvn("compile", "-Dviewmigrate.amend=true");
        assertThat(output).contains("[ViewAmend] Amended revision 2");
        assertThat(names(snapshots)).containsExactly("0001_create_view_totals.yaml");
        assertThat(names(generated)).containsExactly("Revision0001.java", "ViewMigrateCatalog.java");
        assertThat(names(classes)).containsExactly("Revision0001.class", "ViewMigrateCatalog.class");
        assertThat(Files.readString(generated.resolve("ViewMigrateCatalog.java"))).doesNotContain("Revision0002");

        // Wrong again, then fixed with amend and a description: revision 2 is regenerated from the fixed view.
        write(source, "SELECT 1 AS id, 2 AS wrong");
        mvn("compile");
        write(source, "SELECT 1 AS id, 2 AS total");
        mvn("compile", "-Dviewmigrate.amend=true", "-Dviewmigrate.description=Totals: the column is total");
        assertThat(names(snapshots)).containsExactly("0001_create_view_totals.yaml",
                "0002_totals_the_column_is_total.yaml");
        String revision2 = Files.readString(generated.resolve("Revision0002.java"));
        assertThat(revision2).contains("\"Totals: the column is total\"");
        assertThat(revision2).doesNotContain("wrong");
        assertThat(names(classes)).containsExactly("Revision0001.class", "Revision0002.class",
                "ViewMigrateCatalog.class");

        // Without a change, Maven does not run javac at all, so the property set by mistake does nothing.
        assertThat(mvn("compile", "-Dviewmigrate.amend=true")).contains("Nothing to compile");
        assertThat(names(snapshots)).hasSize(2);
    }

    private void writePom() throws IOException {
        List<String> processorPath = new ArrayList<>(classpath());
        Path annotations = jar(entry("annotations"), "annotations.jar");
        Path runtime = jar(entry("runtime"), "runtime.jar");
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <modelVersion>4.0.0</modelVersion>
                    <groupId>com.example</groupId>
                    <artifactId>sample</artifactId>
                    <version>1</version>
                    <properties>
                        <maven.compiler.release>17</maven.compiler.release>
                        <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                        <!-- As docs/troubleshooting.md shows: set from the command line with -D. -->
                        <viewmigrate.amend>false</viewmigrate.amend>
                        <viewmigrate.description></viewmigrate.description>
                    </properties>
                    <dependencies>
                        <dependency>
                            <groupId>dev.viewmigrate</groupId>
                            <artifactId>viewmigrate-annotations</artifactId>
                            <version>0</version>
                            <scope>system</scope>
                            <systemPath>%s</systemPath>
                        </dependency>
                        <dependency>
                            <groupId>dev.viewmigrate</groupId>
                            <artifactId>viewmigrate-runtime</artifactId>
                            <version>0</version>
                            <scope>system</scope>
                            <systemPath>%s</systemPath>
                        </dependency>
                    </dependencies>
                    <build>
                        <plugins>
                            <plugin>
                                <groupId>org.apache.maven.plugins</groupId>
                                <artifactId>maven-resources-plugin</artifactId>
                                <version>3.3.1</version>
                            </plugin>
                            <plugin>
                                <groupId>org.apache.maven.plugins</groupId>
                                <artifactId>maven-compiler-plugin</artifactId>
                                <version>3.13.0</version>
                                <configuration>
                                    <compilerArgs>
                                        <arg>-processorpath</arg>
                                        <arg>%s</arg>
                                        <arg>-Aviewmigrate.snapshots=${project.basedir}/src/main/viewmigrate</arg>
                                        <arg>-Aviewmigrate.amend=${viewmigrate.amend}</arg>
                                        <arg>-Aviewmigrate.description=${viewmigrate.description}</arg>
                                    </compilerArgs>
                                </configuration>
                            </plugin>
                        </plugins>
                    </build>
                </project>
                """.formatted(annotations, runtime, String.join(File.pathSeparator, processorPath));
        Files.writeString(project.resolve("pom.xml"), pom);
    }

    private static void write(Path source, String sql) throws IOException {
        Files.writeString(source, VIEW.formatted(sql), StandardCharsets.UTF_8);
    }

    /** Runs Maven offline in the project; fails the test on a non-zero exit, showing the output. */
    private String mvn(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o", "-ntp"));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertWithMessage("mvn did not finish:\n%s", output).that(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertWithMessage("%s\n%s", command, output).that(process.exitValue()).isEqualTo(0);
        return output;
    }

    private static List<String> names(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> classpath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** The test class path entry of a viewmigrate module: its jar, or (in a reactor build) its classes directory. */
    private static Path entry(String module) {
        return classpath().stream().map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith("viewmigrate-" + module)
                        || p.endsWith(Path.of(module, "target", "classes")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + module + " on " + classpath()));
    }

    /** Maven's system scope takes jars only: a classes directory is packed into one. */
    private Path jar(Path entry, String name) throws IOException {
        if (Files.isRegularFile(entry)) {
            return entry;
        }
        Path jar = project.resolve("lib").resolve(name);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(entry)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(entry.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, executable)));
    }
}
