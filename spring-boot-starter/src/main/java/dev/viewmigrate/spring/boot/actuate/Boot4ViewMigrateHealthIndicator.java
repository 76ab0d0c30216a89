package dev.viewmigrate.spring.boot.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The health indicator on Boot 4, which moved health to {@code org.springframework.boot.health.contributor}. */
final class Boot4ViewMigrateHealthIndicator extends AbstractHealthIndicator {
    private final ViewMigrateHealthCheck check;

    Boot4ViewMigrateHealthIndicator(ViewMigrateHealthCheck check) {
        super("viewmigrate health check failed");
        this.check = check;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ViewMigrateHealthCheck.Result result = check.check();
        (result.up() ? builder.up() : builder.down()).withDetails(result.details());
    }
}
