package dev.viewmigrate.springboot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.viewmigrate.testdb.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same application with Liquibase owning the tables instead of Flyway: Liquibase first, then the views. */
@SpringBootTest(properties = {"spring.flyway.enabled=false", "spring.liquibase.enabled=true"})
@DirtiesContext
class LiquibaseOrderingTest {
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
    AuthorBookCountRepository repository;

    @Test
    void liquibaseRunsFirst_thenTheViewsAreUpgraded_andJpaReadsThem() {
        assertThat(Database.query(db, "SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                .containsExactly("1", "2");
        assertThat(Database.exists(db, "flyway_schema_history")).isFalse();
        assertThat(Database.query(db, "SELECT revision FROM viewmigrate_history")).containsExactly("1");

        Database.execute(db, "INSERT INTO authors (name) VALUES ('ada')");
        assertThat(repository.findAllByOrderByName()).extracting(AuthorBookCount::getBookCount).containsExactly(0L);
    }
}
