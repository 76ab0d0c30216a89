package dev.viewmigrate.springboot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.viewmigrate.spring.boot.actuate.ViewMigrateEndpoint;
import dev.viewmigrate.spring.boot.actuate.ViewMigrateEndpoint.ViewMigrateDescriptor;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with Flyway owning the tables, on a fresh database: Flyway migrates, then viewmigrate upgrades
 * the views, then Hibernate validates the {@code @View} entity, and JPA reads the view.
 */
@SpringBootTest(properties = {"viewmigrate.health.verify=true", "logging.level.dev.viewmigrate=debug"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class FlywayStartupTest {
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

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ViewMigrateEndpoint endpoint;

    @Autowired
    HealthEndpoint health;

    @Test
    void flywayMigratesFirst_thenTheViewsAreUpgraded_beforeJpaReadsThem(CapturedOutput output) {
        assertThat(Database.query(db, "SELECT version FROM flyway_schema_history WHERE success")).containsExactly("1");
        assertThat(Database.query(db, "SELECT revision FROM viewmigrate_history")).containsExactly("1");
        assertThat(Database.exists(db, "author_book_counts")).isTrue();

        String log = output.getAll();
        int flyway = log.indexOf("Successfully applied 1 migration");
        int views = log.indexOf("Applied revision 1 (");
        int jpa = log.indexOf("Initialized JPA EntityManagerFactory");
        assertThat(flyway).as("Flyway's log line").isNotNegative();
        assertThat(views).as("viewmigrate's log line\n" + log).isGreaterThan(flyway);
        assertThat(jpa).as("Hibernate's log line").isGreaterThan(views);
        assertThat(log).contains("Upgraded the database views from revision base to 1 (1 revision)");

        jdbc.update("INSERT INTO authors (name) VALUES ('ada'), ('bob')");
        jdbc.update("INSERT INTO books (author_id, title) SELECT id, 'notes ' || n FROM authors, generate_series(1, 2) n"
                + " WHERE name = 'ada'");
        List<AuthorBookCount> counts = repository.findAllByOrderByName();
        assertThat(counts).extracting(AuthorBookCount::getName).containsExactly("ada", "bob");
        assertThat(counts).extracting(AuthorBookCount::getBookCount).containsExactly(2L, 0L);
    }

    @Test
    void endpointReportsCurrentHistoryAndPending() {
        ViewMigrateDescriptor answer = endpoint.viewmigrate();
        assertThat(answer.current()).isEqualTo("1");
        assertThat(answer.history()).singleElement().satisfies(r -> {
            assertThat(r.revision()).isEqualTo("1");
            assertThat(r.description()).isEqualTo("create view author_book_counts");
        });
        assertThat(answer.pending()).isEmpty();
        assertThat(answer.problems()).isEmpty();
    }

    @Test
    void healthIsUp_andDownWithTheFindingWhenTheViewWasChangedByHand() {
        HealthComponent clean = health.healthForPath("viewmigrate");
        assertThat(clean.getStatus()).isEqualTo(Status.UP);
        assertThat(details(clean)).containsEntry("current", "1").containsEntry("viewsChecked", 1);

        String original = Database.query(db, "SELECT pg_get_viewdef('author_book_counts')").get(0);
        Database.execute(db, "CREATE OR REPLACE VIEW author_book_counts AS SELECT a.id, a.name, 0::bigint AS"
                + " book_count FROM authors a");
        try {
            HealthComponent drifted = health.healthForPath("viewmigrate");
            assertThat(drifted.getStatus()).isEqualTo(Status.DOWN);
            assertThat(details(drifted).get("drift").toString())
                    .contains("DEFINITION_CHANGED").contains("author_book_counts");
        } finally {
            Database.execute(db, "CREATE OR REPLACE VIEW author_book_counts AS " + original);
        }
        assertThat(health.healthForPath("viewmigrate").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void runtimeSystemLoggerLinesReachBootsLogging(CapturedOutput output) {
        // The runtime logs through System.Logger: the JDK sends that to java.util.logging, and Boot's Logback setup
        // bridges java.util.logging to SLF4J (jul-to-slf4j) and propagates levels, DEBUG included.
        System.Logger logger = System.getLogger("dev.viewmigrate.runtime.LogRouteProbe");
        logger.log(System.Logger.Level.INFO, "probe at info");
        logger.log(System.Logger.Level.DEBUG, "probe at debug");

        assertThat(output.getAll().lines().filter(line -> line.contains("probe at info")))
                .singleElement().asString().contains("INFO").contains("LogRouteProbe");
        assertThat(output.getAll().lines().filter(line -> line.contains("probe at debug")))
                .singleElement().asString().contains("DEBUG");
        assertThat(output.getAll()).contains("Applied revision 1 (create view author_book_counts) in ");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthComponent component) {
        return ((org.springframework.boot.actuate.health.Health) component).getDetails();
    }
}
