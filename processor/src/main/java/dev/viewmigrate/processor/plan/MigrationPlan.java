package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one revision does, in order: {@code downgrade} is the exact inverse of {@code upgrade}. {@code before} and
 * {@code after} are the views before and after the revision, so that the writer can tell a view's old definition
 * from its new one.
 */
public record MigrationPlan(List<Step> upgrade, List<Step> downgrade, SortedMap<ViewKey, ViewDefinition> before,
        SortedMap<ViewKey, ViewDefinition> after) {
    public MigrationPlan {
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
        before = Collections.unmodifiableSortedMap(new TreeMap<>(before));
        after = Collections.unmodifiableSortedMap(new TreeMap<>(after));
    }
}
