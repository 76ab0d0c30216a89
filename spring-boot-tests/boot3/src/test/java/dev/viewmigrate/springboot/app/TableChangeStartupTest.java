package dev.viewmigrate.springboot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Flyway migration that retypes a column the managed view reads, at the start of a real application: the starter
 * registers viewmigrate's Flyway callback, so the view is dropped before the statement and created again after it,
 * in Flyway's transaction; switched off, the migration fails as it would without viewmigrate. The same with
 * Liquibase.
 */
class TableChangeStartupTest {
    private static final String TABLE_CHANGE = "--spring.flyway.locations=classpath:db/migration,"
            + "classpath:db/table-change";

    @Test
    void flywayRetypesAColumnTheViewReads_theViewIsCreatedAgainInFlywaysTransaction() {
        try (TestDatabase db = TestDatabase.create()) {
            start(db).close();
            String before = oid(db);

            try (ConfigurableApplicationContext context = start(db, TABLE_CHANGE)) {
                assertThat(Database.query(db, "SELECT version FROM flyway_schema_history WHERE success"))
                        .containsExactly("1", "2");
                assertThat(Database.query(db, "SELECT character_maximum_length FROM information_schema.columns"
                        + " WHERE table_name = 'author_book_counts' AND column_name = 'name'")).containsExactly("300");
                assertThat(oid(db)).as("created again").isNotEqualTo(before);
                ViewMigrator viewMigrator = context.getBean(ViewMigrator.class);
                assertThat(viewMigrator.verify().clean()).as(viewMigrator.verify().toString()).isTrue();
            }
        }
    }

    @Test
    void switchedOff_theMigrationFailsAsWithoutViewmigrate() {
        try (TestDatabase db = TestDatabase.create()) {
            start(db).close();

            assertThatThrownBy(() -> start(db, TABLE_CHANGE, "--viewmigrate.table-changes.enabled=false"))
                    .satisfies(failure -> assertThat(messages(failure))
                            .contains("cannot alter type of a column used by a view or rule"));
            assertThat(Database.query(db, "SELECT version FROM flyway_schema_history WHERE success"))
                    .containsExactly("1");
        }
    }

    /** The same with Liquibase: the starter sets viewmigrate's change listener on Boot's SpringLiquibase. */
    @Test
    void liquibaseRetypesAColumnTheViewReads_theViewIsCreatedAgain() {
        try (TestDatabase db = TestDatabase.create()) {
            String liquibase = "--spring.liquibase.enabled=true";
            start(db, "--spring.flyway.enabled=false", liquibase).close();
            String before = oid(db);

            // Only the new changeset: the ones of the first start ran already.
            try (ConfigurableApplicationContext context = start(db, "--spring.flyway.enabled=false", liquibase,
                    "--spring.liquibase.change-log=classpath:db/table-change/widen-author-names.sql")) {
                assertThat(Database.query(db, "SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                        .containsExactly("1", "2", "3");
                assertThat(Database.query(db, "SELECT character_maximum_length FROM information_schema.columns"
                        + " WHERE table_name = 'author_book_counts' AND column_name = 'name'")).containsExactly("300");
                assertThat(oid(db)).as("created again").isNotEqualTo(before);
                ViewMigrator viewMigrator = context.getBean(ViewMigrator.class);
                assertThat(viewMigrator.verify().clean()).as(viewMigrator.verify().toString()).isTrue();
            }
        }
    }

    private static String oid(TestDatabase db) {
        return Database.query(db, "SELECT 'author_book_counts'::regclass::oid::text").get(0);
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(Database.args(db));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(ShopApplication.class).run(all.toArray(String[]::new));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
