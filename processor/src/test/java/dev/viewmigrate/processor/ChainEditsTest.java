package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.generatedSources;
import static dev.viewmigrate.processor.Compilations.handWrittenMigration;
import static dev.viewmigrate.processor.Compilations.migration;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.source;
import static dev.viewmigrate.processor.Compilations.sql;
import static dev.viewmigrate.processor.Compilations.view;

import com.google.testing.compile.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Aviewmigrate.description} and {@code -Aviewmigrate.amend}: what the compile freezes with them. */
class ChainEditsTest {
    private static final String CATALOG = "viewmigrate.generated.ViewMigrateCatalog";

    @TempDir
    Path snapshots;

    private static JavaFileObject totals(String selectSql) {
        return view("Totals", sql(selectSql));
    }

    private static JavaFileObject stats(String selectSql) {
        return view("Stats", sql(selectSql));
    }

    @Test
    void description_namesTheRevision_itsFile_andItsMigration() throws Exception {
        compiler(snapshots).compile(totals("SELECT 1 AS id"));

        Compilation compilation = compiler(snapshots, "-Aviewmigrate.description=Round totals to cents\n(ticket 42)")
                .compile(totals("SELECT 1 AS id, round(2.345, 2) AS total"));

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_totals.yaml",
                "0002_round_totals_to_cents_ticket_42.yaml");
        assertThat(snapshotFiles(snapshots).get("0002_round_totals_to_cents_ticket_42.yaml"))
                .contains("\ndescription: \"Round totals to cents (ticket 42)\"\n");
        assertThat(migration(compilation, "viewmigrate.generated.Revision0002").description())
                .isEqualTo("Round totals to cents (ticket 42)");
        assertThat(migration(compilation, "viewmigrate.generated.Revision0001").description())
                .isEqualTo("create view totals");
    }

    @Test
    void description_withNothingToFreeze_isANote_andWritesNothing() {
        compiler(snapshots).compile(totals("SELECT 1 AS id"));
        Map<String, String> frozen = snapshotFiles(snapshots);

        Compilation compilation = compiler(snapshots, "-Aviewmigrate.description=nothing changed")
                .compile(totals("SELECT 1 AS id"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("[ViewDescription] -Aviewmigrate.description was given, but this "
                + "compile froze no revision: the description was not used.");
        assertThat(snapshotFiles(snapshots)).isEqualTo(frozen);
    }

    @Test
    void amend_replacesTheNewestRevision_underItsNumber_diffedAgainstTheOneBefore() {
        compiler(snapshots).compile(totals("SELECT 1 AS id"), stats("SELECT 1 AS n"));
        compiler(snapshots).compile(totals("SELECT 1 AS id, 2 AS wrong"), stats("SELECT 1 AS n"));
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_stats_create_view_totals.yaml",
                "0002_change_view_totals.yaml");

        // The fix touches another view too: the amended revision holds both changes against revision 1.
        Compilation amended = compiler(snapshots, "-Aviewmigrate.amend=true", "-Aviewmigrate.description=totals "
                + "with the right column").compile(totals("SELECT 1 AS id, 2 AS total"), stats("SELECT 2 AS n"));

        assertThat(amended).succeeded();
        assertThat(amended).hadNoteContaining("[ViewAmend] Amended revision 2: deleted "
                + snapshots.resolve("0002_change_view_totals.yaml") + ", froze "
                + snapshots.resolve("0002_totals_with_the_right_column.yaml") + " in its place.");
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_stats_create_view_totals.yaml",
                "0002_totals_with_the_right_column.yaml");
        String revision = snapshotFiles(snapshots).get("0002_totals_with_the_right_column.yaml");
        assertThat(revision).contains("\nrevision: 2\nparent: 1\n");
        assertThat(revision).contains("2 AS total");
        assertThat(revision).doesNotContain("wrong");
        assertThat(revision).contains("name: stats");
        assertThat(Compilations.statements(amended, "viewmigrate.generated.Revision0002", false).toString())
                .doesNotContain("wrong");

        // Compiling the same sources again, without amend: nothing new.
        Map<String, String> frozen = snapshotFiles(snapshots);
        Compilation again = compiler(snapshots).compile(totals("SELECT 1 AS id, 2 AS total"), stats("SELECT 2 AS n"));
        assertThat(again).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots)).isEqualTo(frozen);
    }

    @Test
    void amend_afterRevertingTheChange_removesTheNewestRevision_andItsMigrationClass() {
        Compilation first = compiler(snapshots).compile(totals("SELECT 1 AS id"));
        compiler(snapshots).compile(totals("SELECT 1 AS id, 2 AS wrong"));

        Compilation amended = compiler(snapshots, "-Aviewmigrate.amend=true").compile(totals("SELECT 1 AS id"));

        assertThat(amended).succeeded();
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_totals.yaml");
        assertThat(amended).hadNoteContaining("the views equal revision 1 again, so no revision replaces it.");
        assertThat(generatedSources(amended)).isEqualTo(generatedSources(first));
    }

    @Test
    void amend_whenTheNewestRevisionAlreadyMatches_writesNothing() {
        compiler(snapshots).compile(totals("SELECT 1 AS id"));
        compiler(snapshots).compile(totals("SELECT 1 AS id, 2 AS total"));
        Map<String, String> frozen = snapshotFiles(snapshots);

        Compilation amended = compiler(snapshots, "-Aviewmigrate.amend=true")
                .compile(totals("SELECT 1 AS id, 2 AS total"));

        assertThat(amended).succeeded();
        assertThat(amended).hadNoteContaining("[ViewAmend] Revision 2 (" + snapshots.resolve(
                "0002_change_view_totals.yaml") + ") already freezes the views as they are now: nothing to amend.");
        assertThat(snapshotFiles(snapshots)).isEqualTo(frozen);
    }

    @Test
    void amend_withoutADescription_keepsTheOneTheRevisionWasGiven_butNotAGeneratedOne() {
        compiler(snapshots).compile(totals("SELECT 1 AS id"), stats("SELECT 1 AS n"));
        compiler(snapshots, "-Aviewmigrate.description=Totals per day")
                .compile(totals("SELECT 1 AS id, 2 AS wrong"), stats("SELECT 1 AS n"));

        compiler(snapshots, "-Aviewmigrate.amend=true").compile(totals("SELECT 1 AS id, 2 AS day"),
                stats("SELECT 1 AS n"));

        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_stats_create_view_totals.yaml",
                "0002_totals_per_day.yaml");
        assertThat(snapshotFiles(snapshots).get("0002_totals_per_day.yaml")).contains("2 AS day");

        // A generated description follows the fix: it now touches stats too.
        compiler(snapshots, "-Aviewmigrate.description=").compile(totals("SELECT 1 AS id, 2 AS day, 3 AS x"),
                stats("SELECT 1 AS n"));
        compiler(snapshots, "-Aviewmigrate.amend=true").compile(totals("SELECT 1 AS id, 2 AS day, 4 AS x"),
                stats("SELECT 2 AS n"));

        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_stats_create_view_totals.yaml",
                "0002_totals_per_day.yaml", "0003_change_view_stats_change_view_totals.yaml");
    }

    @Test
    void amend_ofAHandWrittenRevision_isRefused() {
        JavaFileObject setup = source("com.example.Setup", handWrittenMigration("Setup", "tables",
                "CREATE TABLE t (id int)", "DROP TABLE t"));
        compiler(snapshots).compile(setup);

        Compilation amended = compiler(snapshots, "-Aviewmigrate.amend=true").compile(setup, totals("SELECT 1 AS id"));

        assertThat(amended).failed();
        assertThat(amended).hadErrorContaining("[ViewAmend] Cannot amend revision 1 ("
                + snapshots.resolve("0001_tables.yaml") + "): it freezes the hand-written migration "
                + "com.example.Setup");
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_tables.yaml");
    }

    @Test
    void amend_ofARevisionGitHasCommitted_isRefused_unlessForced() throws Exception {
        compiler(snapshots).compile(totals("SELECT 1 AS id"));
        git("init", "-q");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "revision 1");

        Compilation refused = compiler(snapshots, "-Aviewmigrate.amend=true").compile(totals("SELECT 2 AS id"));

        assertThat(refused).failed();
        assertThat(refused).hadErrorContaining("[ViewAmend] Refusing to amend revision 1: git has committed its file "
                + snapshots.resolve("0001_create_view_totals.yaml"));
        assertThat(snapshotFiles(snapshots).get("0001_create_view_totals.yaml")).contains("SELECT 1 AS id");

        Compilation forced = compiler(snapshots, "-Aviewmigrate.amend=force").compile(totals("SELECT 2 AS id"));

        assertThat(forced).succeeded();
        assertThat(snapshotFiles(snapshots).get("0001_create_view_totals.yaml")).contains("SELECT 2 AS id");
    }

    @Test
    void emptyOptions_asAnEmptyMavenPropertyPassesThem_changeNothing() {
        Compilation compilation = compiler(snapshots, "-Aviewmigrate.description=", "-Aviewmigrate.amend=")
                .compile(totals("SELECT 1 AS id"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_totals.yaml");
    }

    @Test
    void amend_invalidValue_orWithCheckMode_isAnError() {
        assertThat(compiler(snapshots, "-Aviewmigrate.amend=yes").compile(totals("SELECT 1 AS id")))
                .hadErrorContaining("[ViewAmendOption] -Aviewmigrate.amend=yes is not a valid value");
        assertThat(compiler(snapshots, "-Aviewmigrate.amend=true", "-Aviewmigrate.mode=check")
                .compile(totals("SELECT 1 AS id")))
                .hadErrorContaining("[ViewAmendOption] -Aviewmigrate.amend rewrites the newest revision, but "
                        + "-Aviewmigrate.mode=check never writes.");
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    /**
     * {@code mvn compile -Dviewmigrate.amend=true} with a pom that does not pass the property on (the README's block):
     * the property is a system property of the JVM javac runs in, the processor never sees the option. It used to
     * freeze a second revision on top of the one the user meant to replace; now it refuses and says what to add.
     */
    @Test
    void amendOrDescription_setOnlyAsASystemProperty_isAnError_thatNamesTheCompilerArg() {
        compiler(snapshots).compile(totals("SELECT 1 AS id"));
        compiler(snapshots).compile(totals("SELECT 1 AS id, 2 AS wrong"));
        Map<String, String> frozen = snapshotFiles(snapshots);
        for (String property : new String[] {"viewmigrate.amend", "viewmigrate.description"}) {
            String value = property.endsWith("amend") ? "true" : "Totals: the column is total";
            System.setProperty(property, value);
            try {
                Compilation compilation = compiler(snapshots).compile(totals("SELECT 1 AS id, 2 AS total"));

                assertThat(compilation).failed();
                assertThat(compilation).hadErrorContaining("[ViewAmendOption] -D" + property + "=" + value
                        + " is set, but the viewmigrate processor did not receive -A" + property + ": a -D property "
                        + "reaches the processor only through the compiler arguments. Add <arg>-A" + property + "=${"
                        + property + "}</arg> under <compilerArgs>");
                assertWithMessage(property).that(snapshotFiles(snapshots)).isEqualTo(frozen);
            } finally {
                System.clearProperty(property);
            }
        }

        // A pom that passes it on: the option arrives, and the system property (Maven sets both) changes nothing.
        System.setProperty("viewmigrate.amend", "true");
        try {
            assertThat(compiler(snapshots, "-Aviewmigrate.amend=true").compile(totals("SELECT 1 AS id, 2 AS total")))
                    .succeeded();
        } finally {
            System.clearProperty("viewmigrate.amend");
        }
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_totals.yaml",
                "0002_change_view_totals.yaml");
        assertThat(snapshotFiles(snapshots).get("0002_change_view_totals.yaml")).contains("2 AS total");

        // -Dviewmigrate.amend=false, as a pom's default, is no request to amend.
        System.setProperty("viewmigrate.amend", "false");
        try {
            assertThat(compiler(snapshots).compile(totals("SELECT 1 AS id, 3 AS total"))).succeeded();
        } finally {
            System.clearProperty("viewmigrate.amend");
        }
        assertThat(snapshotFiles(snapshots)).hasSize(3);
    }

    private void git(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(snapshots.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertWithMessage(output).that(process.exitValue()).isEqualTo(0);
        assertThat(Files.isDirectory(snapshots.resolve(".git"))).isTrue();
    }
}
