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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every compile error: its message, the file and line it points at, and that nothing is frozen. */
class ProcessorErrorsTest {
    @TempDir
    Path snapshots;

    private static JavaFileObject entity(String name, String annotation) {
        return source("com.example." + name, """
                package com.example;

                import dev.viewmigrate.annotations.View;

                %s
                public class %s {
                }
                """.formatted(annotation, name));
    }

    private Compilation compile(JavaFileObject... sources) {
        return compiler(snapshots).compile(sources);
    }

    private void assertNothingFrozen(Compilation compilation) {
        assertThat(compilation).failed();
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void missingSnapshotsOption_printsTheCompilerArgLineToAdd() {
        Compilation compilation = Compiler.javac().withProcessors(new ViewMigrateProcessor())
                .compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).hadErrorContaining(Messages.missingSnapshotsOption());
        assertThat(Messages.missingSnapshotsOption())
                .contains("<arg>-Aviewmigrate.snapshots=${project.basedir}/src/main/viewmigrate</arg>");
    }

    @Test
    void unknownMode_isRefused() {
        Compilation compilation = compiler(snapshots, "-Aviewmigrate.mode=verify")
                .compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).hadErrorContaining(Messages.invalidMode("verify"));
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void sqlAndSqlResource_failsOnSqlResource() {
        JavaFileObject file = entity("ActiveUser", """
                @View(
                        sql = "SELECT 1 AS id",
                        sqlResource = "views/active.sql")""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewSqlAndSqlResource("com.example.ActiveUser"))
                .inFile(file).onLineContaining("sqlResource =");
    }

    @Test
    void neitherSqlNorSqlResource_failsOnTheAnnotation() {
        JavaFileObject file = entity("ActiveUser", "@View(name = \"active_users\")");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewNoSql("com.example.ActiveUser"))
                .inFile(file).onLineContaining("@View");
    }

    @Test
    void missingSqlResource_failsOnSqlResource() {
        JavaFileObject file = entity("ActiveUser", """
                @View(
                        sqlResource = "views/missing.sql")""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation)
                .hadErrorContaining(Messages.viewSqlResourceMissing("com.example.ActiveUser", "views/missing.sql"))
                .inFile(file).onLineContaining("sqlResource =");
    }

    @Test
    void emptySql_failsOnSql() {
        JavaFileObject file = entity("ActiveUser", """
                @View(
                        name = "active_users",
                        sql = "  ;  ")""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewSqlEmpty("com.example.ActiveUser", "sql"))
                .inFile(file).onLineContaining("sql =");
    }

    @Test
    void duplicateViewName_failsOnSecondClass() {
        JavaFileObject first = entity("ActiveUser", "@View(name = \"users_view\", sql = \"SELECT 1 AS id\")");
        JavaFileObject second = entity("CurrentUser", """
                @View(
                        name = "users_view",
                        sql = "SELECT 2 AS id")""");

        Compilation compilation = compile(second, first);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(
                        Messages.viewDuplicateName("com.example.CurrentUser", "users_view", "com.example.ActiveUser"))
                .inFile(second).onLineContaining("name = \"users_view\"");
    }

    @Test
    void unqualifiedAndPublicViewOfTheSameName_areDuplicates() {
        // Under the default search_path both are public.users_view: the second CREATE would fail at upgrade time.
        JavaFileObject first = entity("ActiveUser", "@View(name = \"users_view\", sql = \"SELECT 1 AS id\")");
        JavaFileObject second = entity("CurrentUser", """
                @View(
                        schema = "public", name = "users_view",
                        sql = "SELECT 2 AS id")""");

        Compilation compilation = compile(second, first);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Messages.viewDuplicateName("com.example.CurrentUser",
                        "public.users_view (an unqualified view is created in public)", "com.example.ActiveUser"))
                .inFile(second).onLineContaining("name = \"users_view\"");
    }

    @Test
    void viewOnInterface_fails() {
        JavaFileObject file = source("com.example.Users", """
                package com.example;

                import dev.viewmigrate.annotations.View;

                @View(sql = "SELECT 1 AS id")
                public interface Users {
                }
                """);

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewNotAClass("com.example.Users", "the interface"))
                .inFile(file).onLineContaining("@View");
    }

    @Test
    void viewOnEnum_fails() {
        JavaFileObject file = source("com.example.Kind", """
                package com.example;

                import dev.viewmigrate.annotations.View;

                @View(sql = "SELECT 1 AS id")
                public enum Kind { A }
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewNotAClass("com.example.Kind", "the enum"))
                .inFile(file).onLineContaining("@View");
    }

    @Test
    void tooLongName_isAnInvalidIdentifierOnName() {
        String name = "v".repeat(64);
        JavaFileObject file = entity("ActiveUser", """
                @View(
                        name = "%s",
                        sql = "SELECT 1 AS id")""".formatted(name));

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewInvalidIdentifier("com.example.ActiveUser", "name",
                        name, "it is 64 bytes long; PostgreSQL would truncate it to 63"))
                .inFile(file).onLineContaining("name =");
    }

    @Test
    void blankSchema_isAnInvalidIdentifierOnSchema() {
        JavaFileObject file = entity("ActiveUser", """
                @View(
                        schema = " ",
                        sql = "SELECT 1 AS id")""");

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewInvalidIdentifier("com.example.ActiveUser", "schema",
                        " ", "it is blank"))
                .inFile(file).onLineContaining("schema =");
    }

    @Test
    void indexesOnPlainView_failOnIndexes() {
        JavaFileObject file = entity("ActiveUser", """
                @View(
                        sql = "SELECT 1 AS id",
                        indexes = @View.Index(columns = "id"))""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewMaterializedOnly("com.example.ActiveUser", "indexes"))
                .inFile(file).onLineContaining("indexes =");
    }

    @Test
    void dependsOnAClassWithoutView_failsOnDependsOn() {
        JavaFileObject file = entity("ActiveUser", """
                @View(
                        sql = "SELECT 1 AS id",
                        dependsOn = String.class)""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation)
                .hadErrorContaining(Messages.viewDependsOnNotView("com.example.ActiveUser", "java.lang.String"))
                .inFile(file).onLineContaining("dependsOn =");
    }

    @Test
    void corruptSnapshot_namesTheFileAndLine() throws IOException {
        Path file = snapshots.resolve("0001_create_view_active_user.yaml");
        Files.writeString(file, "formatVersion: 1\nrevision: 1\ndescription: x\nviews:\n  - name: v\n    sql: 42\n");

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.snapshotCorrupt(file.toString(), 6,
                "'sql' must be a |- block"));
        assertThat(snapshotFiles(snapshots)).hasSize(1);
    }

    @Test
    void unsupportedFormatVersion_isCorrupt() throws IOException {
        Path file = snapshots.resolve("0001_x.yaml");
        Files.writeString(file, "formatVersion: 9\nrevision: 1\ndescription: x\nremoved:\n  - name: v\n");

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).hadErrorContaining(Messages.snapshotCorrupt(file.toString(), 1,
                "formatVersion 9 is not supported by this processor (it reads version 1)"));
    }

    @Test
    void unreadableSnapshot_namesTheFile() throws IOException {
        Path file = snapshots.resolve("0001_x.yaml");
        Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}); // not UTF-8

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[SnapshotUnreadable] revision file " + file + " cannot be read");
    }

    @Test
    void twoRevisionsWithTheSameParent_explainHowToResolveTheBranchMerge() throws IOException {
        compile(view("ActiveUser", sql("SELECT 1 AS id")));
        compile(view("ActiveUser", sql("SELECT 1 AS id, 2 AS two")));
        Path ours = snapshots.resolve("0002_change_view_active_user.yaml");
        Path theirs = snapshots.resolve("0002_change_view_other.yaml");
        Files.writeString(theirs, Files.readString(ours).replace("active_user", "other"));

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id, 2 AS two")));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.snapshotBranchConflict(1, ours.toString(),
                theirs.toString()));
        assertThat(Messages.snapshotBranchConflict(1, "a", "b")).contains(
                "delete the revision files your branch added, that is whichever of these two your branch froze and every"
                + " later one (if a development database applied them, first run 'downgrade 1' there");
        assertThat(Messages.snapshotBranchConflict(0, "a", "b")).contains("'downgrade base'");
        assertThat(snapshotFiles(snapshots)).hasSize(3);
    }

    @Test
    void revisionRemovingAViewTheChainNeverCreated_isCorruptOnThatFile_notAnInternalError() throws IOException {
        // What is left after resolving a branch merge by deleting only the first of two revisions a branch added.
        compile(view("ActiveUser", sql("SELECT 1 AS id")));
        Path orphan = snapshots.resolve("0002_drop_view_gone.yaml");
        Files.writeString(orphan, "formatVersion: 1\nrevision: 2\nparent: 1\ndescription: \"drop view gone\"\n"
                + "removed:\n  - name: gone\n");

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.snapshotCorrupt(orphan.toString(), 0,
                "revision 2 removes view gone, which does not exist after revision 1"));
        assertThat(compilation).hadErrorCount(1);
        assertThat(snapshotFiles(snapshots)).hasSize(2);
    }

    @Test
    void missingRevision_isAGapInTheChain() throws IOException {
        compile(view("ActiveUser", sql("SELECT 1 AS id")));
        compile(view("ActiveUser", sql("SELECT 1 AS id, 2 AS two")));
        Files.delete(snapshots.resolve("0001_create_view_active_user.yaml"));

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id, 2 AS two")));

        assertThat(compilation).hadErrorContaining(Messages.snapshotGap(1,
                snapshots.resolve("0002_change_view_active_user.yaml").toString()));
    }

    @Test
    void revisionFileWithGitConflictMarkers_isAMergeOfTwoBranchesRevisions_withHowToResolveIt() throws IOException {
        // Two branches changed the same view: both froze 0002_change_view_active_user.yaml, and git merged the two
        // files into one ("both added"). "git checkout -- FILE" fails on an unmerged path: the fix must say more.
        compile(view("ActiveUser", sql("SELECT 1 AS id")));
        compile(view("ActiveUser", sql("SELECT 1 AS id, 2 AS two")));
        Path file = snapshots.resolve("0002_change_view_active_user.yaml");
        Files.writeString(file, Files.readString(file).replace("      SELECT 1 AS id, 2 AS two\n", """
                <<<<<<< HEAD
                      SELECT 1 AS id, 2 AS two
                =======
                      SELECT 1 AS id, 3 AS three
                >>>>>>> feature
                """));

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id, 2 AS two, 3 AS three")));

        assertThat(compilation).hadErrorContaining(Messages.snapshotMergeConflict(file.toString(), 2));
        assertThat(compilation).hadErrorCount(1);
        assertThat(Messages.snapshotMergeConflict(file.toString(), 2)).contains("git checkout --theirs -- " + file);
        assertThat(Messages.snapshotMergeConflict(file.toString(), 2)).contains("'downgrade 1'");
        assertThat(Messages.snapshotMergeConflict(file.toString(), 1)).contains("'downgrade base'");
    }

    @Test
    void failedWrite_leavesNoRevisionFile() throws IOException {
        // A directory where the temp file goes makes the write fail after validation passed.
        Files.createDirectories(snapshots.resolve(".0001_create_view_active_user.yaml.tmp"));

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[SnapshotWriteFailed] cannot write revision file "
                + snapshots.resolve("0001_create_view_active_user.yaml"));
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly(".0001_create_view_active_user.yaml.tmp/");
    }

    private static JavaFileObject handWritten(String name, String modifiersAndDeclaration) {
        return source("com.example." + name, """
                package com.example;

                import dev.viewmigrate.annotations.HandWrittenMigration;
                import dev.viewmigrate.runtime.JavaMigration;
                import dev.viewmigrate.runtime.MigrationContext;

                @HandWrittenMigration(description = "create table users")
                %s {
                    public void upgrade(MigrationContext context) {}

                    public void downgrade(MigrationContext context) {}
                }
                """.formatted(modifiersAndDeclaration));
    }

    @Test
    void handWrittenWithoutJavaMigration_fails() {
        JavaFileObject file = handWritten("CreateUsers", "public class CreateUsers");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.handWrittenNotMigration("com.example.CreateUsers"))
                .inFile(file).onLineContaining("@HandWrittenMigration");
    }

    @Test
    void handWrittenNotPublic_fails() {
        JavaFileObject file = handWritten("CreateUsers", "class CreateUsers implements JavaMigration");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.handWrittenShape("com.example.CreateUsers",
                "it is not public")).inFile(file).onLineContaining("@HandWrittenMigration");
    }

    @Test
    void handWrittenWithBlankDescription_fails() {
        JavaFileObject file = source("com.example.CreateUsers", """
                package com.example;

                import dev.viewmigrate.annotations.HandWrittenMigration;
                import dev.viewmigrate.runtime.JavaMigration;
                import dev.viewmigrate.runtime.MigrationContext;

                @HandWrittenMigration(description = " ")
                public class CreateUsers implements JavaMigration {
                    public void upgrade(MigrationContext context) {}

                    public void downgrade(MigrationContext context) {}
                }
                """);

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.handWrittenNoDescription("com.example.CreateUsers"))
                .inFile(file).onLineContaining("@HandWrittenMigration");
    }

    @Test
    void frozenHandWrittenClassDeleted_failsBecauseRevisionsAreAppendOnly() {
        JavaFileObject file = handWritten("CreateUsers", "public class CreateUsers implements JavaMigration");
        assertThat(compile(file)).succeeded();

        Compilation compilation = compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).hadErrorContaining(Messages.handWrittenRemoved("com.example.CreateUsers",
                snapshots.resolve("0001_create_table_users.yaml").toString()));
        assertThat(snapshotFiles(snapshots)).hasSize(1);
    }

    @Test
    void viewOnAClassGeneratedByAnotherProcessor_isRefused() {
        Compilation compilation = compiler(snapshots).withProcessors(new ViewMigrateProcessor(), new Generating())
                .compile(view("ActiveUser", sql("SELECT 1 AS id")));

        assertThat(compilation).hadErrorContaining(Messages.viewInLaterRound("com.example.Late"));
    }

    /** Generates a {@code @View} class in the first round, as another annotation processor could. */
    private static final class Generating extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
            if (done) {
                return false;
            }
            done = true;
            try (Writer out = processingEnv.getFiler().createSourceFile("com.example.Late").openWriter()) {
                out.write("package com.example;\n@dev.viewmigrate.annotations.View(sql = \"SELECT 1 AS n\")\n"
                        + "public class Late {}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        }
    }
}
