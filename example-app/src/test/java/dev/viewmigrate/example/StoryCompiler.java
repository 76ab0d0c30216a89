package dev.viewmigrate.example;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a source tree with javac and the real viewmigrate processor, as {@code mvn compile} does for a user:
 * the processor and its dependencies on {@code -processorpath}, the snapshot directory as
 * {@code -Aviewmigrate.snapshots}. Both paths come from the test classpath, which holds the processor as a test
 * dependency; this module's own output directories are left out, so that only the sources given here are compiled
 * and only their generated catalog exists.
 */
public final class StoryCompiler {
    private StoryCompiler() {}

    /** The compiled classes and the compiler's notes and warnings (errors fail the compile). */
    public record Result(Path classes, List<String> diagnostics) {}

    public static Result compile(Path sources, Path snapshots, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().map(Path::toFile).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = dependencyClasspath();
        List<String> options = List.of(
                "--release", "17",
                "-encoding", "UTF-8",
                "-d", classes.toString(),
                "-classpath", classpath,
                "-processorpath", classpath,
                "-Aviewmigrate.snapshots=" + snapshots);
        boolean success;
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
            success = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromFiles(files)).call();
        }
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            messages.add(diagnostic.getKind() + ": " + diagnostic.getMessage(null)
                    + (diagnostic.getSource() == null ? "" : " (" + diagnostic.getSource().getName() + ":"
                    + diagnostic.getLineNumber() + ")"));
        }
        if (!success) {
            throw new AssertionError("javac failed on " + sources + ":\n" + String.join("\n", messages));
        }
        return new Result(classes, messages);
    }

    /** The test classpath without this module's own classes and test classes. */
    private static String dependencyClasspath() {
        Path moduleTarget = Path.of("target").toAbsolutePath().normalize();
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().startsWith(moduleTarget))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
