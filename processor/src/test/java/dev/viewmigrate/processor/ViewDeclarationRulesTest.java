package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-query rule, index entries, options and the other refusals of issue 10: each is a compile error (or warning)
 * on the element at fault, and an error freezes nothing. Declared options, comment and index details arrive in the
 * frozen revision file.
 */
class ViewDeclarationRulesTest {
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
    void secondStatementInSql_failsOnSql_andFreezesNothing() {
        JavaFileObject file = entity("Audit", """
                @View(
                        name = "audit",
                        sql = "SELECT 1 AS id; DROP TABLE audit_log")""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation)
                .hadErrorContaining(Messages.viewSqlSecondStatement("com.example.Audit", "sql", "DROP TABLE audit_log"))
                .inFile(file).onLineContaining("sql =");
    }

    @Test
    void semicolonInsideALiteral_isNoSecondStatement() {
        JavaFileObject file = entity("Audit", """
                @View(sql = "SELECT 'a; DROP TABLE audit_log' AS note, $$;$$ AS other -- ; DROP TABLE t")""");

        Compilation compilation = compile(file);

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots)).hasSize(1);
    }

    @Test
    void ddlInASqlResource_failsOnSqlResource(@TempDir Path sourceRoot) throws IOException {
        Files.createDirectories(sourceRoot.resolve("views"));
        Files.writeString(sourceRoot.resolve("views/audit.sql"), "DROP TABLE audit_log;\n");
        JavaFileObject file = entity("Audit", """
                @View(
                        sqlResource = "views/audit.sql")""");

        Compilation compilation = compiler(snapshots, "-sourcepath", sourceRoot.toString()).compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewSqlNotAQuery("com.example.Audit",
                "sqlResource \"views/audit.sql\"", "DROP TABLE audit_log"))
                .inFile(file).onLineContaining("sqlResource =");
    }

    @Test
    void dataModifyingWith_isNotAQuery() {
        JavaFileObject file = entity("Purge", """
                @View(
                        sql = "WITH gone AS (DELETE FROM audit_log RETURNING id) SELECT id FROM gone")""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining("[ViewSqlNotOneQuery] @View on com.example.Purge: sql is not a"
                + " query (found: DELETE FROM audit_log").inFile(file).onLineContaining("sql =");
    }

    @Test
    void trailingCheckOption_saysToUseOptions_insteadOfANotParsedWarning() {
        JavaFileObject file = entity("Positive", """
                @View(
                        sql = "SELECT id FROM accounts WHERE balance > 0 WITH LOCAL CHECK OPTION")""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewSqlCheckOption("com.example.Positive", "sql",
                "WITH LOCAL CHECK OPTION", "local")).inFile(file).onLineContaining("sql =");
        assertThat(Messages.viewSqlCheckOption("T", "sql", "WITH LOCAL CHECK OPTION", "local"))
                .contains("@View(options = \"check_option=local\")");
        assertThat(compilation.warnings().toString()).doesNotContain("[ViewSqlNotParsed]");
    }

    @Test
    void injectedIndexColumn_failsOnColumns() {
        JavaFileObject file = entity("Stats", """
                @View(
                        materialized = true,
                        sql = "SELECT 1 AS id",
                        indexes = @View.Index(name = "stats_id",
                                columns = "id); DELETE FROM t; --"))""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewIndexEntryInvalid("com.example.Stats", "stats_id",
                "columns entry", "id); DELETE FROM t; --", "it holds a comment (-- or /*), which can hide the text"
                        + " after it")).inFile(file).onLineContaining("columns =");
    }

    @Test
    void indexPredicateWithASecondStatement_failsOnWhere() {
        JavaFileObject file = entity("Stats", """
                @View(
                        materialized = true,
                        sql = "SELECT 1 AS id",
                        indexes = @View.Index(name = "stats_id", columns = "id",
                                where = "id > 0; DROP TABLE t"))""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewIndexEntryInvalid("com.example.Stats", "stats_id",
                "where", "id > 0; DROP TABLE t", "it holds a ; (a statement separator)"))
                .inFile(file).onLineContaining("where =");
    }

    @Test
    void indexMethodAndCoveringColumns_mustBeNames() {
        JavaFileObject file = entity("Stats", """
                @View(
                        materialized = true,
                        sql = "SELECT 1 AS id, 'x' AS name",
                        indexes = @View.Index(name = "stats_id", columns = "id",
                                using = "gin (x)",
                                include = "name, id"))""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewIndexNameInvalid("com.example.Stats", "stats_id",
                "using", "gin (x)")).inFile(file).onLineContaining("using =");
        assertThat(compilation).hadErrorContaining(Messages.viewIndexNameInvalid("com.example.Stats", "stats_id",
                "include", "name, id")).inFile(file).onLineContaining("include =");
    }

    @Test
    void indexOnAColumnTheViewDoesNotReturn_failsOnColumns() {
        JavaFileObject file = entity("Stats", """
                @View(
                        materialized = true,
                        sql = "SELECT u.id, u.name AS display_name FROM users u",
                        indexes = @View.Index(name = "stats_name", columns = {
                                "id",
                                "name"}))""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewIndexColumnNotReturned("com.example.Stats",
                "stats_name", "name", "stats", List.of("id", "display_name")))
                .inFile(file).onLineContaining("\"name\"}");
    }

    @Test
    void viewReadingItself_failsOnSql() {
        JavaFileObject file = entity("Loop", """
                @View(
                        name = "looped",
                        sql = "SELECT id FROM public.looped")""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining(Messages.viewReadsItself("com.example.Loop", "looped", "its SQL"))
                .inFile(file).onLineContaining("sql =");
    }

    @Test
    void populatedMaterializedViewReadingAnUnpopulatedOne_warnsNamingBoth() {
        JavaFileObject raw = entity("Raw", """
                @View(materialized = true, withData = false, sql = "SELECT 1 AS id")""");
        JavaFileObject through = entity("Through", """
                @View(sql = "SELECT id FROM raw")""");
        JavaFileObject summary = entity("Summary", """
                @View(
                        materialized = true,
                        sql = "SELECT count(*) AS n FROM through")""");

        Compilation compilation = compile(raw, through, summary);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(Messages.viewReadsUnpopulated("com.example.Summary", "summary",
                "raw")).inFile(summary).onLineContaining("@View(");
    }

    @Test
    void unknownOption_failsOnOptions() {
        JavaFileObject file = entity("Secure", """
                @View(
                        sql = "SELECT 1 AS id",
                        options = {"security_invoker=true", "fillfactor=70"})""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining("[ViewOptionInvalid] @View on com.example.Secure: option"
                + " \"fillfactor=70\" is refused: fillfactor is not one of a view's parameters (check_option,"
                + " security_barrier, security_invoker); fillfactor is a storage parameter, which only a materialized"
                + " view has").inFile(file).onLineContaining("options =");
    }

    @Test
    void badOptionValues_andDuplicates_failOnOptions() {
        JavaFileObject file = entity("Secure", """
                @View(
                        sql = "SELECT 1 AS id",
                        options = {"check_option=sometimes", "security_barrier", "security_invoker=yes) ; DROP",
                                "security_barrier=on", "Security_Barrier=off"})""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining("the value of check_option must be local or cascaded, not"
                + " \"sometimes\"").inFile(file).onLineContaining("options =");
        assertThat(compilation).hadErrorContaining("option \"security_barrier\" is refused: it is not name=value");
        assertThat(compilation).hadErrorContaining("the value of security_invoker must be true or false");
        // Reported on the entry itself, which sits on the next line.
        assertThat(compilation).hadErrorContaining(Messages.viewOptionDuplicate("com.example.Secure",
                "security_barrier")).inFile(file).onLineContaining("\"Security_Barrier=off\"");
    }

    @Test
    void declaredOptionsCommentAndIndexDetails_arriveNormalisedInTheRevisionFile() {
        JavaFileObject plain = entity("Secure", """
                @View(
                        sql = "SELECT 1 AS id",
                        options = {" Security_Invoker = ON ", "check_option=LOCAL"},
                        comment = "Accounts the reader may see")""");
        JavaFileObject materialized = entity("Search", """
                @View(
                        materialized = true,
                        sql = "SELECT 1 AS id, 'x' AS name, true AS active",
                        options = {"fillfactor=70", "toast.autovacuum_enabled=off"},
                        indexes = @View.Index(name = "search_name", columns = "name gin_trgm_ops", using = "GIN",
                                where = "active", include = "id"))""");

        Compilation compilation = compile(plain, materialized);

        assertThat(compilation).succeeded();
        Map<String, String> files = snapshotFiles(snapshots);
        assertThat(files).hasSize(1);
        String revision = files.values().iterator().next();
        assertThat(revision).contains("check_option=local");
        assertThat(revision).contains("security_invoker=true");
        assertThat(revision).contains("Accounts the reader may see");
        assertThat(revision).contains("fillfactor=70");
        assertThat(revision).contains("toast.autovacuum_enabled=false");
        assertThat(revision).contains("using: gin");
        assertThat(revision).contains("where: active");
        assertThat(revision).contains("name gin_trgm_ops");
    }

    @Test
    void partialBuild_readsOptionsCommentAndIndexDetailsFromTheClassFile_andFreezesNothing(@TempDir Path root) {
        JavacProject project = new JavacProject(root);
        project.write("Search", JavacProject.viewClass("Search", """
                materialized = true, options = {"Fillfactor = 70", "autovacuum_enabled=off"},
                        comment = "Search index", indexes = @View.Index(name = "search_name",
                                columns = "name gin_trgm_ops", using = "GIN", where = "active", include = "id")""",
                "SELECT 1 AS id, 'x' AS name, true AS active"));
        project.write("Other", JavacProject.viewClass("Other", "", "SELECT 2 AS two"));
        Path full = project.compileAll("full");
        Map<String, String> frozen = snapshotFiles(project.snapshots());
        assertThat(frozen).hasSize(1);
        assertThat(frozen.values().iterator().next()).contains("autovacuum_enabled=false");

        // An IDE recompiles one unrelated file: Search is read from its class file, with the same normalised values.
        project.compile("partial", List.of(project.source("Other")), List.of(full));

        assertThat(snapshotFiles(project.snapshots())).isEqualTo(frozen);
    }

    @Test
    void unresolvedAttributeValue_leavesTheReportToJavac_withoutAnInternalError() {
        JavaFileObject file = entity("Broken", """
                @View(
                        sql = "SELECT 1 AS id",
                        materialized = f)""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining("cannot find symbol");
        assertThat(compilation.errors().toString()).doesNotContain("[ViewMigrateInternalError]");
        assertThat(compilation.errors().toString()).doesNotContain("ClassCastException");
        assertThat(compilation.diagnostics().toString()).doesNotContain("[View");
    }

    @Test
    void unresolvedStringValue_isNotFrozenAsTheTextError() {
        JavaFileObject file = entity("Broken", """
                @View(sql = MISSING_CONSTANT)""");

        Compilation compilation = compile(file);

        assertNothingFrozen(compilation);
        assertThat(compilation).hadErrorContaining("cannot find symbol");
        assertThat(compilation.diagnostics().toString()).doesNotContain("[View");
    }
}
