package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * How the views a revision names differ between two states, sorted by key: created (only in {@code to}), removed
 * (only in {@code from}) and changed (in both, not the same by the dialect's rule); the planners decide what each
 * change becomes.
 */
record ViewChanges(SortedSet<ViewKey> created, SortedSet<ViewKey> removed,
        SortedMap<ViewKey, ViewDefinition> changedFrom) {

    /**
     * @param keys the views that may differ (the others are the same in both states)
     * @param same whether an old and a new definition need no step
     */
    static ViewChanges of(Map<ViewKey, ViewDefinition> from, Map<ViewKey, ViewDefinition> to,
            Collection<ViewKey> keys, BiPredicate<ViewDefinition, ViewDefinition> same) {
        SortedSet<ViewKey> created = new TreeSet<>();
        SortedSet<ViewKey> removed = new TreeSet<>();
        SortedMap<ViewKey, ViewDefinition> changed = new TreeMap<>();
        for (ViewKey key : keys) {
            ViewDefinition view = to.get(key);
            ViewDefinition old = from.get(key);
            if (view == null) {
                if (old != null) {
                    removed.add(key);
                }
            } else if (old == null) {
                created.add(key);
            } else if (!same.test(old, view)) {
                changed.put(key, old);
            }
        }
        return new ViewChanges(created, removed, changed);
    }
}
