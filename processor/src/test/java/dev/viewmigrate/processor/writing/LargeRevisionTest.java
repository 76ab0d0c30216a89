package dev.viewmigrate.processor.writing;

import static com.google.common.truth.Truth.assertThat;

import dev.viewmigrate.processor.diff.ViewDiff;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team adopting viewmigrate freezes all its views in one revision: 5,000 views (every tenth reading the one
 * before it) compile within the JVM's limits (64 KB per constant, per method and per class initialiser), apply on
 * PostgreSQL, and roll back; the description stays short.
 */
@ExtendWith(PostgresExtension.class)
class LargeRevisionTest {
    private static final int VIEWS = 5_000;

    @Test
    void fiveThousandViewsInOneRevision_compileApplyAndRollBack(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Map<ViewKey, ViewDefinition> views = new TreeMap<>();
        for (int i = 1; i <= VIEWS; i++) {
            String name = String.format(Locale.ROOT, "v%04d", i);
            String sql = i % 10 == 0
                    ? String.format(Locale.ROOT, "SELECT n + 1 AS n, 'view %d' AS label\nFROM v%04d", i, i - 1)
                    : "SELECT " + i + " AS n, 'view " + i + "' AS label";
            views.put(new ViewKey("", name), new ViewDefinition(new ViewKey("", name), false, true, List.of(),
                    List.of(), sql, "com.example.V" + i));
        }
        Revision revision = ViewDiff.between(Map.of(), views).toRevision(0);
        assertThat(revision.description()).startsWith("create 5000 views: v0001, v0002, v0003");
        assertThat(revision.description().length()).isLessThan(200);
        assertThat(revision.fileName()).startsWith("0001_create_5000_views_v0001");

        List<GeneratedFile> files = GeneratedSources.write(List.of(revision));
        // Each long list is written once, as arrays of at most 2,000 views joined at run time; the downgrade takes
        // the create order reversed instead of a second copy of it.
        String source = files.get(0).content();
        assertThat(source).contains("steps.create(allViewsAfter());");
        assertThat(source).contains("steps.drop(reversed(allViewsAfter()));");
        assertThat(source).contains("return concat(allViewsAfterPart1(), allViewsAfterPart2(), allViewsAfterPart3());");
        assertThat(source).doesNotContain("List.of(");
        MigrationCatalog catalog = GeneratedSources.compileAndLoad(files, dir, "UTF-8");
        assertThat(catalog.migrations().get(0).viewsAfter()).hasSize(VIEWS);

        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(catalog).build();
        migrator.upgrade();
        assertThat(count(db)).isEqualTo(VIEWS);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT n, label FROM v0010")) {
            row.next();
            assertThat(row.getInt(1)).isEqualTo(10);
            assertThat(row.getString(2)).isEqualTo("view 10");
        }
        migrator.downgrade("base");
        assertThat(count(db)).isEqualTo(0);
    }

    private static int count(TestDatabase db) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM pg_class WHERE relkind = 'v' AND relnamespace = 'public'::regnamespace")) {
            row.next();
            return row.getInt(1);
        }
    }
}
