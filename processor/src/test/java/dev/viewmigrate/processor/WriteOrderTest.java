package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.source;
import static dev.viewmigrate.processor.Compilations.sql;
import static dev.viewmigrate.processor.Compilations.view;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the processor's writes: everything that can fail happens before the snapshot directory is touched,
 * and a failure after a revision file was written says exactly which file is on disk.
 */
class WriteOrderTest {
    private static final String REVISION_1 = "viewmigrate.generated.Revision0001";

    @TempDir
    Path snapshots;

    @Test
    void generatedClassNameAlreadyTaken_failsAfterFreezing_namingTheRevisionFileThatTheNextCompileRegeneratesFrom() {
        JavaFileObject activeUser = view("ActiveUser", sql("SELECT 1 AS id"));
        // A class of the compile with the name of the migration the processor generates: the Filer refuses it.
        JavaFileObject clash = source(REVISION_1, """
                package viewmigrate.generated;

                public class Revision0001 {
                }
                """);
        Path frozen = snapshots.resolve("0001_create_view_active_user.yaml");

        Compilation failed = compiler(snapshots).compile(activeUser, clash);

        assertThat(failed).failed();
        assertThat(failed).hadErrorContaining("[ViewMigrateGeneratedFileFailed] cannot write generated file "
                + REVISION_1 + " (javax.annotation.processing.FilerException: Attempt to recreate a file for type "
                + REVISION_1 + "). A class of that name is already part of this compile");
        assertThat(failed).hadErrorContaining("Revision file " + frozen + " was written completely before the"
                + " failure: keep it and commit it with your code; the next compile regenerates every migration class"
                + " from the snapshot directory.");
        Map<String, String> files = snapshotFiles(snapshots);
        assertThat(files.keySet()).containsExactly("0001_create_view_active_user.yaml");

        Compilation next = compiler(snapshots).compile(activeUser);

        assertThat(next).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots)).isEqualTo(files);
        assertThat(next).generatedSourceFile(REVISION_1).contentsAsUtf8String()
                .contains("view(\"active_user\", \"SELECT 1 AS id\")");
    }

    @Test
    void generatedClassNameTakenWithoutAnyChange_saysNothingWasWritten() {
        JavaFileObject activeUser = view("ActiveUser", sql("SELECT 1 AS id"));
        assertThat(compiler(snapshots).compile(activeUser)).succeeded();
        Map<String, String> files = snapshotFiles(snapshots);

        Compilation failed = compiler(snapshots).compile(activeUser, source("viewmigrate.generated.ViewMigrateCatalog",
                "package viewmigrate.generated;\npublic class ViewMigrateCatalog {}\n"));

        assertThat(failed).hadErrorContaining("cannot write generated file viewmigrate.generated.ViewMigrateCatalog");
        assertThat(failed).hadErrorContaining("Nothing was written to the snapshot directory. Fix the cause");
        assertThat(snapshotFiles(snapshots)).isEqualTo(files);
    }

    @Test
    void javaPoetMissingFromTheProcessorPath_namesTheClassAndTheFix_andWritesNothing() throws Exception {
        try (URLClassLoader processorPath = processorPathWithout("javapoet")) {
            Processor processor = (Processor) processorPath.loadClass(ViewMigrateProcessor.class.getName())
                    .getConstructor().newInstance();

            Compilation compilation = Compiler.javac().withProcessors(processor)
                    .withOptions("-Aviewmigrate.snapshots=" + snapshots)
                    .compile(view("ActiveUser", sql("SELECT 1 AS id")));

            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("[ViewMigrateProcessorPath] the viewmigrate processor cannot"
                    + " load class com.palantir.javapoet.");
            assertThat(compilation).hadErrorContaining("(NoClassDefFoundError): a library it needs is missing from"
                    + " the annotation processor path. Put the artifact dev.viewmigrate:viewmigrate-processor on"
                    + " annotationProcessorPaths");
            assertThat(compilation).hadErrorContaining("Nothing was written to the snapshot directory.");
            assertThat(snapshotFiles(snapshots)).isEmpty();
        }
    }

    @Test
    void missingClass_isTheClassNamedDeepestInTheCauseChain() {
        NoClassDefFoundError first = new NoClassDefFoundError("com/palantir/javapoet/ClassName");
        NoClassDefFoundError again = new NoClassDefFoundError("Could not initialize class a.b.Writer");
        again.initCause(new ExceptionInInitializerError(new NoClassDefFoundError("com/palantir/javapoet/TypeName")));

        assertThat(ViewMigrateProcessor.missingClass(first)).isEqualTo("com.palantir.javapoet.ClassName");
        assertThat(ViewMigrateProcessor.missingClass(again)).isEqualTo("com.palantir.javapoet.TypeName");
    }

    /** The test class path as a processor path, minus the entries whose path contains {@code left}. */
    private static URLClassLoader processorPathWithout(String left) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank() && !entry.contains(left)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        // The platform loader as parent: javax.annotation.processing is shared with javac, nothing else is.
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }
}
