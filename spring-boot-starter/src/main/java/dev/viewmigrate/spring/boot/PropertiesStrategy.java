package dev.viewmigrate.spring.boot;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.Status;
import dev.viewmigrate.runtime.ViewMigrator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** The default {@link ViewMigrateStrategy}: what {@code viewmigrate.on-startup} and {@code viewmigrate.target} say. */
final class PropertiesStrategy implements ViewMigrateStrategy {
    private static final Log log = LogFactory.getLog(ViewMigrateInitializer.class);

    private final ViewMigrateProperties.OnStartup onStartup;
    private final String target;

    PropertiesStrategy(ViewMigrateProperties properties) {
        this.onStartup = properties.getOnStartup();
        this.target = properties.getTarget();
    }

    @Override
    public void migrate(ViewMigrator migrator) {
        switch (onStartup) {
            case UPGRADE -> upgrade(migrator);
            case VALIDATE -> validate(migrator);
            case NONE -> log.info("viewmigrate.on-startup=none: the database views were not upgraded or checked");
        }
    }

    private void upgrade(ViewMigrator migrator) {
        MigrationResult result = migrator.upgrade(target);
        if (result.executed().isEmpty()) {
            log.info("Database views are up to date at revision " + result.to().orElse("base") + ": nothing to upgrade");
        } else {
            log.info("Upgraded the database views from revision " + result.from().orElse("base") + " to "
                    + result.to().orElse("base") + " (" + result.executed().size() + " revision"
                    + (result.executed().size() == 1 ? "" : "s") + ") in " + result.duration().toMillis() + " ms");
        }
    }

    private void validate(ViewMigrator migrator) {
        if (target.startsWith("+")) {
            throw new IllegalStateException("viewmigrate.target=" + target + " cannot be validated: '+N' counts from"
                    + " the database's current revision, so the database always satisfies it. With"
                    + " viewmigrate.on-startup=validate set viewmigrate.target to head or to a revision id.");
        }
        // Checksums and unknown revisions first: the same refusal upgrade would give, with its own message.
        migrator.validate();
        Status status = migrator.status();
        List<Migration> pending = status.pending();
        if (!"head".equals(target)) {
            pending = pendingUpTo(pending, target, status);
        }
        if (!pending.isEmpty()) {
            throw new PendingRevisionsException(status.current().map(r -> r.revision()).orElse("base"), target,
                    pending.stream().map(m -> m.revision() + " (" + m.description() + ")")
                            .collect(Collectors.toList()));
        }
        log.info("Database views validated at revision "
                + status.current().map(r -> r.revision()).orElse("base") + ": nothing pending");
    }

    /** The pending revisions up to and including {@code target} (a revision id); all of them when it is not one. */
    private static List<Migration> pendingUpTo(List<Migration> pending, String target, Status status) {
        boolean applied = status.applied().stream().anyMatch(r -> r.revision().equals(target));
        if (applied) {
            return List.of();
        }
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).revision().equals(target)) {
                return pending.subList(0, i + 1);
            }
        }
        return pending;
    }
}
