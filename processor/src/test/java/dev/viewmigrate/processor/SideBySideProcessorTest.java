package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.sql;
import static dev.viewmigrate.processor.Compilations.view;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a materialized view's rebuild is declared ({@code @View(rebuild)}, {@code -Aviewmigrate.rebuild}), frozen in
 * the revision file and generated as {@code buildBeside}/{@code swapIn} calls.
 */
class SideBySideProcessorTest {
    @TempDir
    Path snapshots;

    private static JavaFileObject daily(String rebuild, String sql) {
        return view("Daily", "materialized = true, " + rebuild + "indexes = @View.Index(columns = \"day\", unique = true),\n"
                + sql(sql));
    }

    private static String revision2(Compilation compilation) {
        return compilation.generatedSourceFiles().stream()
                .filter(file -> file.getName().endsWith("Revision0002.java")).findFirst()
                .map(file -> {
                    try {
                        return file.getCharContent(true).toString();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElseThrow();
    }

    @Test
    void declaredSideBySide_isFrozenAndGeneratedBothWays() {
        assertThat(compiler(snapshots).compile(daily("rebuild = View.Rebuild.SIDE_BY_SIDE, ",
                "SELECT 1 AS day"))).succeeded();
        Compilation second = compiler(snapshots).compile(daily("rebuild = View.Rebuild.SIDE_BY_SIDE, ",
                "SELECT 2 AS day"));
        assertThat(second).succeeded();

        assertThat(snapshotFiles(snapshots).get("0002_change_view_daily.yaml")).contains("rebuild: side-by-side\n");
        String code = revision2(second);
        assertThat(code).contains("steps.buildBeside(DAILY);");
        assertThat(code).contains("steps.swapIn(DAILY);");
        assertThat(code).contains("steps.buildBeside(DAILY_BEFORE);");
        assertThat(code).contains("steps.swapIn(DAILY_BEFORE);");
    }

    @Test
    void optionDefault_appliesUnlessTheViewSaysDropCreate_andChangingItAloneFreezesNothing() {
        assertThat(compiler(snapshots).compile(daily("", "SELECT 1 AS day"))).succeeded();
        // Only the default changes: no new revision (how a change is carried out is frozen with the next change).
        assertThat(compiler(snapshots, "-Aviewmigrate.rebuild=side-by-side").compile(daily("", "SELECT 1 AS day")))
                .succeeded();
        assertThat(snapshotFiles(snapshots)).hasSize(1);

        Compilation changed = compiler(snapshots, "-Aviewmigrate.rebuild=side-by-side")
                .compile(daily("", "SELECT 2 AS day"));
        assertThat(changed).succeeded();
        assertThat(revision2(changed)).contains("steps.buildBeside(DAILY);");

        // Frozen: the generated code does not change when the default does.
        Compilation later = compiler(snapshots).compile(daily("", "SELECT 2 AS day"));
        assertThat(later).succeeded();
        assertThat(revision2(later)).isEqualTo(revision2(changed));

        Compilation explicit = compiler(snapshots, "-Aviewmigrate.rebuild=side-by-side")
                .compile(daily("rebuild = View.Rebuild.DROP_CREATE, ", "SELECT 3 AS day"));
        assertThat(explicit).succeeded();
        assertThat(snapshotFiles(snapshots).get("0003_change_view_daily.yaml")).doesNotContain("rebuild");
    }

    @Test
    void rebuildOnAPlainView_failsOnTheAttribute() {
        JavaFileObject file = view("Plain", "rebuild = View.Rebuild.SIDE_BY_SIDE,\n" + sql("SELECT 1 AS id"));
        Compilation compilation = compiler(snapshots).compile(file);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.viewMaterializedOnly("com.example.Plain", "rebuild"))
                .inFile(file).onLineContaining("rebuild =");
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void unknownRebuildOption_isAnError() {
        Compilation compilation = compiler(snapshots, "-Aviewmigrate.rebuild=sideways")
                .compile(daily("", "SELECT 1 AS day"));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.invalidRebuild("sideways"));
    }
}
