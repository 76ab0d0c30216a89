package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The steps of a SQLite revision. SQLite has no {@code CREATE OR REPLACE VIEW}, no materialized views, indexes on
 * views, options, comments nor grants (the processor refuses those on SQLite), so a revision only drops and creates:
 * <ol>
 *   <li>the views to drop are the removed ones, the changed ones and, transitively, every managed view that reads one
 *       of them (SQLite does not track dependencies, so the processor's {@link DependencyGraph} does: a view left
 *       reading a dropped one would fail every later schema change);</li>
 *   <li>check that nothing unmanaged reads them, then drop them, dependents first;</li>
 *   <li>create the new views and the dropped ones that remain, in dependency order, with the definition after the
 *       revision.</li>
 * </ol>
 * A view whose {@code dependsOn} alone changed stays: that attribute only orders the steps. The downgrade is planned
 * the same way from the state after the revision back to the one before.
 */
final class SqlitePlanner {
    private SqlitePlanner() {}

    /** The steps that turn the views {@code from} into the views {@code to}, which differ only at {@code changed}. */
    static List<Step> steps(Map<ViewKey, ViewDefinition> from, Map<ViewKey, ViewDefinition> to,
            Collection<ViewKey> changed, DependencyGraph oldGraph, DependencyGraph newGraph) {
        // SQLite has no CREATE OR REPLACE VIEW: a view whose SQL changed is dropped and created again.
        ViewChanges changes = ViewChanges.of(from, to, changed, (old, view) -> old.sql().equals(view.sql()));
        SortedSet<ViewKey> created = changes.created();
        SortedSet<ViewKey> dropped = changes.removed();
        dropped.addAll(changes.changedFrom().keySet());
        dropped.addAll(oldGraph.dependentsOf(dropped));

        List<Step> steps = new ArrayList<>();
        List<ViewKey> dropOrder = oldGraph.dropOrder(dropped);
        if (!dropOrder.isEmpty()) {
            steps.add(new Step.CheckDependents(dropOrder.stream().map(from::get).toList()));
            dropOrder.forEach(key -> steps.add(new Step.DropView(from.get(key))));
        }
        SortedSet<ViewKey> creates = new TreeSet<>(created);
        dropped.stream().filter(to::containsKey).forEach(creates::add);
        newGraph.creationOrder(creates).forEach(key -> steps.add(new Step.CreateView(to.get(key))));
        return steps;
    }
}
