package dev.viewmigrate.spring.boot.actuate;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.spring.boot.ViewMigrateAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code viewmigrate} endpoint, when Actuator is on the class path. Exposed over HTTP like every endpoint:
 * {@code management.endpoints.web.exposure.include=viewmigrate}.
 */
@AutoConfiguration(after = ViewMigrateAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(ViewMigrator.class)
public class ViewMigrateEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ViewMigrateEndpoint viewMigrateEndpoint(ViewMigrator viewMigrator) {
        return new ViewMigrateEndpoint(viewMigrator);
    }
}
