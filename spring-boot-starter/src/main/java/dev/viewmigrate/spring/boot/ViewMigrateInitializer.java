package dev.viewmigrate.spring.boot;

import dev.viewmigrate.runtime.ViewMigrator;
import java.util.Objects;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the {@link ViewMigrateStrategy} when the context starts (Flyway's {@code FlywayMigrationInitializer}). The
 * auto-configuration makes this bean wait for Flyway's and Liquibase's initializers, and makes every
 * {@code EntityManagerFactory} and {@code JdbcTemplate} wait for it. Define a bean of this type to replace it.
 */
public class ViewMigrateInitializer implements InitializingBean {
    private final ViewMigrator migrator;
    private final ViewMigrateStrategy strategy;

    public ViewMigrateInitializer(ViewMigrator migrator, ViewMigrateStrategy strategy) {
        this.migrator = Objects.requireNonNull(migrator, "migrator");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public void afterPropertiesSet() {
        strategy.migrate(migrator);
    }

    public ViewMigrator getMigrator() {
        return migrator;
    }
}
