package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.OutputColumns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides the steps that take the database from one set of views to another. The downgrade of a revision is planned
 * the same way from the state after it back to the state before it, so it restores the old definitions, indexes and
 * dependents exactly.
 *
 * <p>The views to drop are the removed ones, the ones {@code CREATE OR REPLACE} can't change (columns dropped,
 * renamed or reordered; any change of a materialized view's SQL, {@code withData} or kind), and, transitively,
 * every managed view that reads one of them. Upgrade order:
 * <ol>
 *   <li>check that nothing unmanaged depends on the views to drop, then save their grants and comments;</li>
 *   <li>drop them, dependents first;</li>
 *   <li>drop the indexes that changed on materialized views that are kept;</li>
 *   <li>in dependency order: create new and dropped views (with the definition after the revision), replace
 *       changed plain views, create changed indexes;</li>
 *   <li>restore grants and comments on the recreated views.</li>
 * </ol>
 * A changed plain view whose managed dependents change in the same revision is dropped and recreated rather than
 * replaced, so that the guarded replace's fallback only ever recreates unchanged dependents.
 *
 * <p>A SQLite revision ({@code -Aviewmigrate.dialect=sqlite}) only drops and creates: {@link SqlitePlanner}.
 * <p>A materialized view declared side by side ({@link ViewDefinition#sideBySide} of the revision's definition,
 * which governs both directions) whose own definition changes and stays a materialized view created {@code WITH
 * DATA} is built beside the old one right after step 1 ({@link Step.BuildBeside}) and swapped in at its place in
 * step 4 ({@link Step.SwapIn}) — unless a view it reads (directly or not) is created, dropped or replaced by the same
 * revision: the new definition must be built on what it reads after the revision, so that one is rebuilt with DROP +
 * CREATE.
 */
public final class Planner {
    private Planner() {}

    /** How a view changes; {@link #ALTER} and {@link #INDEXES} leave the view itself in place. */
    private enum Mode { NONE, ALTER, INDEXES, REPLACE, RECREATE }

    /** A select-list star: {@code SELECT *}, {@code SELECT DISTINCT t.*}, {@code , *} (not {@code count(*)}). */
    private static final java.util.regex.Pattern STAR = java.util.regex.Pattern.compile(
            "(?is)(?:\\bselect(?:\\s+(?:distinct|all))?|,)\\s*(?:(?:\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)\\s*\\.\\s*)?\\*");

    public static MigrationPlan plan(FrozenState before, Revision revision) {
        return plan(before, DependencyGraph.of(before.views(), revision.dialect()), revision).plan();
    }

    /** A plan, the state after it and that state's dependency graph (the next revision's "before"). */
    record Planned(MigrationPlan plan, FrozenState after, DependencyGraph afterGraph) {}

    /**
     * The plan of {@code revision} from {@code before}, whose dependency graph the caller already has: planning a
     * whole chain builds each state's graph once, not twice.
     */
    static Planned plan(FrozenState before, DependencyGraph beforeGraph, Revision revision) {
        List<String> handWritten = revision.handWritten().stream().map(h -> h.className()).toList();
        if (!revision.changesViews()) {
            List<Step> up = new ArrayList<>();
            List<Step> down = new ArrayList<>();
            handWritten.forEach(className -> up.add(new Step.RunHandWritten(className, true)));
            handWritten.forEach(className -> down.add(0, new Step.RunHandWritten(className, false)));
            return new Planned(new MigrationPlan(up, down, before.views(), before.views()),
                    before.apply(revision), beforeGraph);
        }
        for (ViewKey key : revision.removed()) {
            if (!before.views().containsKey(key)) {
                throw new IllegalStateException("revision " + revision.fileName() + " removes " + key
                        + ", which does not exist at that point of the chain");
            }
        }
        FrozenState after = before.apply(revision);
        // Only the views the revision names differ between the two states: the rest are the same definitions.
        Set<ViewKey> changed = new TreeSet<>(revision.removed());
        for (ViewDefinition view : revision.views()) {
            changed.add(view.key());
        }
        DependencyGraph afterGraph = beforeGraph.with(after.views(), changed, revision.dialect());
        if (revision.dialect() == Dialect.SQLITE) {
            return new Planned(new MigrationPlan(
                    withHandWritten(SqlitePlanner.steps(before.views(), after.views(), changed, beforeGraph,
                            afterGraph), handWritten, true),
                    withHandWritten(SqlitePlanner.steps(after.views(), before.views(), changed, afterGraph,
                            beforeGraph), handWritten, false),
                    before.views(), after.views()), after, afterGraph);
        }
        return new Planned(new MigrationPlan(
                steps(before.views(), after.views(), changed, beforeGraph, afterGraph, after.views(), handWritten,
                        true),
                steps(after.views(), before.views(), changed, afterGraph, beforeGraph, after.views(), handWritten,
                        false),
                before.views(), after.views()), after, afterGraph);
    }

    /** {@code steps} with the hand-written migrations run right after its last drop (SQLite's plans only drop and create). */
    private static List<Step> withHandWritten(List<Step> steps, List<String> handWritten, boolean upgrade) {
        if (handWritten.isEmpty()) {
            return steps;
        }
        int at = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.DropView || steps.get(i) instanceof Step.CheckDependents) {
                at = i + 1;
            }
        }
        List<String> runs = new ArrayList<>(handWritten);
        if (!upgrade) {
            java.util.Collections.reverse(runs);
        }
        List<Step> result = new ArrayList<>(steps.subList(0, at));
        runs.forEach(className -> result.add(new Step.RunHandWritten(className, upgrade)));
        result.addAll(steps.subList(at, steps.size()));
        return result;
    }

    /** The steps that turn the views {@code from} into the views {@code to}. */
    public static List<Step> steps(Map<ViewKey, ViewDefinition> from, Map<ViewKey, ViewDefinition> to) {
        Set<ViewKey> keys = new TreeSet<>(from.keySet());
        keys.addAll(to.keySet());
        return steps(from, to, keys, DependencyGraph.of(from), DependencyGraph.of(to), to, List.of(), true);
    }

    /**
     * @param changed every view that may differ between {@code from} and {@code to} (a view not listed has the same
     *     definition in both)
     * @param declaring the revision's definitions, whose {@code sideBySide} decides how both directions rebuild
     * @param handWritten hand-written migrations the revision runs between its drops and its creations (a table
     *     change and the views that read the table): every changed view is then dropped before them and created
     *     after them, never replaced, altered in place or built beside, since its old definition may not survive
     *     them and its new one may need them
     * @param upgrade the direction, for the hand-written migrations (run in reverse order on downgrade)
     */
    private static List<Step> steps(Map<ViewKey, ViewDefinition> from, Map<ViewKey, ViewDefinition> to,
            Collection<ViewKey> changed, DependencyGraph oldGraph, DependencyGraph newGraph,
            Map<ViewKey, ViewDefinition> declaring, List<String> handWritten, boolean upgrade) {

        ViewChanges changes = ViewChanges.of(from, to, changed, ViewDefinition::sameContentAs);
        SortedSet<ViewKey> created = changes.created();
        SortedSet<ViewKey> dropped = changes.removed();
        SortedMap<ViewKey, Mode> modes = new TreeMap<>();
        changes.changedFrom().forEach((key, old) ->
                modes.put(key, handWritten.isEmpty() ? mode(old, to.get(key)) : Mode.RECREATE));
        modes.forEach((key, mode) -> {
            if (mode == Mode.RECREATE) {
                dropped.add(key);
            }
        });
        // PostgreSQL expands * once, when a view is created: a managed view reading a replaced one with * keeps the
        // old column list unless it is recreated, which is what its author expects.
        modes.forEach((key, mode) -> {
            if (mode == Mode.REPLACE) {
                for (ViewKey reader : oldGraph.dependentsOf(Set.of(key))) {
                    if (to.containsKey(reader) && STAR.matcher(from.get(reader).sql()).find()) {
                        dropped.add(reader);
                    }
                }
            }
        });
        // Dropping a view drops what reads it; a replace whose dependents also change becomes a drop: repeat until
        // nothing moves.
        boolean grew = true;
        while (grew) {
            dropped.addAll(oldGraph.dependentsOf(dropped));
            grew = false;
            for (Map.Entry<ViewKey, Mode> entry : modes.entrySet()) {
                if (entry.getValue() == Mode.REPLACE && !dropped.contains(entry.getKey())) {
                    SortedSet<ViewKey> dependents = oldGraph.dependentsOf(Set.of(entry.getKey()));
                    dependents.removeAll(dropped);
                    boolean dependentChanges = dependents.stream()
                            .anyMatch(d -> modes.getOrDefault(d, Mode.NONE) != Mode.NONE);
                    if (dependentChanges) {
                        dropped.add(entry.getKey());
                        grew = true;
                    }
                }
            }
        }

        List<Step> steps = new ArrayList<>();
        List<ViewKey> dropOrder = oldGraph.dropOrder(dropped);
        List<ViewKey> recreated = dropOrder.stream().filter(to::containsKey).toList();
        Set<ViewKey> beside = handWritten.isEmpty() ? sideBySide(from, to, modes, created, dropped, newGraph, declaring)
                : Set.of();
        if (!dropOrder.isEmpty()) {
            steps.add(new Step.CheckDependents(dropOrder.stream().map(from::get).toList()));
            if (!recreated.isEmpty()) {
                steps.add(new Step.SavePrivileges(recreated.stream().map(from::get).toList()));
            }
            if (!beside.isEmpty()) {
                steps.add(new Step.BuildBeside(newGraph.creationOrder(beside).stream().map(to::get).toList()));
            }
            dropOrder.forEach(key -> steps.add(new Step.DropView(from.get(key))));
        }
        List<String> runs = new ArrayList<>(handWritten);
        if (!upgrade) {
            java.util.Collections.reverse(runs);
        }
        runs.forEach(className -> steps.add(new Step.RunHandWritten(className, upgrade)));
        modes.forEach((key, mode) -> {
            if ((mode == Mode.INDEXES || mode == Mode.ALTER) && !dropped.contains(key)) {
                for (IndexDefinition index : from.get(key).indexes()) {
                    if (!to.get(key).indexes().contains(index)) {
                        steps.add(new Step.DropIndex(from.get(key), index));
                    }
                }
            }
        });

        Set<ViewKey> touched = new TreeSet<>(created);
        touched.addAll(recreated);
        modes.forEach((key, mode) -> {
            if (mode == Mode.REPLACE || mode == Mode.INDEXES || mode == Mode.ALTER) {
                touched.add(key);
            }
        });
        for (ViewKey key : newGraph.creationOrder(touched)) {
            ViewDefinition view = to.get(key);
            if (beside.contains(key)) {
                steps.add(new Step.SwapIn(view));
            } else if (created.contains(key) || dropped.contains(key)) {
                steps.add(new Step.CreateView(view));
            } else if (modes.get(key) == Mode.REPLACE) {
                SortedSet<ViewKey> kept = oldGraph.dependentsOf(Set.of(key));
                kept.removeAll(dropped); // those are dropped before and recreated after in any case
                List<ViewKey> dependents = oldGraph.creationOrder(kept);
                steps.add(new Step.ReplaceView(from.get(key), view, dependents.stream().map(to::get).toList()));
                if (!from.get(key).comment().equals(view.comment())) {
                    // CREATE OR REPLACE sets the options but keeps the old comment.
                    steps.add(new Step.Alter(withOptions(from.get(key), view.options()), view));
                }
            } else {
                ViewDefinition old = from.get(key);
                if (!old.options().equals(view.options()) || !old.comment().equals(view.comment())) {
                    steps.add(new Step.Alter(old, view));
                }
                for (IndexDefinition index : view.indexes()) {
                    if (!old.indexes().contains(index)) {
                        steps.add(new Step.CreateIndex(view, index));
                    }
                }
            }
        }
        if (!recreated.isEmpty()) {
            steps.add(new Step.RestorePrivileges(newGraph.creationOrder(recreated).stream().map(to::get).toList()));
        }
        return steps;
    }

    /**
     * The materialized views to rebuild side by side: recreated because their own definition changed, declared side
     * by side, created {@code WITH DATA}, and reading nothing (directly or through other views) that the revision
     * creates, drops or replaces.
     */
    private static Set<ViewKey> sideBySide(Map<ViewKey, ViewDefinition> from, Map<ViewKey, ViewDefinition> to,
            Map<ViewKey, Mode> modes, Set<ViewKey> created, Set<ViewKey> dropped, DependencyGraph newGraph,
            Map<ViewKey, ViewDefinition> declaring) {
        Set<ViewKey> beside = new TreeSet<>();
        modes.forEach((key, mode) -> {
            ViewDefinition old = from.get(key);
            ViewDefinition view = to.get(key);
            ViewDefinition declared = declaring.get(key);
            if (mode != Mode.RECREATE || !old.materialized() || !view.materialized() || !view.withData()
                    || declared == null || !declared.sideBySide()) {
                return;
            }
            Set<ViewKey> read = new TreeSet<>();
            List<ViewKey> pending = new ArrayList<>(newGraph.dependenciesOf(key));
            while (!pending.isEmpty()) {
                ViewKey next = pending.remove(pending.size() - 1);
                if (read.add(next)) {
                    pending.addAll(newGraph.dependenciesOf(next));
                }
            }
            boolean stable = read.stream().noneMatch(r -> created.contains(r) || dropped.contains(r)
                    || modes.getOrDefault(r, Mode.NONE) == Mode.REPLACE);
            if (stable) {
                beside.add(key);
            }
        });
        return beside;
    }

    /** How a view changes in place; {@link Mode#RECREATE} when it must be dropped and created again. */
    private static Mode mode(ViewDefinition from, ViewDefinition to) {
        if (from.materialized() != to.materialized()) {
            return Mode.RECREATE;
        }
        boolean altered = !from.options().equals(to.options()) || !from.comment().equals(to.comment());
        if (from.materialized()) {
            // No CREATE OR REPLACE for materialized views; WITH [NO] DATA only means something at creation.
            if (!from.sql().equals(to.sql()) || from.withData() != to.withData()) {
                return Mode.RECREATE;
            }
            return !from.sameIndexes(to) ? Mode.INDEXES : altered ? Mode.ALTER : Mode.NONE;
        }
        if (from.sql().equals(to.sql())) {
            // Only options, the comment or dependsOn changed: the view stays, nothing or an ALTER to do.
            return altered ? Mode.ALTER : Mode.NONE;
        }
        return OutputColumns.replaceKnownRefused(from.sql(), to.sql()) ? Mode.RECREATE : Mode.REPLACE;
    }

    private static ViewDefinition withOptions(ViewDefinition view, List<String> options) {
        return new ViewDefinition(view.key(), view.materialized(), view.withData(), view.indexes(), view.dependsOn(),
                view.sql(), view.originClass(), options, view.comment());
    }
}
