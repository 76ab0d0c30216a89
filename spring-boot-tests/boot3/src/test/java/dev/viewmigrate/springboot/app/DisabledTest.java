package dev.viewmigrate.springboot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.spring.boot.ViewMigrateInitializer;
import dev.viewmigrate.spring.boot.actuate.ViewMigrateEndpoint;
import dev.viewmigrate.testdb.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code viewmigrate.enabled=false}: no bean, no upgrade, nothing in the database. Hibernate must not validate a
 * view that nobody created, hence {@code ddl-auto=none}, as docs/spring-boot.md says for tests.
 */
@SpringBootTest(properties = {"viewmigrate.enabled=false", "spring.jpa.hibernate.ddl-auto=none"})
@DirtiesContext
class DisabledTest {
    static final TestDatabase db = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Database.register(registry, db);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Autowired
    ApplicationContext context;

    @Test
    void disabled_createsNoBeans_andLeavesNoViewAndNoHistoryTable() {
        assertThat(context.getBeanNamesForType(ViewMigrator.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ViewMigrateInitializer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ViewMigrateEndpoint.class)).isEmpty();
        assertThat(context.containsBean("viewmigrateHealthIndicator")).isFalse();

        assertThat(Database.exists(db, "flyway_schema_history")).as("Flyway still ran").isTrue();
        assertThat(Database.exists(db, "author_book_counts")).isFalse();
        assertThat(Database.exists(db, "viewmigrate_history")).isFalse();
    }
}
