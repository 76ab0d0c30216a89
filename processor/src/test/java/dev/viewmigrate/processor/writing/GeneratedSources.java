package dev.viewmigrate.processor.writing;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.plan.PlannedRevision;
import dev.viewmigrate.runtime.MigrationCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Writes the sources of revisions the way the processor does (planner, then writer), compiles them with javac and
 * loads their catalog: for tests that need the generated code to run without going through annotation processing.
 */
final class GeneratedSources {
    static final String PACKAGE = "viewmigrate.generated";

    private GeneratedSources() {}

    static List<GeneratedFile> write(List<Revision> chain) {
        return new MigrationWriter(PACKAGE).files(PlannedRevision.planAll(chain), new TreeMap<ViewKey, String>(),
                revision -> List.of(), List.of());
    }

    /** Compiles {@code files} into {@code dir} (javac, release 17, the given -encoding) and loads their catalog. */
    static MigrationCatalog compileAndLoad(List<GeneratedFile> files, Path dir, String encoding) {
        return compileAndLoad(files, List.of(), dir, encoding);
    }

    /** The same, with hand-written sources compiled alongside. */
    static MigrationCatalog compileAndLoad(List<GeneratedFile> files, List<Path> handWritten, Path dir,
            String encoding) {
        try {
            Path sources = dir.resolve("src");
            Path classes = dir.resolve("classes");
            Files.createDirectories(classes);
            List<Path> paths = new ArrayList<>(handWritten);
            for (GeneratedFile file : files) {
                if (file.kind() != GeneratedFile.Kind.SOURCE) {
                    continue;
                }
                Path path = sources.resolve(file.name().replace('.', '/') + ".java");
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.content(), StandardCharsets.UTF_8);
                paths.add(path);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null,
                    StandardCharsets.UTF_8)) {
                boolean ok = javac.getTask(null, fileManager, diagnostics, List.of("--release", "17", "-proc:none",
                                "-encoding", encoding, "-d", classes.toString(), "-classpath",
                                System.getProperty("java.class.path")), null,
                        fileManager.getJavaFileObjectsFromPaths(paths)).call();
                assertWithMessage("javac:\n%s", diagnostics.getDiagnostics().stream().map(Object::toString)
                        .collect(Collectors.joining("\n"))).that(ok).isTrue();
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    GeneratedSources.class.getClassLoader());
            return (MigrationCatalog) loader.loadClass(PACKAGE + "." + MigrationWriter.CATALOG_SIMPLE_NAME)
                    .getConstructor().newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
