package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides the steps of a revision from the state before it and its delta. Upgrade order: drop removed views (reverse
 * dependency order), replace changed views, create new views (dependency order). Downgrade is the inverse of every
 * step, in reverse order, so it restores the previous definitions exactly.
 */
public final class Planner {
    private Planner() {}

    public static MigrationPlan plan(FrozenState before, Revision revision) {
        if (revision.handWritten().isPresent()) {
            String className = revision.handWritten().get().className();
            return new MigrationPlan(List.of(new Step.RunHandWritten(className, true)),
                    List.of(new Step.RunHandWritten(className, false)));
        }
        List<Step> upgrade = new ArrayList<>();
        List<Step> inverses = new ArrayList<>();

        Map<ViewKey, ViewDefinition> removed = new TreeMap<>();
        for (ViewKey key : revision.removed()) {
            ViewDefinition old = before.views().get(key);
            if (old == null) {
                throw new IllegalStateException("revision " + revision.fileName() + " removes " + key
                        + ", which does not exist at that point of the chain");
            }
            removed.put(key, old);
        }
        List<ViewDefinition> dropOrder = new ArrayList<>(dependencyOrder(removed));
        Collections.reverse(dropOrder);
        for (ViewDefinition old : dropOrder) {
            upgrade.add(new Step.DropView(old));
            inverses.add(new Step.CreateView(old));
        }

        Map<ViewKey, ViewDefinition> changed = new TreeMap<>();
        Map<ViewKey, ViewDefinition> created = new TreeMap<>();
        for (ViewDefinition view : revision.views()) {
            (before.views().containsKey(view.key()) ? changed : created).put(view.key(), view);
        }
        for (ViewDefinition view : dependencyOrder(changed)) {
            ViewDefinition old = before.views().get(view.key());
            upgrade.add(change(old, view));
            inverses.add(change(view, old));
        }
        for (ViewDefinition view : dependencyOrder(created)) {
            upgrade.add(new Step.CreateView(view));
            inverses.add(new Step.DropView(view));
        }
        Collections.reverse(inverses);
        return new MigrationPlan(upgrade, inverses);
    }

    /** The step that turns {@code from} into {@code to} (same view key). */
    static Step change(ViewDefinition from, ViewDefinition to) {
        if (from.materialized() || to.materialized()
                || OutputColumns.replaceKnownRefused(from.sql(), to.sql())) {
            return new Step.RecreateView(from, to);
        }
        return new Step.ReplaceView(from, to);
    }

    /** The views, each after those it depends on (within the given set), ties broken by name. */
    static List<ViewDefinition> dependencyOrder(Map<ViewKey, ViewDefinition> views) {
        Map<ViewKey, ViewDefinition> ordered = new LinkedHashMap<>();
        Set<ViewKey> visiting = new TreeSet<>();
        for (ViewKey key : views.keySet()) {
            visit(key, views, ordered, visiting);
        }
        return List.copyOf(ordered.values());
    }

    private static void visit(ViewKey key, Map<ViewKey, ViewDefinition> views, Map<ViewKey, ViewDefinition> ordered,
            Set<ViewKey> visiting) {
        if (ordered.containsKey(key) || !visiting.add(key)) {
            return; // done, or a cycle (reported by validation; order then falls back to names)
        }
        ViewDefinition view = views.get(key);
        for (ViewKey dependency : view.dependsOn()) {
            if (views.containsKey(dependency)) {
                visit(dependency, views, ordered, visiting);
            }
        }
        ordered.put(key, view);
    }
}
