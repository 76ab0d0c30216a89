package dev.viewmigrate.processor.plan;

import java.util.List;

/** What one revision does, in order: {@code downgrade} is the exact inverse of {@code upgrade}. */
public record MigrationPlan(List<Step> upgrade, List<Step> downgrade) {
    public MigrationPlan {
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
    }
}
