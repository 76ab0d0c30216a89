package dev.viewmigrate.springboot.docs;

import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.spring.boot.ViewMigrateStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;

/**
 * The Java samples of docs/spring-boot.md, compiled here against Spring Boot 3.5 (the docs test in example-app has
 * no Spring on its class path). Outside the application's package: never component-scanned, only compiled.
 */
final class DocsSamples {
    private DocsSamples() {}

    @Configuration(proxyBeanMethods = false)
    static class ViewMigrateStartup {
        /** Upgrade, then refresh every managed materialized view, at every start. */
        @Bean
        ViewMigrateStrategy upgradeThenRefresh() {
            return migrator -> {
                migrator.upgrade();
                migrator.refresh();
            };
        }
    }

    @Service
    static class ViewAdmin {
        private final ViewMigrator migrator;

        ViewAdmin(ViewMigrator migrator) {
            this.migrator = migrator;
        }

        String current() {
            return migrator.current().map(r -> r.revision()).orElse("base");
        }

        boolean drifted() {
            VerifyReport report = migrator.verify();
            return !report.clean();
        }

        MigrationResult rollBackOne() {
            return migrator.downgrade("-1");
        }
    }
}
