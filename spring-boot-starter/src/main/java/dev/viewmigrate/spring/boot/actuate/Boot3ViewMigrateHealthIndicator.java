package dev.viewmigrate.spring.boot.actuate;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The health indicator on Boot 3 ({@code org.springframework.boot.actuate.health}). */
final class Boot3ViewMigrateHealthIndicator extends AbstractHealthIndicator {
    private final ViewMigrateHealthCheck check;

    Boot3ViewMigrateHealthIndicator(ViewMigrateHealthCheck check) {
        super("viewmigrate health check failed");
        this.check = check;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ViewMigrateHealthCheck.Result result = check.check();
        (result.up() ? builder.up() : builder.down()).withDetails(result.details());
    }
}
