package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.generatedSource;
import static dev.viewmigrate.processor.Compilations.migration;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.source;
import static dev.viewmigrate.processor.Compilations.sql;
import static dev.viewmigrate.processor.Compilations.view;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Aviewmigrate.dialect=sqlite}: what is frozen and generated, the plans, and what SQLite can't have. */
class SqliteDialectTest {
    private static final String REVISION_1 = "viewmigrate.generated.Revision0001";
    private static final String REVISION_2 = "viewmigrate.generated.Revision0002";

    @TempDir
    Path snapshots;

    private Compiler sqlite() {
        return compiler(snapshots, "-Aviewmigrate.dialect=sqlite");
    }

    /** The view steps a generated migration calls, as {@code "drop b, a"}, in order. */
    static List<String> steps(Migration migration, boolean upgrade) {
        List<String> calls = new ArrayList<>();
        ViewSteps steps = new ViewSteps() {
            private void record(String step, List<FrozenView> views) {
                calls.add(step + " " + String.join(", ", views.stream().map(v -> v.name().name()).toList()));
            }

            @Override
            public void checkDependents(List<FrozenView> views) {
                record("checkDependents", views);
            }

            @Override
            public void savePrivileges(List<FrozenView> views) {
                record("savePrivileges", views);
            }

            @Override
            public void drop(List<FrozenView> views) {
                record("drop", views);
            }

            @Override
            public void create(List<FrozenView> views) {
                record("create", views);
            }

            @Override
            public void replace(FrozenView from, FrozenView to, List<FrozenView> dependents) {
                record("replace", List.of(to));
            }

            @Override
            public void restorePrivileges(List<FrozenView> views) {
                record("restorePrivileges", views);
            }

            @Override
            public void createIndexes(FrozenView view, List<String> indexes) {
                record("createIndexes", List.of(view));
            }

            @Override
            public void dropIndexes(FrozenView view, List<String> indexes) {
                record("dropIndexes", List.of(view));
            }

            @Override
            public void alter(FrozenView from, FrozenView to) {
                record("alter", List.of(to));
            }
        };
        MigrationContext context = new MigrationContext() {
            @Override
            public void execute(String sql) {
                calls.add("execute " + sql);
            }

            @Override
            public boolean isOffline() {
                return true;
            }

            @Override
            public Optional<Connection> connection() {
                return Optional.empty();
            }

            @Override
            public String revision() {
                return migration.revision();
            }

            @Override
            public boolean isDowngrade() {
                return !upgrade;
            }

            @Override
            public ViewSteps views() {
                return steps;
            }
        };
        try {
            if (upgrade) {
                migration.upgrade(context);
            } else {
                migration.downgrade(context);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return calls;
    }

    private static JavaFileObject tuneView(String simpleName, String name, String selectSql) {
        return view(simpleName, "name = \"" + name + "\", " + sql(selectSql));
    }

    private static final String JOINED = """
            SELECT t.id, coalesce(o.title, t.title) AS title, IFNULL(o.mode, 'default') AS mode
            FROM tune t LEFT JOIN tune_override o ON o.tune_ref = t.id
            WHERE t.title GLOB '[A-Z]*'""";

    @Test
    void firstView_freezesDialectAndGeneratesSqliteMigration() {
        Compilation compilation = sqlite().compile(tuneView("PracticeListJoined", "practice_list_joined", JOINED));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots).get("0001_create_view_practice_list_joined.yaml")).isEqualTo("""
                # viewmigrate revision, frozen at compile time. Append-only: never edit or delete it once
                # committed; the generated migration and its checksum are derived from this text.
                formatVersion: 1
                dialect: sqlite
                revision: 1
                description: "create view practice_list_joined"
                views:
                  - name: practice_list_joined
                    class: com.example.PracticeListJoined
                    sql: |-
                      SELECT t.id, coalesce(o.title, t.title) AS title, IFNULL(o.mode, 'default') AS mode
                      FROM tune t LEFT JOIN tune_override o ON o.tune_ref = t.id
                      WHERE t.title GLOB '[A-Z]*'
                """);
        String generated = generatedSource(compilation, REVISION_1);
        assertThat(generated).contains("@Override\n  public String dialect() {\n    return \"sqlite\";\n  }"
                .replace("  ", "    "));
        Migration migration = migration(compilation, REVISION_1);
        assertThat(migration.dialect()).isEqualTo("sqlite");
        assertThat(steps(migration, true)).containsExactly("create practice_list_joined");
        assertThat(steps(migration, false))
                .containsExactly("checkDependents practice_list_joined", "drop practice_list_joined").inOrder();
    }

    @Test
    void changedView_isDroppedWithItsDependentsAndCreatedAgainInDependencyOrder() {
        // staged reads joined under another case and quoting: SQLite resolves it to the same view.
        JavaFileObject staged = tuneView("PracticeListStaged", "practice_list_staged", """
                SELECT j.id, j.title, s.note FROM [Practice_List_Joined] j LEFT JOIN staged s ON s.tune_ref = j.id""");
        JavaFileObject summary = tuneView("StagedSummary", "staged_summary", """
                SELECT count(*) AS tunes FROM main.practice_list_staged""");
        JavaFileObject other = tuneView("Unrelated", "unrelated", "SELECT id FROM tune");
        assertThat(sqlite().compile(tuneView("PracticeListJoined", "practice_list_joined", JOINED), staged, summary,
                other)).succeeded();

        Compilation changed = sqlite().compile(tuneView("PracticeListJoined", "practice_list_joined", """
                SELECT t.id, coalesce(o.title, t.title) AS title, t.genre
                FROM tune t LEFT JOIN tune_override o ON o.tune_ref = t.id"""), staged, summary, other);

        assertThat(changed).succeeded();
        Migration migration = migration(changed, REVISION_2);
        assertThat(migration.dialect()).isEqualTo("sqlite");
        assertThat(steps(migration, true)).containsExactly(
                "checkDependents staged_summary, practice_list_staged, practice_list_joined",
                "drop staged_summary, practice_list_staged, practice_list_joined",
                "create practice_list_joined, practice_list_staged, staged_summary").inOrder();
        assertThat(steps(migration, false)).containsExactly(
                "checkDependents staged_summary, practice_list_staged, practice_list_joined",
                "drop staged_summary, practice_list_staged, practice_list_joined",
                "create practice_list_joined, practice_list_staged, staged_summary").inOrder();
    }

    @Test
    void removedView_isDroppedAndItsDowngradeCreatesItAgain() {
        JavaFileObject joined = tuneView("PracticeListJoined", "practice_list_joined", JOINED);
        JavaFileObject staged = tuneView("PracticeListStaged", "practice_list_staged",
                "SELECT j.id FROM practice_list_joined j");
        assertThat(sqlite().compile(joined, staged)).succeeded();

        Compilation removed = sqlite().compile(joined);

        assertThat(removed).succeeded();
        Migration migration = migration(removed, REVISION_2);
        assertThat(migration.viewsRemoved().toString()).contains("practice_list_staged");
        assertThat(steps(migration, true)).containsExactly("checkDependents practice_list_staged",
                "drop practice_list_staged").inOrder();
        assertThat(steps(migration, false)).containsExactly("create practice_list_staged");
    }

    @Test
    void handWrittenMigration_isASqliteRevisionToo() {
        JavaFileObject handWritten = source("com.example.AddGenre", Compilations.handWrittenMigration("AddGenre",
                "add column genre", "ALTER TABLE tune ADD COLUMN genre TEXT", "ALTER TABLE tune DROP COLUMN genre"));

        Compilation compilation = sqlite().compile(handWritten);

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots).get("0001_add_column_genre.yaml")).contains("dialect: sqlite\n");
        Migration migration = migration(compilation, REVISION_1);
        assertThat(migration.dialect()).isEqualTo("sqlite");
        assertThat(steps(migration, true)).containsExactly("execute ALTER TABLE tune ADD COLUMN genre TEXT");
    }

    @Test
    void sqliteQuotes_areIdentifiersForTheOneQueryRule() {
        // In PostgreSQL's reading the ; inside [..] would end a first statement.
        Compilation compilation = sqlite().compile(tuneView("Odd", "odd", "SELECT t.[a;b], `c;d` FROM tune t"));

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots)).containsKey("0001_create_view_odd.yaml");
    }

    @Test
    void postgresqlChain_refusesSqliteCompileNamingBothAndTheFix() {
        JavaFileObject view = tuneView("PracticeListJoined", "practice_list_joined", JOINED);
        assertThat(compiler(snapshots).compile(view)).succeeded();

        Compilation compilation = sqlite().compile(view);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.dialectMismatch(snapshots.toString(), "postgresql",
                snapshots.resolve("0001_create_view_practice_list_joined.yaml").toString(), "sqlite"));
    }

    @Test
    void sqliteChain_refusesPostgresqlCompile() {
        JavaFileObject view = tuneView("PracticeListJoined", "practice_list_joined", JOINED);
        assertThat(sqlite().compile(view)).succeeded();

        Compilation compilation = compiler(snapshots).compile(view);

        assertThat(compilation).hadErrorContaining("[ViewMigrateDialectMismatch]");
        assertThat(compilation).hadErrorContaining("were frozen for sqlite");
        assertThat(compilation).hadErrorContaining("set -Aviewmigrate.dialect=sqlite");
    }

    @Test
    void unknownDialect_isRefusedNamingTheValues() {
        Compilation compilation = compiler(snapshots, "-Aviewmigrate.dialect=mysql")
                .compile(tuneView("A", "a", "SELECT 1 AS one"));

        assertThat(compilation).hadErrorContaining(Messages.invalidDialect("mysql", List.of("postgresql", "sqlite")));
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void materializedView_isRefusedOnTheAttribute() {
        JavaFileObject file = view("Stats", """
                materialized = true,
                      sql = "SELECT 1 AS one\"""");

        Compilation compilation = sqlite().compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewSqliteMaterialized("com.example.Stats"))
                .inFile(file).onLineContaining("materialized = true");
        assertThat(snapshotFiles(snapshots)).isEmpty();
    }

    @Test
    void indexes_areRefusedOnTheAttribute() {
        JavaFileObject file = view("Stats", """
                materialized = true,
                      indexes = @View.Index(columns = "one"),
                      sql = "SELECT 1 AS one\"""");

        Compilation compilation = sqlite().compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewSqliteIndexes("com.example.Stats"))
                .inFile(file).onLineContaining("indexes =");
    }

    @Test
    void options_areRefusedOnTheAttribute() {
        JavaFileObject file = view("Stats", """
                options = "security_barrier=true",
                      sql = "SELECT 1 AS one\"""");

        Compilation compilation = sqlite().compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewSqliteOptions("com.example.Stats"))
                .inFile(file).onLineContaining("options =");
    }

    @Test
    void comment_isRefusedOnTheAttribute() {
        JavaFileObject file = view("Stats", """
                comment = "one row",
                      sql = "SELECT 1 AS one\"""");

        Compilation compilation = sqlite().compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewSqliteComment("com.example.Stats"))
                .inFile(file).onLineContaining("comment =");
    }

    @Test
    void schemaOtherThanMain_isRefusedAndMainIsAccepted() {
        JavaFileObject temp = view("Scratch", """
                schema = "temp",
                      sql = "SELECT 1 AS one\"""");

        Compilation compilation = sqlite().compile(temp);

        assertThat(compilation).hadErrorContaining(Messages.viewSqliteSchema("com.example.Scratch", "temp"))
                .inFile(temp).onLineContaining("schema =");
        assertThat(sqlite().compile(view("Stats", "schema = \"main\", sql = \"SELECT 1 AS one\"")))
                .succeededWithoutWarnings();
    }

    @Test
    void reservedName_isRefused() {
        JavaFileObject file = view("Internal", """
                name = "sqlite_stats",
                      sql = "SELECT 1 AS one\"""");

        Compilation compilation = sqlite().compile(file);

        assertThat(compilation).hadErrorContaining(Messages.viewSqliteReservedName("com.example.Internal",
                "sqlite_stats")).inFile(file).onLineContaining("name =");
    }

    @Test
    void namesDifferingOnlyInCase_areOneViewInSqlite() {
        JavaFileObject first = view("Alpha", "name = \"tunes\", sql = \"SELECT 1 AS one\"");
        JavaFileObject second = view("Beta", """
                name = "Tunes",
                      sql = "SELECT 2 AS two\"""");

        Compilation compilation = sqlite().compile(first, second);

        assertThat(compilation).hadErrorContaining(Messages.viewSqliteDuplicateName("com.example.Beta", "Tunes",
                "com.example.Alpha", "tunes")).inFile(second).onLineContaining("name =");
        // The same two are two views in PostgreSQL, where quoted names keep their case.
        assertThat(compiler(snapshots.resolve("pg")).compile(first, second)).succeeded();
    }

    @Test
    void entityColumns_areCheckedAgainstSqlitesNames() {
        JavaFileObject entity = source("com.example.TuneCount", """
                package com.example;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Column;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @View(sql = \"""
                        SELECT t.Genre, count(*), max(t.title) latest, t.id || '-' || t.genre
                        FROM tune t GROUP BY t.genre
                        \""")
                public class TuneCount {
                    @Id
                    String genre;
                    @Column(name = "\\"count(*)\\"")
                    long tunes;
                    String latest;
                    String mode;
                }
                """);

        Compilation compilation = sqlite().compile(entity);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[ViewColumnMissing]");
        assertThat(compilation).hadErrorContaining("mode");
        assertThat(compilation).hadErrorContaining("it returns: Genre, count(*), latest, t.id || '-' || t.genre.");
    }
}
