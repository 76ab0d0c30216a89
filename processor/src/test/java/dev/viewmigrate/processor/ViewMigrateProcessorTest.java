package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.viewmigrate.processor.Compilations.compiler;
import static dev.viewmigrate.processor.Compilations.generatedSource;
import static dev.viewmigrate.processor.Compilations.generatedSources;
import static dev.viewmigrate.processor.Compilations.handWrittenMigration;
import static dev.viewmigrate.processor.Compilations.migration;
import static dev.viewmigrate.processor.Compilations.resource;
import static dev.viewmigrate.processor.Compilations.snapshotFiles;
import static dev.viewmigrate.processor.Compilations.source;
import static dev.viewmigrate.processor.Compilations.sql;
import static dev.viewmigrate.processor.Compilations.statements;
import static dev.viewmigrate.processor.Compilations.summary;
import static dev.viewmigrate.processor.Compilations.view;

import com.google.testing.compile.Compilation;
import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor end to end on in-memory sources: what it freezes, what it generates. */
class ViewMigrateProcessorTest {
    private static final String REVISION_1 = "viewmigrate.generated.Revision0001";
    private static final String REVISION_2 = "viewmigrate.generated.Revision0002";

    @TempDir
    Path snapshots;

    private static JavaFileObject activeUser(String selectSql) {
        return view("ActiveUser", sql(selectSql));
    }

    @Test
    void firstView_freezesRevision1AndGeneratesItsMigration() {
        Compilation compilation = compiler(snapshots).compile(activeUser("""
                SELECT u.id, u.name
                FROM users u
                WHERE u.active
                """));

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots)).containsExactly("0001_create_view_active_user.yaml",
                resource("expected/0001_create_view_active_user.yaml"));
        if (System.getProperty("viewmigrate.updateGolden") != null) {
            Golden.update("expected/Revision0001.java", generatedSource(compilation, REVISION_1));
        }
        assertThat(compilation).generatedSourceFile(REVISION_1).contentsAsUtf8String()
                .isEqualTo(resource("expected/Revision0001.java"));
        assertThat(compilation).generatedSourceFile("viewmigrate.generated.ViewMigrateCatalog")
                .contentsAsUtf8String().isEqualTo(resource("expected/ViewMigrateCatalog.java"));
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.viewmigrate.runtime.MigrationCatalog")
                .contentsAsUtf8String().isEqualTo("viewmigrate.generated.ViewMigrateCatalog\n");
    }

    @Test
    void unchangedSecondCompile_writesNoFileAndGeneratesIdenticalSources() {
        JavaFileObject source = activeUser("SELECT id, name FROM users");
        Compilation first = compiler(snapshots).compile(source);
        Map<String, String> frozen = snapshotFiles(snapshots);

        Compilation second = compiler(snapshots).compile(source);

        assertThat(second).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots)).isEqualTo(frozen);
        assertThat(generatedSources(second)).isEqualTo(generatedSources(first));
    }

    @Test
    void reindentedSqlWithTrailingSpaces_isNoChange() {
        compiler(snapshots).compile(activeUser("SELECT id,\n       name\nFROM users"));
        var frozen = snapshotFiles(snapshots);

        Compilation again = compiler(snapshots).compile(view("ActiveUser",
                "sql = \"\\n\\n            SELECT id,   \\n                   name\\n            FROM users;\\n  \"")); 

        assertThat(again).succeeded();
        assertThat(snapshotFiles(snapshots)).isEqualTo(frozen); // nothing added, revision 1 not rewritten
    }

    @Test
    void changedSql_freezesOneNewRevisionWithUpgradeAndExactDowngrade() {
        compiler(snapshots).compile(activeUser("SELECT u.id, u.name\nFROM users u"));

        Compilation compilation = compiler(snapshots).compile(activeUser("SELECT u.id, u.name, u.email\nFROM users u"));

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots).keySet())
                .containsExactly("0001_create_view_active_user.yaml", "0002_change_view_active_user.yaml");
        assertThat(snapshotFiles(snapshots).get("0002_change_view_active_user.yaml")).isEqualTo("""
                # viewmigrate revision, frozen at compile time. Append-only: never edit or delete it once
                # committed; the generated migration and its checksum are derived from this text.
                formatVersion: 1
                revision: 2
                parent: 1
                description: "change view active_user"
                views:
                  - name: active_user
                    class: com.example.ActiveUser
                    sql: |-
                      SELECT u.id, u.name, u.email
                      FROM users u
                    reads: [users]
                    columns: [id, name, email]
                """);
        // Appending a column: CREATE OR REPLACE (keeps grants and dependents), guarded for run-time refusals.
        List<String> upgrade = statements(compilation, REVISION_2, true);
        assertThat(summary(upgrade)).containsExactly("SAVE", "GUARDED REPLACE active_user", "RESTORE").inOrder();
        assertThat(upgrade.get(1)).isEqualTo("""
                DO $vm$
                BEGIN
                CREATE OR REPLACE VIEW active_user AS
                SELECT u.id, u.name, u.email
                FROM users u;
                EXCEPTION WHEN invalid_table_definition THEN
                PERFORM pg_temp.viewmigrate_check_dependents(ARRAY['active_user']::text[], ARRAY[]::text[], 'upgrade');
                DROP VIEW active_user;
                CREATE VIEW active_user AS
                SELECT u.id, u.name, u.email
                FROM users u;
                END
                $vm$""");
        // Going back drops a column, which CREATE OR REPLACE refuses: drop and create the old definition, keeping
        // grants and comments.
        assertThat(summary(statements(compilation, REVISION_2, false))).containsExactly(
                "CHECK DEPENDENTS", "SAVE", "DROP VIEW active_user",
                "CREATE VIEW active_user AS\nSELECT u.id, u.name\nFROM users u", "RESTORE").inOrder();
        assertThat(generatedSource(compilation, "viewmigrate.generated.ViewMigrateCatalog"))
                .contains("new Revision0001(),\n                new Revision0002());");
    }

    @Test
    void reorderedColumns_dropAndCreateBothWays() {
        compiler(snapshots).compile(activeUser("SELECT id, name FROM users"));

        Compilation compilation = compiler(snapshots).compile(activeUser("SELECT name, id FROM users"));

        assertThat(compilation).succeeded();
        assertThat(summary(statements(compilation, REVISION_2, true))).containsExactly(
                "CHECK DEPENDENTS", "SAVE", "DROP VIEW active_user",
                "CREATE VIEW active_user AS\nSELECT name, id FROM users", "RESTORE").inOrder();
        assertThat(summary(statements(compilation, REVISION_2, false))).containsExactly(
                "CHECK DEPENDENTS", "SAVE", "DROP VIEW active_user",
                "CREATE VIEW active_user AS\nSELECT id, name FROM users", "RESTORE").inOrder();
    }

    @Test
    void removedView_freezesDropRevisionWhoseDowngradeRecreatesIt() {
        JavaFileObject kept = view("Kept", sql("SELECT 1 AS one"));
        compiler(snapshots).compile(kept, view("Gone", sql("SELECT 2 AS two")));

        Compilation compilation = compiler(snapshots).compile(kept);

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots).get("0002_drop_view_gone.yaml")).endsWith("""
                description: "drop view gone"
                removed:
                  - name: gone
                """);
        // Nothing to save for a view that is not recreated; the check still refuses to drop what others read.
        assertThat(summary(statements(compilation, REVISION_2, true)))
                .containsExactly("CHECK DEPENDENTS", "DROP VIEW gone").inOrder();
        assertThat(statements(compilation, REVISION_2, false)).containsExactly("CREATE VIEW gone AS\nSELECT 2 AS two");
        assertThat(migration(compilation, REVISION_2).viewsRemoved()).containsExactly(ViewName.of("gone"));
        assertThat(migration(compilation, REVISION_2).viewsAfter()).isEmpty();
    }

    @Test
    void renamedView_dropsOldAndCreatesNew() {
        compiler(snapshots).compile(view("ActiveUser", "name = \"active_users\", " + sql("SELECT 1 AS id")));

        Compilation compilation = compiler(snapshots)
                .compile(view("ActiveUser", "name = \"current_users\", " + sql("SELECT 1 AS id")));

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots)).containsKey("0002_drop_view_active_users_create_view_current_users.yaml");
        assertThat(summary(statements(compilation, REVISION_2, true))).containsExactly(
                "CHECK DEPENDENTS", "DROP VIEW active_users", "CREATE VIEW current_users AS\nSELECT 1 AS id")
                .inOrder();
        assertThat(summary(statements(compilation, REVISION_2, false))).containsExactly(
                "CHECK DEPENDENTS", "DROP VIEW current_users", "CREATE VIEW active_users AS\nSELECT 1 AS id")
                .inOrder();
        Migration revision2 = migration(compilation, REVISION_2);
        assertThat(revision2.viewsRemoved()).containsExactly(ViewName.of("active_users"));
        assertThat(revision2.viewsAfter()).containsExactly(
                FrozenView.view(ViewName.of("current_users"), "SELECT 1 AS id"));
    }

    @Test
    void viewMovedToAnotherClass_isNoChange() {
        compiler(snapshots).compile(view("ActiveUser", "name = \"active_users\", " + sql("SELECT 1 AS id")));
        var frozen = snapshotFiles(snapshots);

        Compilation compilation = compiler(snapshots)
                .compile(view("CurrentUser", "name = \"active_users\", " + sql("SELECT 1 AS id")));

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots)).isEqualTo(frozen); // nothing added, revision 1 not rewritten
    }

    @Test
    void namesDefaultToTableThenSnakeCaseAndAreQuotedWhenNeeded() {
        Compilation compilation = compiler(snapshots).compile(
                source("com.example.UserStats", """
                        package com.example;

                        import dev.viewmigrate.annotations.View;
                        import jakarta.persistence.Table;

                        @Table(name = "\\\"User Stats\\\"", schema = "reporting")
                        @View(sql = "SELECT 1 AS n")
                        public class UserStats {
                        }
                        """),
                view("HTTPRequestLog", sql("SELECT 1 AS n")),
                view("Grouping", "name = \"group\", " + sql("SELECT 1 AS n")));

        assertThat(compilation).succeeded();
        assertThat(statements(compilation, REVISION_1, true)).containsExactly(
                "CREATE VIEW \"group\" AS\nSELECT 1 AS n", "CREATE VIEW http_request_log AS\nSELECT 1 AS n",
                "CREATE VIEW reporting.\"User Stats\" AS\nSELECT 1 AS n").inOrder();
    }

    /**
     * Hibernate writes an unquoted {@code @Table(name)} into its SQL as is, so PostgreSQL folds it to lower case (and
     * Spring Boot's naming strategy makes it snake_case first); only a name quoted in the mapping keeps its case.
     * The view must be created under the name the entity's queries will use.
     */
    @Test
    void tableName_isTheNamePostgresResolvesForTheEntitysQueries() {
        JavaFileObject[] sources = {
                source("com.example.ActiveUser", """
                        package com.example;

                        import dev.viewmigrate.annotations.View;
                        import jakarta.persistence.Table;

                        @Table(name = "ActiveUsers", schema = "Reporting")
                        @View(sql = "SELECT 1 AS n")
                        public class ActiveUser {
                        }
                        """),
                source("com.example.OrderLine", """
                        package com.example;

                        import dev.viewmigrate.annotations.View;
                        import jakarta.persistence.Table;

                        @Table(name = "`OrderLines`")
                        @View(sql = "SELECT 1 AS n")
                        public class OrderLine {
                        }
                        """),
                view("Explicit", "name = \"Explicit\", " + sql("SELECT 1 AS n"))};

        String exact = String.join("\n", statements(compiler(snapshots).compile(sources), REVISION_1, true));
        assertThat(exact).contains("CREATE VIEW reporting.activeusers AS");
        assertThat(exact).contains("CREATE VIEW \"OrderLines\" AS");
        assertThat(exact).contains("CREATE VIEW \"Explicit\" AS"); // @View(name) is taken literally

        String snake = String.join("\n", statements(compiler(snapshots.resolve("snake"),
                "-Aviewmigrate.naming=snake_case").compile(sources), REVISION_1, true));
        assertThat(snake).contains("CREATE VIEW reporting.active_users AS");
        assertThat(snake).contains("CREATE VIEW order_lines AS");
        assertThat(snake).contains("CREATE VIEW \"Explicit\" AS");
    }

    @Test
    void checkMode_failsNamingEachChangedViewAndWritesNothing() {
        compiler(snapshots).compile(activeUser("SELECT 1 AS id"));

        JavaFileObject changed = activeUser("SELECT 1 AS id, 2 AS two");
        JavaFileObject added = view("NewView", sql("SELECT 3 AS three"));
        Compilation compilation = compiler(snapshots, "-Aviewmigrate.mode=check").compile(changed, added);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.revisionMissing("active_user", "changed"))
                .inFile(changed).onLineContaining("@View");
        assertThat(compilation).hadErrorContaining(Messages.revisionMissing("new_view", "is new"))
                .inFile(added).onLineContaining("@View");
        assertThat(snapshotFiles(snapshots)).hasSize(1);
    }

    @Test
    void checkMode_passesWhenEveryChangeIsFrozen() {
        JavaFileObject source = activeUser("SELECT 1 AS id");
        compiler(snapshots).compile(source);

        Compilation compilation = compiler(snapshots, "-Aviewmigrate.mode=check").compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile(REVISION_1);
        assertThat(snapshotFiles(snapshots)).hasSize(1);
    }

    @Test
    void sqlResource_isReadFromTheSourcePath(@TempDir Path sourceRoot) throws Exception {
        java.nio.file.Files.createDirectories(sourceRoot.resolve("views"));
        java.nio.file.Files.writeString(sourceRoot.resolve("views/active.sql"), "  SELECT id\n  FROM users;\n");

        Compilation compilation = compiler(snapshots, "-sourcepath", sourceRoot.toString())
                .compile(view("ActiveUser", "sqlResource = \"views/active.sql\""));

        assertThat(compilation).succeeded();
        assertThat(statements(compilation, REVISION_1, true))
                .containsExactly("CREATE VIEW active_user AS\nSELECT id\nFROM users");
    }

    @Test
    void sqlResource_savedWithAByteOrderMark_andWindowsLineEndings_readsAsItsText(@TempDir Path sourceRoot)
            throws Exception {
        // Notepad and several SQL editors save UTF-8 with a BOM: it marks the encoding, it is not part of the query.
        java.nio.file.Files.createDirectories(sourceRoot.resolve("views"));
        java.nio.file.Files.writeString(sourceRoot.resolve("views/active.sql"), "\uFEFFSELECT id\r\nFROM users;\r\n");

        Compilation compilation = compiler(snapshots, "-sourcepath", sourceRoot.toString())
                .compile(view("ActiveUser", "sqlResource = \"views/active.sql\""));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(statements(compilation, REVISION_1, true))
                .containsExactly("CREATE VIEW active_user AS\nSELECT id\nFROM users");
    }

    @Test
    void trailingSpacesAddedToARevisionFilesSql_freezeNothing_andKeepTheChecksum() throws Exception {
        JavaFileObject source = view("ActiveUser", sql("SELECT id,\n       name\nFROM users"));
        Compilation first = compiler(snapshots).compile(source);
        Path file = snapshots.resolve("0001_create_view_active_user.yaml");
        String frozen = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, frozen.replace("      SELECT id,\n", "      SELECT id,   \n")
                .replace("      FROM users\n", "      FROM users\t\n"));

        Compilation again = compiler(snapshots).compile(source);

        assertThat(again).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots).keySet()).containsExactly("0001_create_view_active_user.yaml");
        assertThat(migration(again, REVISION_1).checksum()).isEqualTo(migration(first, REVISION_1).checksum());
    }

    @Test
    void reorderedIndexDeclarations_isNoChange() {
        // The order of CREATE INDEX statements leaves nothing different in the database: a revision would do nothing.
        String sql = sql("SELECT author_id, count(*) AS posts FROM posts GROUP BY author_id");
        compiler(snapshots).compile(view("PostStats", """
                materialized = true,
                indexes = {@View.Index(columns = "author_id", unique = true), @View.Index(columns = "posts")},
                """ + sql));
        Map<String, String> frozen = snapshotFiles(snapshots);

        Compilation again = compiler(snapshots).compile(view("PostStats", """
                materialized = true,
                indexes = {@View.Index(columns = "posts"), @View.Index(columns = "author_id", unique = true)},
                """ + sql));

        assertThat(again).succeededWithoutWarnings();
        assertThat(snapshotFiles(snapshots)).isEqualTo(frozen);
    }

    @Test
    void materializedView_createsItWithIndexesAndDropsItOnDowngrade() {
        Compilation compilation = compiler(snapshots).compile(view("PostStats", """
                materialized = true, withData = false,
                indexes = @View.Index(columns = "author_id", unique = true),
                """ + sql("SELECT author_id, count(*) AS posts FROM posts GROUP BY author_id")));

        assertThat(compilation).succeeded();
        String revision1 = generatedSource(compilation, REVISION_1);
        assertThat(revision1).contains(".withNoData()");
        assertThat(revision1).contains(".withIndexes(FrozenIndex.uniqueOn(\"post_stats_author_id_key\", \"author_id\"))");
        assertThat(summary(statements(compilation, REVISION_1, true))).containsExactly(
                "CREATE MATERIALIZED VIEW post_stats AS\n"
                        + "SELECT author_id, count(*) AS posts FROM posts GROUP BY author_id\nWITH NO DATA",
                "CREATE UNIQUE INDEX post_stats_author_id_key ON post_stats (author_id)").inOrder();
        assertThat(summary(statements(compilation, REVISION_1, false)))
                .containsExactly("CHECK DEPENDENTS", "DROP MATERIALIZED VIEW post_stats").inOrder();
        assertThat(migration(compilation, REVISION_1).viewsAfter()).containsExactly(FrozenView.materializedView(
                ViewName.of("post_stats"), "SELECT author_id, count(*) AS posts FROM posts GROUP BY author_id")
                .withNoData().withIndexes(FrozenIndex.uniqueOn("post_stats_author_id_key", "author_id")));
        assertThat(snapshotFiles(snapshots).get("0001_create_view_post_stats.yaml")).contains("""
                    materialized: true
                    withData: false
                    indexes:
                      - name: post_stats_author_id_key
                        columns: [author_id]
                        unique: true
                """);
    }

    @Test
    void dependsOn_createsDependenciesFirst() {
        Compilation compilation = compiler(snapshots).compile(
                view("Alpha", "dependsOn = Zeta.class, " + sql("SELECT n FROM zeta")),
                view("Zeta", sql("SELECT 1 AS n")));

        assertThat(compilation).succeeded();
        String revision1 = generatedSource(compilation, REVISION_1);
        assertThat(revision1).contains("steps.create(ZETA, ALPHA);");
        assertThat(summary(statements(compilation, REVISION_1, false)))
                .containsExactly("CHECK DEPENDENTS", "DROP VIEW alpha", "DROP VIEW zeta").inOrder();
        assertThat(snapshotFiles(snapshots).get("0001_create_view_alpha_create_view_zeta.yaml")).contains("""
                    dependsOn:
                      - name: zeta
                    sql: |-
                      SELECT n FROM zeta
                """);
    }

    @Test
    void handWrittenMigration_isFrozenAsItsOwnRevisionBeforeTheViewChanges() {
        JavaFileObject handWritten = source("com.example.CreateUsers", handWrittenMigration("CreateUsers",
                "create table users", "CREATE TABLE users (id int)", "DROP TABLE users"));

        Compilation compilation = compiler(snapshots).compile(handWritten, activeUser("SELECT id FROM users"));

        assertThat(compilation).succeeded();
        assertThat(snapshotFiles(snapshots).keySet())
                .containsExactly("0001_create_table_users.yaml", "0002_create_view_active_user.yaml");
        assertThat(snapshotFiles(snapshots).get("0001_create_table_users.yaml")).endsWith("""
                revision: 1
                description: "create table users"
                handWritten:
                  class: com.example.CreateUsers
                  description: "create table users"
                """);
        String revision1 = generatedSource(compilation, REVISION_1);
        assertThat(revision1).contains("new CreateUsers().upgrade(context);");
        assertThat(revision1).contains("new CreateUsers().downgrade(context);");

        Compilation again = compiler(snapshots).compile(handWritten, activeUser("SELECT id FROM users"));
        assertThat(again).succeeded();
        assertThat(snapshotFiles(snapshots)).hasSize(2);
    }

    @Test
    void generatedPackage_followsTheOption() {
        Compilation compilation = compiler(snapshots, "-Aviewmigrate.package=com.example.migrations")
                .compile(activeUser("SELECT 1 AS id"));

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("com.example.migrations.Revision0001");
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.viewmigrate.runtime.MigrationCatalog")
                .contentsAsUtf8String().isEqualTo("com.example.migrations.ViewMigrateCatalog\n");
    }
}
