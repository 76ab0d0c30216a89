package dev.viewmigrate.spring.boot.actuate;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.spring.boot.ViewMigrateAutoConfiguration;
import dev.viewmigrate.spring.boot.ViewMigrateProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code viewmigrate} health indicator (bean {@code viewmigrateHealthIndicator}), when Actuator is on the class
 * path; {@code management.health.viewmigrate.enabled=false} turns it off. Boot 4 moved the health API to another
 * package, so there is one indicator per Boot generation, each used only where its API exists.
 */
@AutoConfiguration(after = ViewMigrateAutoConfiguration.class)
@ConditionalOnBean({ViewMigrator.class, ViewMigrateProperties.class})
@ConditionalOnProperty(prefix = "management.health.viewmigrate", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class ViewMigrateHealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    static class Boot4 {
        @Bean
        @ConditionalOnMissingBean(name = "viewmigrateHealthIndicator")
        Boot4ViewMigrateHealthIndicator viewmigrateHealthIndicator(
                ViewMigrator viewMigrator, ViewMigrateProperties properties) {
            return new Boot4ViewMigrateHealthIndicator(
                    new ViewMigrateHealthCheck(viewMigrator, properties.getHealth().isVerify()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.health.contributor.AbstractHealthIndicator")
    static class Boot3 {
        @Bean
        @ConditionalOnMissingBean(name = "viewmigrateHealthIndicator")
        Boot3ViewMigrateHealthIndicator viewmigrateHealthIndicator(
                ViewMigrator viewMigrator, ViewMigrateProperties properties) {
            return new Boot3ViewMigrateHealthIndicator(
                    new ViewMigrateHealthCheck(viewMigrator, properties.getHealth().isVerify()));
        }
    }
}
