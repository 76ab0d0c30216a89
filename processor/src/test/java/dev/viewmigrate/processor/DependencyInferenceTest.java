package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.source;
import static dev.viewmigrate.processor.Compilations.statements;
import static dev.viewmigrate.processor.Compilations.summary;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which views a view reads, inferred from its SQL at compile time, and what the processor does with it. */
class DependencyInferenceTest {
    private static final String REVISION_1 = "viewmigrate.generated.Revision0001";

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

    /** The CREATE statements of revision 1, reduced to the view names, in execution order. */
    private static List<String> creationOrder(Compilation compilation) {
        return statements(compilation, REVISION_1, true).stream()
                .map(sql -> sql.substring("CREATE VIEW ".length(), sql.indexOf(" AS\n")))
                .toList();
    }

    @Test
    void viewsReadThroughCtesSubqueriesAndSetOperations_areCreatedFirst() {
        // Class names sort the other way round, so only the inferred edges can give this order.
        Compilation compilation = compiler(snapshots).compile(
                entity("AReport", """
                        @View(name = "a_report", sql = ""\"
                                WITH recent AS (SELECT * FROM z_posts WHERE created_at > now() - interval '1 day')
                                SELECT r.id FROM recent r
                                WHERE r.author_id IN (SELECT id FROM "Reporting"."Y_Users")
                                UNION ALL
                                SELECT id FROM (SELECT id FROM public.x_archive) old
                                ""\")"""),
                entity("XArchive", "@View(name = \"x_archive\", sql = \"SELECT 1 AS id\")"),
                entity("YUsers", "@View(schema = \"Reporting\", name = \"Y_Users\", sql = \"SELECT 1 AS id\")"),
                entity("ZPosts", """
                        @View(name = "z_posts", sql = "SELECT 1 AS id, 2 AS author_id, now() AS created_at")"""));

        assertThat(compilation).succeededWithoutWarnings();
        List<String> order = creationOrder(compilation);
        assertThat(order.indexOf("a_report")).isGreaterThan(order.indexOf("x_archive"));
        assertThat(order.indexOf("a_report")).isGreaterThan(order.indexOf("\"Reporting\".\"Y_Users\""));
        assertThat(order.indexOf("a_report")).isGreaterThan(order.indexOf("z_posts"));
        // And dropped first on downgrade.
        assertThat(summary(statements(compilation, REVISION_1, false)).get(1)).isEqualTo("DROP VIEW a_report");
    }

    @Test
    void cteNamedLikeAView_isNotADependency() {
        Compilation compilation = compiler(snapshots).compile(
                entity("Alpha", """
                        @View(sql = "WITH zeta AS (SELECT 1 AS n) SELECT n FROM zeta")"""),
                entity("Zeta", "@View(sql = \"SELECT n FROM alpha\")"));

        // zeta reads alpha; alpha's "zeta" is its own CTE, so there is no cycle.
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(creationOrder(compilation)).containsExactly("alpha", "zeta").inOrder();
    }

    @Test
    void tableOfAnotherSchemaNamedLikeAView_isNotADependency() {
        Compilation compilation = compiler(snapshots).compile(
                entity("Alpha", "@View(sql = \"SELECT id FROM archive.zeta\")"),
                entity("Zeta", "@View(sql = \"SELECT id FROM alpha\")"));

        // alpha reads the table archive.zeta, not the managed view zeta (unqualified, in public): no cycle.
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(creationOrder(compilation)).containsExactly("alpha", "zeta").inOrder();
    }

    @Test
    void cycle_isACompileErrorListingTheCycle() {
        JavaFileObject alpha = entity("Alpha", "@View(sql = \"SELECT id FROM beta\")");
        JavaFileObject beta = entity("Beta", "@View(sql = \"SELECT id FROM gamma\")");
        JavaFileObject gamma = entity("Gamma", "@View(sql = \"SELECT b.id FROM public.alpha b\")");

        Compilation compilation = compiler(snapshots).compile(alpha, beta, gamma);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(
                Messages.viewDependencyCycle("com.example.Alpha", "alpha -> beta -> gamma -> alpha"))
                .inFile(alpha).onLineContaining("@View");
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void cycleThroughDependsOn_isACompileError() {
        JavaFileObject alpha = entity("Alpha", "@View(dependsOn = Beta.class, sql = \"SELECT 1 AS id\")");
        JavaFileObject beta = entity("Beta", "@View(sql = \"SELECT id FROM alpha\")");

        Compilation compilation = compiler(snapshots).compile(alpha, beta);

        assertThat(compilation).hadErrorContaining(
                Messages.viewDependencyCycle("com.example.Alpha", "alpha -> beta -> alpha"))
                .inFile(alpha).onLineContaining("@View");
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void unparseableSql_warnsOnceOnSql_andDependsOnStillOrdersIt() {
        JavaFileObject alpha = entity("Alpha", """
                @View(dependsOn = Zeta.class,
                        sql = "SELECT n FROM zeta WHERE (n > 0))")""");
        JavaFileObject zeta = entity("Zeta", "@View(sql = \"SELECT 1 AS n\")");

        Compilation compilation = compiler(snapshots).compile(alpha, zeta);

        assertThat(compilation).succeeded();
        assertThat(compilation.warnings()).hasSize(1);
        assertThat(compilation).hadWarningContaining(Messages.viewSqlNotParsed("com.example.Alpha", "alpha",
                Optional.of("unexpected \")\" at line 1, column 33")))
                .inFile(alpha).onLineContaining("sql =");
        assertThat(creationOrder(compilation)).containsExactly("zeta", "alpha").inOrder();
    }

    /**
     * A typo in a view's SQL (a comma left before FROM) is the usual reason the parser fails, and the compile still
     * freezes the revision: the warning says where the parser stopped and to fix a mistake, before it only spoke of
     * syntax the parser does not know and sent the user to dependsOn and @SuppressWarnings.
     */
    @Test
    void typoInTheSql_theWarningSaysWhereTheParserStopped_andToFixAMistake() {
        JavaFileObject totals = entity("CustomerTotal", """
                @View(name = "customer_totals", sql = \"""
                        SELECT customer,
                               sum(amount) AS total,
                        FROM orders
                        GROUP BY customer
                        \""")""");

        Compilation compilation = compiler(snapshots).compile(totals);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[ViewSqlNotParsed] @View on com.example.CustomerTotal: the SQL "
                + "of view customer_totals could not be parsed (JSqlParser: unexpected \",\" at line 2, "
                + "column 28), so the views it reads are not known from it and only dependsOn orders it. If the SQL has "
                + "a mistake, fix it: PostgreSQL would refuse it at upgrade. If it is PostgreSQL syntax the parser "
                + "does not know, list every @View class it reads in dependsOn;");
    }

    @Test
    void unparseableSql_warningCanBeSuppressed() {
        Compilation compilation = compiler(snapshots).compile(source("com.example.Alpha", """
                package com.example;

                import dev.viewmigrate.annotations.View;

                @SuppressWarnings("viewmigrate.sqlNotParsed")
                @View(sql = "SELECT (1))")
                public class Alpha {
                }
                """));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void duplicateIndexNameInOneSchema_failsOnTheSecondIndex() {
        JavaFileObject first = entity("First", """
                @View(materialized = true, indexes = @View.Index(name = "by_id", columns = "id"),
                        sql = "SELECT 1 AS id")""");
        JavaFileObject second = entity("Second", """
                @View(schema = "public", materialized = true,
                        indexes = @View.Index(name = "by_id", columns = "id"),
                        sql = "SELECT 1 AS id")""");

        Compilation compilation = compiler(snapshots).compile(first, second);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(
                Messages.viewDuplicateIndexName("com.example.Second", "by_id", "an index of view first"))
                .inFile(second).onLineContaining("indexes =");
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void defaultIndexNames_differForUniqueAndStayWithin63Bytes() {
        Compilation compilation = compiler(snapshots).compile(entity("Stats", """
                @View(name = "a_materialized_view_with_a_rather_long_descriptive_name", materialized = true,
                        indexes = {@View.Index(columns = {"author_id", "created_at"}, unique = true),
                                   @View.Index(columns = {"author_id", "created_day"}),
                                   @View.Index(columns = "id")},
                        sql = "SELECT 1 AS id, 2 AS author_id, now() AS created_at, now() AS created_day")"""));

        assertThat(compilation).succeeded();
        String frozen = snapshotFiles(snapshots).values().iterator().next();
        assertThat(frozen).containsMatch("- name: a_materialized_view_with_a_rather_long_descriptive_[0-9a-f]{8}_key");
        assertThat(frozen).containsMatch("- name: a_materialized_view_with_a_rather_long_descriptive_[0-9a-f]{8}_idx");
        assertThat(frozen).contains("- name: a_materialized_view_with_a_rather_long_descriptive_name_id_idx\n");
    }
}
