package dev.viewmigrate.spring.boot;

import dev.viewmigrate.runtime.ViewMigrator;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Upgrades the database views when the application starts: after Flyway and Liquibase (their migrations own the
 * tables the views read) and before JPA (Hibernate's {@code ddl-auto=validate} reads the views).
 *
 * <p>The ordering of the beans is {@link ViewMigrateDependsOnPostProcessor}'s; {@code afterName} below only orders
 * the auto-configurations, so that the conditions here see the {@code DataSource}. (Not "before Hibernate": Boot's
 * Flyway and Liquibase auto-configurations come after Hibernate's, and the bean order does not depend on it.) Boot 4
 * moved every one of these auto-configurations to another package, hence two names each.
 *
 * <p>Extension point for Flyway: Boot's Flyway auto-configuration hands every {@code org.flywaydb.core.api.callback
 * .Callback} bean of the context to Flyway. A callback that needs viewmigrate (e.g. to drop and recreate managed
 * views around a Flyway migration) takes the {@link ViewMigrator} bean, never the {@link ViewMigrateInitializer}
 * (which waits for Flyway: a cycle).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration", // Boot 3
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", // Boot 4
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
            "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"
        })
@ConditionalOnClass(ViewMigrator.class)
@ConditionalOnProperty(prefix = "viewmigrate", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(ViewMigrateAutoConfiguration.DatabaseCondition.class)
@EnableConfigurationProperties(ViewMigrateProperties.class)
public class ViewMigrateAutoConfiguration {

    /**
     * The migrator, on {@code viewmigrate.url} when set, else on the application's DataSource. Define a bean of
     * this type to configure it yourself (then no log lines per revision unless you add a listener).
     */
    @Bean
    @ConditionalOnMissingBean
    public ViewMigrator viewMigrator(
            ViewMigrateProperties properties, ObjectProvider<DataSource> dataSource, ApplicationContext context) {
        ViewMigrator.Builder builder = ViewMigrator.builder()
                .historyTable(properties.getHistoryTable())
                .historySchema(blankToNull(properties.getHistorySchema()))
                .lockTimeout(properties.getLockTimeout())
                .ddlLockTimeout(properties.getDdlLockTimeout())
                .ddlLockRetries(properties.getDdlLockRetries())
                .lockMode(properties.getLockMode());
        if (context.getClassLoader() != null) {
            builder.classLoader(context.getClassLoader());
        }
        String url = blankToNull(properties.getUrl());
        if (url != null) {
            builder.url(url, properties.getUser(), properties.getPassword());
        } else {
            builder.dataSource(dataSource.getIfUnique(() -> {
                throw new IllegalStateException("viewmigrate found several DataSource beans and none is @Primary,"
                        + " so it does not know which database holds the views. Mark the application's DataSource"
                        + " @Primary, or set viewmigrate.url (with viewmigrate.user and viewmigrate.password) to"
                        + " give viewmigrate a connection of its own.");
            }));
        }
        return builder.build();
    }

    /** Runs {@code viewmigrate.on-startup} (or the application's {@link ViewMigrateStrategy}) at start-up. */
    @Bean
    @ConditionalOnMissingBean
    public ViewMigrateInitializer viewMigrateInitializer(
            ViewMigrator viewMigrator, ObjectProvider<ViewMigrateStrategy> strategy, ViewMigrateProperties properties) {
        return new ViewMigrateInitializer(viewMigrator, strategy.getIfAvailable(() -> new PropertiesStrategy(properties)));
    }

    /** Static: a BeanFactoryPostProcessor must exist before the configuration class is instantiated. */
    @Bean
    public static ViewMigrateDependsOnPostProcessor viewMigrateDependsOnPostProcessor() {
        return new ViewMigrateDependsOnPostProcessor();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A DataSource bean or {@code viewmigrate.url}: without either there is no database to migrate. */
    static final class DatabaseCondition extends AnyNestedCondition {
        DatabaseCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBean {}

        @ConditionalOnProperty(prefix = "viewmigrate", name = "url")
        private static final class MigrationUrl {}
    }
}
