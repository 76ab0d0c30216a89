package dev.viewmigrate.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.viewmigrate.processor.snapshot.SnapshotDirectory;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden corpus: revision files covering every kind of plan (hand-written, create with options, comment and
 * GIN/partial/covering indexes, a guarded replace, a recreate with a plain and a materialized dependent, an
 * index/options/comment-only change, a removal), the Java generated from them and the offline scripts of their
 * whole chain, up and down. A change in planning or rendering fails here: when it is deliberate, run the test with
 * {@code -Dviewmigrate.updateGolden}, review the diff of {@code src/test/resources/golden}, and document the change
 * (docs/design-faq.md, "What exactly is frozen"). The chain is also run on PostgreSQL: each revision up, down and up
 * again with the catalog compared, and the offline script against the online run.
 */
@ExtendWith(PostgresExtension.class)
class GoldenCorpusTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String HISTORY = "public." + ViewMigrator.DEFAULT_HISTORY_TABLE;

    @Test
    void generatedCodeAndScriptsMatchTheGoldenFiles(TestDatabase db, @TempDir Path dir) throws Exception {
        SnapshotDirectory.Chain chain = new SnapshotDirectory(GOLDEN.resolve("viewmigrate")).read();
        assertThat(chain.errors()).isEmpty();
        List<GeneratedFile> files = GeneratedSources.write(chain.revisions());

        List<String> mismatches = new ArrayList<>();
        for (GeneratedFile file : files) {
            if (file.kind() == GeneratedFile.Kind.SOURCE) {
                String simpleName = file.name().substring(file.name().lastIndexOf('.') + 1);
                compare("generated/" + simpleName + ".java", file.content(), mismatches);
            }
        }
        MigrationCatalog catalog = GeneratedSources.compileAndLoad(files,
                List.of(GOLDEN.resolve("java/com/example/CreateTables.java")), dir, "UTF-8");
        ViewMigrator offline = ViewMigrator.builder().catalog(catalog).build();
        String up = offline.upgradeSql(null, "head");
        String down = offline.downgradeSql(null, "base");
        compare("upgrade.sql", up, mismatches);
        compare("downgrade.sql", down, mismatches);
        assertWithMessage("golden files differ (run with -Dviewmigrate.updateGolden to accept, then review):\n%s",
                String.join("\n", mismatches)).that(mismatches).isEmpty();

        // Every revision of the corpus round-trips on PostgreSQL.
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(catalog).build();
        int revisions = catalog.migrations().size();
        for (int i = 1; i <= revisions; i++) {
            CatalogSnapshot before = CatalogSnapshot.capture(db).without(HISTORY);
            migrator.upgrade("+1");
            CatalogSnapshot after = CatalogSnapshot.capture(db).without(HISTORY);
            assertWithMessage("verify after revision %s: %s", i, migrator.verify()).that(migrator.verify().clean())
                    .isTrue();
            migrator.downgrade("-1");
            before.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade of revision " + i);
            migrator.upgrade("+1");
            after.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "upgrade of revision " + i + " again");
        }
        try (TestDatabase scripted = TestDatabase.create()) {
            assertThat(GoldenScripts.run(scripted, up)).isTrue();
            CatalogSnapshot.capture(db).without(HISTORY)
                    .assertSameAs(CatalogSnapshot.capture(scripted).without(HISTORY), "offline upgrade head");
            assertThat(GoldenScripts.run(scripted, down)).isTrue();
            migrator.downgrade("base");
            CatalogSnapshot.capture(db).without(HISTORY)
                    .assertSameAs(CatalogSnapshot.capture(scripted).without(HISTORY), "offline downgrade base");
        }
    }

    private static void compare(String name, String actual, List<String> mismatches) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (System.getProperty("viewmigrate.updateGolden") != null) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(missing)";
        if (!expected.equals(actual)) {
            mismatches.add("  " + file);
        }
    }
}
