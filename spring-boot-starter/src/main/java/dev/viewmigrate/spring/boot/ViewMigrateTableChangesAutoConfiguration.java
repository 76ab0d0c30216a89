package dev.viewmigrate.spring.boot;

import dev.viewmigrate.flyway.ViewMigrateFlywayCallback;
import dev.viewmigrate.liquibase.ViewMigrateChangeExecListener;
import dev.viewmigrate.runtime.ViewMigrator;
import liquibase.Liquibase;
import org.flywaydb.core.api.callback.Callback;
import liquibase.integration.spring.Customizer;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Table migrations of Flyway and Liquibase under the managed views: a Flyway or Liquibase migration that retypes,
 * drops or renames a column the views read drops them before the statement and creates them again after it, in the
 * migration's transaction (docs/table-changes.md). Off with {@code viewmigrate.table-changes.enabled=false}.
 *
 * <p>Flyway: Boot's Flyway auto-configuration hands every {@code Callback} bean to Flyway, on Boot 3.5 and 4 alike.
 * Liquibase: Boot offers no hook on Liquibase's change listener, so the {@code SpringLiquibase} bean gets a
 * customizer (added to the one it may have) before it runs. Both take the {@link ViewMigrator} bean, never the
 * {@link ViewMigrateInitializer}, which waits for them.
 */
@AutoConfiguration(after = ViewMigrateAutoConfiguration.class)
@ConditionalOnBean(ViewMigrator.class)
@ConditionalOnProperty(prefix = "viewmigrate.table-changes", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class ViewMigrateTableChangesAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.api.callback.Callback")
    static class FlywayTableChanges {
        @Bean
        Callback viewMigrateFlywayCallback(ViewMigrator viewMigrator) {
            return ViewMigrateFlywayCallback.of(viewMigrator);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "liquibase.integration.spring.SpringLiquibase")
    static class LiquibaseTableChanges {
        /** Static: a BeanPostProcessor must exist before the beans it processes; the migrator is asked for late. */
        @Bean
        static BeanPostProcessor viewMigrateLiquibaseListener(ObjectProvider<ViewMigrator> viewMigrator) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof SpringLiquibase liquibase) {
                        Customizer<Liquibase> theirs = liquibase.getCustomizer();
                        ViewMigrateChangeExecListener listener =
                                new ViewMigrateChangeExecListener(viewMigrator.getObject());
                        liquibase.setCustomizer(created -> {
                            if (theirs != null) {
                                theirs.customize(created);
                            }
                            created.setChangeExecListener(listener);
                        });
                    }
                    return bean;
                }
            };
        }
    }
}
