package dev.viewmigrate.springboot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.spring.boot.ViewMigrateAutoConfiguration;
import dev.viewmigrate.spring.boot.ViewMigrateInitializer;
import dev.viewmigrate.spring.boot.ViewMigrateProperties;
import dev.viewmigrate.spring.boot.ViewMigrateStrategy;
import dev.viewmigrate.testdb.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration's choices, each in a small context without JPA (fast): which connection, which history
 * table, which start-up behaviour, which bean waits for which. Real PostgreSQL, one fresh database per case.
 */
@ExtendWith(OutputCaptureExtension.class)
class StarterConfigurationTest {
    static final List<TestDatabase> databases = new ArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class,
                    ViewMigrateAutoConfiguration.class));

    @BeforeAll
    static void server() {
        databases.add(TestDatabase.create());
    }

    @AfterAll
    static void dropDatabases() {
        databases.forEach(TestDatabase::close);
    }

    private static TestDatabase fresh() {
        TestDatabase db = TestDatabase.create();
        databases.add(db);
        return db;
    }

    private static String[] datasource(TestDatabase db) {
        return new String[] {"spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
            "spring.datasource.password=" + db.password()};
    }

    @Test
    void initializerWaitsForFlyway_andJdbcTemplateWaitsForTheInitializer() {
        TestDatabase db = fresh();
        runner.withPropertyValues(datasource(db)).run(context -> {
            assertThat(context).hasNotFailed();
            var factory = context.getBeanFactory();
            assertThat(factory.getBeanDefinition("viewMigrateInitializer").getDependsOn())
                    .contains("flywayInitializer");
            assertThat(factory.getBeanDefinition("jdbcTemplate").getDependsOn()).contains("viewMigrateInitializer");
            assertThat(Database.query(db, "SELECT revision FROM viewmigrate_history")).containsExactly("1");
        });
    }

    @Test
    void secondStart_findsNothingToDo_andSaysSo(CapturedOutput output) {
        TestDatabase db = fresh();
        runner.withPropertyValues(datasource(db)).run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues(datasource(db)).run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getAll()).contains("Upgraded the database views from revision base to 1 (1 revision)")
                .contains("Database views are up to date at revision 1: nothing to upgrade");
        assertThat(Database.query(db, "SELECT revision FROM viewmigrate_history")).containsExactly("1");
    }

    @Test
    void historyTableAndSchema_comeFromTheProperties() {
        TestDatabase db = fresh();
        runner.withPropertyValues(datasource(db))
                .withPropertyValues("viewmigrate.history-schema=migrations", "viewmigrate.history-table=view_history")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(Database.query(db, "SELECT revision FROM migrations.view_history"))
                            .containsExactly("1");
                    assertThat(Database.exists(db, "viewmigrate_history")).isFalse();
                });
    }

    @Test
    void lockSettings_comeFromTheProperties_andStartUpStillMigrates() {
        TestDatabase db = fresh();
        runner.withPropertyValues(datasource(db))
                .withPropertyValues("viewmigrate.ddl-lock-timeout=250ms", "viewmigrate.ddl-lock-retries=1",
                        "viewmigrate.lock-mode=session")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ViewMigrateProperties properties = context.getBean(ViewMigrateProperties.class);
                    assertThat(properties.getDdlLockTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
                    assertThat(properties.getDdlLockRetries()).isEqualTo(1);
                    assertThat(properties.getLockMode()).isEqualTo(dev.viewmigrate.runtime.LockMode.SESSION);
                    assertThat(Database.query(db, "SELECT revision FROM viewmigrate_history")).containsExactly("1");
                });
    }

    @Test
    void separateMigrationConnection_isUsedWhenUrlIsSet() {
        TestDatabase app = fresh();
        TestDatabase migrations = fresh();
        // The views live where the tables are: Flyway migrates the migration database too, through its own url.
        runner.withPropertyValues(datasource(app))
                .withPropertyValues("spring.flyway.url=" + migrations.url(), "spring.flyway.user=" + migrations.user(),
                        "spring.flyway.password=" + migrations.password(),
                        "viewmigrate.url=" + migrations.url(), "viewmigrate.user=" + migrations.user(),
                        "viewmigrate.password=" + migrations.password())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(Database.exists(migrations, "author_book_counts")).isTrue();
                    assertThat(Database.exists(app, "viewmigrate_history")).isFalse();
                });
    }

    @Test
    void noDataSourceAndNoUrl_backsOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ViewMigrateAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ViewMigrator.class);
                });
    }

    @Test
    void onStartupNone_keepsTheBeans_andRunsNothing() {
        TestDatabase db = fresh();
        runner.withPropertyValues(datasource(db)).withPropertyValues("viewmigrate.on-startup=none").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ViewMigrator.class).hasSingleBean(ViewMigrateInitializer.class);
            assertThat(Database.exists(db, "viewmigrate_history")).isFalse();
            assertThat(Database.exists(db, "author_book_counts")).isFalse();
        });
    }

    @Test
    void applicationStrategy_replacesTheDefault() {
        TestDatabase db = fresh();
        runner.withPropertyValues(datasource(db)).withUserConfiguration(RecordingStrategy.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RecordingStrategy.class).calls).containsExactly("1");
            assertThat(Database.query(db, "SELECT revision FROM viewmigrate_history")).containsExactly("1");
        });
    }

    /** Upgrades to revision 1 only and records what it saw: proof that it, not the default, ran. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingStrategy {
        final List<String> calls = new ArrayList<>();

        @Bean
        ViewMigrateStrategy recordingStrategy() {
            return migrator -> {
                migrator.upgrade("1");
                calls.add(migrator.current().orElseThrow().revision());
            };
        }
    }
}
