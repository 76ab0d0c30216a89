package dev.viewmigrate.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.plan.Planner;
import dev.viewmigrate.processor.plan.Step;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL expands {@code *} once, when a view is created. When a base view gains a column through
 * {@code CREATE OR REPLACE}, a managed reader written {@code SELECT * FROM base} is recreated in the same revision,
 * so it returns the new column and {@code verify} agrees with the database built by {@code upgrade head}.
 */
@ExtendWith(PostgresExtension.class)
class StarReaderTest {
    private static ViewDefinition view(String name, String sql) {
        return new ViewDefinition(new ViewKey("", name), false, true, List.of(), List.of(), sql, "com.example.X");
    }

    private static final ViewDefinition BASE_1 = view("base", "SELECT id FROM items");
    private static final ViewDefinition BASE_2 = view("base", "SELECT id, name FROM items");
    private static final ViewDefinition READER = view("reader", "SELECT * FROM base");
    private static final ViewDefinition QUALIFIED_READER = view("picky", "SELECT DISTINCT b.* FROM base b");
    private static final ViewDefinition COUNTER = view("counter", "SELECT count(*) AS n FROM base");

    private static final Revision ONE = new Revision(1, 0, "create views", "0001_create_views.yaml",
            List.of(BASE_1, READER, QUALIFIED_READER, COUNTER), List.of(), List.of());
    private static final Revision TWO = new Revision(2, 1, "change view base", "0002_change_view_base.yaml",
            List.of(BASE_2), List.of(), List.of());

    @Test
    void starReadersOfAReplacedView_areRecreated_countStarIsNot() {
        List<Step> upgrade = Planner.plan(FrozenState.of(List.of(ONE)), TWO).upgrade();
        assertThat(upgrade).contains(new Step.DropView(READER));
        assertThat(upgrade).contains(new Step.CreateView(QUALIFIED_READER));
        assertThat(upgrade).doesNotContain(new Step.DropView(COUNTER));
        assertThat(upgrade.stream().filter(s -> s instanceof Step.ReplaceView).count()).isEqualTo(1);
    }

    @Test
    void afterUpgradeHead_verifyIsCleanAndTheReaderReturnsTheNewColumn(TestDatabase db, @TempDir Path dir)
            throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id int, name text)");
            statement.execute("INSERT INTO items VALUES (1, 'one')");
        }
        MigrationCatalog catalog = GeneratedSources.compileAndLoad(GeneratedSources.write(List.of(ONE, TWO)), dir,
                "UTF-8");
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(catalog).build();
        migrator.upgrade();
        VerifyReport report = migrator.verify();
        assertWithMessage("%s", report).that(report.clean()).isTrue();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM reader")) {
            assertThat(row.getMetaData().getColumnCount()).isEqualTo(2);
        }
        migrator.downgrade("-1");
        assertWithMessage("%s", migrator.verify()).that(migrator.verify().clean()).isTrue();
    }
}
