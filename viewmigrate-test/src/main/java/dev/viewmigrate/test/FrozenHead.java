package dev.viewmigrate.test;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The views the chain says the database holds at head: the fold of {@link Migration#viewsAfter()} and
 * {@link Migration#viewsRemoved()} over the revisions, oldest first, with every inconsistency found on the way.
 *
 * @param views    by {@linkplain FrozenView#qualifiedName() qualified name}, sorted
 * @param problems one sentence per inconsistency: a view removed that was never created, a view listed twice by one
 *                 revision, a revision whose frozen views cannot be read
 */
record FrozenHead(SortedMap<String, FrozenView> views, List<String> problems) {
    FrozenHead {
        views = new TreeMap<>(views);
        problems = List.copyOf(problems);
    }

    static FrozenHead fold(List<Migration> chain) {
        Map<String, FrozenView> views = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Migration migration : chain) {
            String label = ChainChecks.label(migration);
            List<String> removed;
            List<FrozenView> after;
            try {
                removed = migration.viewsRemoved();
                after = migration.viewsAfter();
            } catch (RuntimeException e) {
                problems.add(label + " (" + migration.getClass().getName() + ") throws " + e + " from viewsAfter() "
                        + "or viewsRemoved(); regenerate it by recompiling with viewmigrate-processor.");
                continue;
            }
            for (String name : removed) {
                if (views.remove(name) == null) {
                    problems.add(label + " removes view " + name + ", which no earlier revision creates: "
                            + "its viewsRemoved() and the viewsAfter() of the revisions before it disagree.");
                }
            }
            Set<String> seen = new HashSet<>();
            for (FrozenView view : after) {
                if (!seen.add(view.qualifiedName())) {
                    problems.add(label + " lists view " + view.qualifiedName() + " twice in viewsAfter(): one "
                            + "revision freezes one definition per view.");
                }
                views.put(view.qualifiedName(), view);
            }
        }
        return new FrozenHead(new TreeMap<>(views), problems);
    }
}
