package dev.viewmigrate.test;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewName;
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
 * @param views    by name, sorted
 * @param problems one sentence per inconsistency: a view removed that was never created, a view listed twice by one
 *                 revision, a revision whose frozen views cannot be read
 */
record FrozenHead(SortedMap<ViewName, FrozenView> views, List<String> problems) {
    FrozenHead {
        views = new TreeMap<>(views);
        problems = List.copyOf(problems);
    }

    static FrozenHead fold(List<Migration> chain) {
        Map<ViewName, FrozenView> views = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Migration migration : chain) {
            String label = ChainChecks.label(migration);
            List<ViewName> removed;
            List<FrozenView> after;
            try {
                removed = migration.viewsRemoved();
                after = migration.viewsAfter();
            } catch (RuntimeException e) {
                problems.add(label + " (" + migration.getClass().getName() + ") throws " + e + " from viewsAfter() "
                        + "or viewsRemoved(); regenerate it by recompiling with viewmigrate-processor.");
                continue;
            }
            for (ViewName name : removed) {
                if (views.remove(name) == null) {
                    problems.add(label + " removes view " + name + ", which no earlier revision creates: "
                            + "its viewsRemoved() and the viewsAfter() of the revisions before it disagree.");
                }
            }
            Set<ViewName> seen = new HashSet<>();
            for (FrozenView view : after) {
                if (!seen.add(view.name())) {
                    problems.add(label + " lists view " + view.name() + " twice in viewsAfter(): one "
                            + "revision freezes one definition per view.");
                }
                views.put(view.name(), view);
            }
        }
        return new FrozenHead(new TreeMap<>(views), problems);
    }
}
