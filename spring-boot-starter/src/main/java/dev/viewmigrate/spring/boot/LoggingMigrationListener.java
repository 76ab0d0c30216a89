package dev.viewmigrate.spring.boot;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** One log line per revision, through commons-logging like every Spring Boot log line. */
final class LoggingMigrationListener implements MigrationListener {
    private static final Log log = LogFactory.getLog(ViewMigrateInitializer.class);

    @Override
    public void beforeRevision(Migration migration, Direction direction) {
        if (log.isDebugEnabled()) {
            log.debug((direction == Direction.UPGRADE ? "Applying" : "Rolling back") + " view revision "
                    + migration.revision() + " - " + migration.description());
        }
    }

    @Override
    public void afterRevision(Migration migration, Direction direction, Duration duration) {
        log.info((direction == Direction.UPGRADE ? "Applied" : "Rolled back") + " view revision "
                + migration.revision() + " - " + migration.description() + " (" + duration.toMillis() + " ms)");
    }

    @Override
    public void afterRefresh(String view, boolean concurrently, Duration duration) {
        log.info("Refreshed materialized view " + view + (concurrently ? " concurrently" : "") + " ("
                + duration.toMillis() + " ms)");
    }
}
