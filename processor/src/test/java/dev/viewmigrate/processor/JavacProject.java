package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A small real project compiled the way Maven does it: the system javac, the processor (and what it needs) on
 * {@code -processorpath}, only the annotations, the runtime and JPA on {@code -classpath}.
 */
final class JavacProject {
    private final Path root;
    private final Path sources;
    private final Path snapshots;
    private final List<String> processorOptions = new ArrayList<>();

    JavacProject(Path root) {
        this.root = root;
        this.sources = root.resolve("src/main/java");
        this.snapshots = root.resolve("src/main/viewmigrate");
    }

    /** Adds a processor option ({@code -Aviewmigrate.dialect=sqlite}) to every later compile. */
    JavacProject option(String option) {
        processorOptions.add(option);
        return this;
    }

    Path snapshots() {
        return snapshots;
    }

    /** {@code src/main/java}: where {@code import} writes its classes in the adoption tests. */
    Path sourceRoot() {
        return sources;
    }

    /** The source of a {@code @View} class {@code com.example.<simpleName>} with the given attributes and SQL. */
    static String viewClass(String simpleName, String attributes, String sql) {
        return """
                package com.example;

                import dev.viewmigrate.annotations.View;

                @View(%s%ssql = \"""
                        %s
                        \""")
                public class %s {
                }
                """.formatted(attributes, attributes.isEmpty() ? "" : ", ", sql.replace("\n", "\n        "),
                simpleName);
    }

    /** Writes (or overwrites) {@code com/example/<simpleName>.java}. */
    Path write(String simpleName, String code) {
        Path file = sources.resolve("com/example/" + simpleName + ".java");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, code, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    void delete(String simpleName) throws IOException {
        Files.delete(sources.resolve("com/example/" + simpleName + ".java"));
    }

    /** Compiles every source of the project into a fresh output directory; fails the test on errors. */
    Path compileAll(String outputName) {
        try (var files = Files.walk(sources)) {
            return compile(outputName, files.filter(f -> f.toString().endsWith(".java")).sorted().toList(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles only {@code files}, with {@code extraClasspath} (earlier output) on the class path. */
    Path compile(String outputName, List<Path> files, List<Path> extraClasspath) {
        Path output = root.resolve("target/" + outputName);
        Path generated = root.resolve("target/generated-" + outputName);
        try {
            Files.createDirectories(output);
            Files.createDirectories(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> classpath = new ArrayList<>();
        extraClasspath.forEach(p -> classpath.add(p.toString()));
        classpath.addAll(testClasspath().stream().filter(JavacProject::isApiJar).toList());
        List<String> options = new ArrayList<>(List.of(
                "--release", "17",
                "-d", output.toString(),
                "-s", generated.toString(),
                "-processorpath", String.join(File.pathSeparator, testClasspath()),
                "-classpath", String.join(File.pathSeparator, classpath),
                "-Aviewmigrate.snapshots=" + snapshots));
        options.addAll(processorOptions);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertWithMessage("javac %s:\n%s", files, diagnostics.getDiagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n")))
                    .that(ok).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }

    Path source(String simpleName) {
        return sources.resolve("com/example/" + simpleName + ".java");
    }

    /** A class loader over the compiled output, whose parent shares the runtime classes with the test. */
    static URLClassLoader load(Path output) {
        try {
            return new URLClassLoader(new URL[] {output.toUri().toURL()}, JavacProject.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> testClasspath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** What a user's module has on its compile class path: the annotations, the runtime, JPA. */
    private static boolean isApiJar(String entry) {
        String path = entry.replace('\\', '/');
        return path.contains("viewmigrate-annotations") || path.endsWith("annotations/target/classes")
                || path.contains("viewmigrate-runtime") || path.endsWith("runtime/target/classes")
                || path.contains("jakarta.persistence-api");
    }
}
