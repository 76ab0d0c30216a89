package dev.viewmigrate.spring.boot;

import dev.viewmigrate.runtime.ViewMigrator;

/**
 * What start-up does with the view revisions, when the application wants something else than
 * {@code viewmigrate.on-startup} offers (Flyway's {@code FlywayMigrationStrategy}). A bean of this type replaces
 * the default; it runs after Flyway and Liquibase and before JPA, like the default.
 *
 * <pre>{@code
 * @Bean
 * ViewMigrateStrategy upgradeThenRefresh() {
 *     return migrator -> {
 *         migrator.upgrade();
 *         migrator.refresh();
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ViewMigrateStrategy {
    /** Called once at start-up; an exception thrown here fails the start. */
    void migrate(ViewMigrator migrator);
}
