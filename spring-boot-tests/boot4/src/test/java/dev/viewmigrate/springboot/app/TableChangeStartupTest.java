package dev.viewmigrate.springboot.app;

import static org.assertj.core.api.Assertions.assertThat;

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
 * in Flyway's transaction (Flyway 13 here; the Boot 3.5 module also checks the switch-off).
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

    private static String oid(TestDatabase db) {
        return Database.query(db, "SELECT 'author_book_counts'::regclass::oid::text").get(0);
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(Database.args(db));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(ShopApplication.class).run(all.toArray(String[]::new));
    }
}
