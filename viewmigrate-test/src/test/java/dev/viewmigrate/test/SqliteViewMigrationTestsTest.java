package dev.viewmigrate.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewName;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** {@link ViewMigrationTests} on a SQLite chain: a temporary database file, compared through sqlite_master. */
class SqliteViewMigrationTestsTest {
    private static final FrozenView MAJOR = FrozenView.view(ViewName.of("major_tunes"),
            "SELECT id, title FROM tune WHERE mode = 'major'");
    private static final FrozenView MAJOR_2 = FrozenView.view(ViewName.of("major_tunes"),
            "SELECT id, title, genre FROM tune WHERE mode = 'major'");

    /** A SQLite revision with fixed statements, as the processor generates them with the sqlite dialect. */
    record SqliteMigration(String revision, String description, List<String> up, List<String> down,
            List<FrozenView> viewsAfter) implements Migration {
        @Override
        public int checksum() {
            CRC32 crc = new CRC32();
            crc.update((revision + up + down).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return (int) crc.getValue();
        }

        @Override
        public String dialect() {
            return "sqlite";
        }

        @Override
        public void upgrade(MigrationContext context) throws Exception {
            for (String sql : up) {
                context.execute(sql);
            }
        }

        @Override
        public void downgrade(MigrationContext context) throws Exception {
            for (String sql : down) {
                context.execute(sql);
            }
        }
    }

    static List<Migration> chain(String badDowngrade) {
        return List.of(
                new SqliteMigration("1", "create table tune",
                        List.of("CREATE TABLE tune (id INTEGER PRIMARY KEY, title TEXT, mode TEXT, genre TEXT)"),
                        List.of("DROP TABLE tune"), List.of()),
                new SqliteMigration("2", "create view major_tunes",
                        List.of("CREATE VIEW \"major_tunes\" AS\n" + MAJOR.sql()), List.of("DROP VIEW major_tunes"),
                        List.of(MAJOR)),
                new SqliteMigration("3", "change view major_tunes",
                        List.of("DROP VIEW major_tunes", "CREATE VIEW \"major_tunes\" AS\n" + MAJOR_2.sql()),
                        List.of("DROP VIEW major_tunes", badDowngrade), List.of(MAJOR_2)));
    }

    static class GoodChain extends ViewMigrationTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(() -> chain("CREATE VIEW \"major_tunes\" AS\n" + MAJOR.sql()));
        }
    }

    static class DowngradeForgetsAColumn extends ViewMigrationTests {
        @Override
        protected Optional<MigrationCatalog> catalog() {
            return Optional.of(() -> chain("CREATE VIEW \"major_tunes\" AS\nSELECT id FROM tune WHERE mode = 'major'"));
        }
    }

    private static List<Event> run(Class<?> type) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(type)).execute();
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        return results.testEvents().finished().list();
    }

    @Test
    void goodSqliteChain_passesEveryCheck() {
        List<Event> events = run(GoodChain.class);
        assertEquals(6, events.size());
        for (Event event : events) {
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(),
                    () -> event.getTestDescriptor().getDisplayName() + ": " + result.getThrowable());
        }
    }

    @Test
    void downgradeThatDoesNotRestoreTheView_failsWithTheSqliteCatalogDifference() {
        Event failed = run(DowngradeForgetsAColumn.class).stream()
                .filter(e -> e.getRequiredPayload(TestExecutionResult.class).getStatus()
                        == TestExecutionResult.Status.FAILED)
                .findFirst().orElseThrow();
        assertTrue(failed.getTestDescriptor().getDisplayName().startsWith("revision 3 (change view major_tunes)"),
                failed.getTestDescriptor().getDisplayName());
        String message = failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()
                .getMessage();
        assertTrue(message.contains("the downgrade does not restore the database"), message);
        assertTrue(message.contains("- view major_tunes column 1 title TEXT"), message);
    }
}
