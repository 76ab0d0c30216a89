package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.ParsedSql;
import dev.viewmigrate.processor.sql.SqliteNames;
import dev.viewmigrate.processor.sql.SqliteText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which managed views each view reads: the relations its SQL names (FROM, JOIN, subqueries, CTE bodies, set
 * operations, LATERAL; a CTE's own name is not a relation) that resolve to a managed view, plus {@code dependsOn}.
 *
 * <p>Name resolution assumes PostgreSQL's default {@code search_path} ({@code "$user", public}), where an
 * unqualified view is created in {@code public}:
 * <ul>
 *   <li>{@code s.v} matches the managed view {@code v} of schema {@code s}; {@code public.v} also matches an
 *       unqualified managed {@code v};</li>
 *   <li>an unqualified {@code v} matches the unqualified managed {@code v}, else {@code public.v};</li>
 *   <li>nothing else: a relation {@code v} of another schema is not the managed {@code other.v}.</li>
 * </ul>
 * Unquoted identifiers fold to lower case, quoted ones keep their case, as in PostgreSQL. When the SQL can't be
 * parsed the view gets no edges from its SQL (only {@code dependsOn}) and is listed in {@link #unparsed()}.
 *
 * <p>Planning a chain needs the graph of the state after every revision: {@link #with} derives it from the graph
 * before, re-reading only the views the revision changes (and those whose references a created or removed view
 * resolves differently), instead of reading every view again. The creation order is computed when first asked for,
 * and shared with the next graph when the revision leaves every edge as it was.
 */
public final class DependencyGraph {
    private final Dialect dialect;
    /** Every view, sorted: the order the cycle search and the topological order start from. */
    private final List<ViewKey> keys;
    private final Map<ViewKey, SortedSet<ViewKey>> dependencies;
    /** The relations each view's SQL names, as {@link ParsedSql#relations()} read them (empty: unparsed). */
    private final Map<ViewKey, Optional<Set<ViewKey>>> references;
    private final SortedSet<ViewKey> unparsed;
    /** Who reads each view; built when first needed ({@link #dependents()}), then carried along by {@link #with}. */
    private Map<ViewKey, SortedSet<ViewKey>> dependents;
    private final Order order;

    private DependencyGraph(Dialect dialect, List<ViewKey> keys, Map<ViewKey, SortedSet<ViewKey>> dependencies,
            Map<ViewKey, Optional<Set<ViewKey>>> references, SortedSet<ViewKey> unparsed,
            Map<ViewKey, SortedSet<ViewKey>> dependents, Order order) {
        this.dialect = dialect;
        this.keys = keys;
        this.dependencies = dependencies;
        this.references = references;
        this.unparsed = unparsed;
        this.dependents = dependents;
        this.order = order;
    }

    /** The graph of a complete set of views (a frozen state, or the views the code declares now). */
    public static DependencyGraph of(Map<ViewKey, ViewDefinition> views) {
        return of(views, Dialect.POSTGRESQL);
    }

    /**
     * The graph of a complete set of views, with names resolved as {@code dialect} resolves them (SQLite: see
     * {@link SqliteNames#resolver}).
     */
    public static DependencyGraph of(Map<ViewKey, ViewDefinition> views, Dialect dialect) {
        Function<ViewKey, Optional<ViewKey>> resolver = resolver(views, dialect);
        Map<ViewKey, SortedSet<ViewKey>> edges = new HashMap<>();
        Map<ViewKey, Optional<Set<ViewKey>>> references = new HashMap<>();
        SortedSet<ViewKey> unparsed = new TreeSet<>();
        for (ViewDefinition view : views.values()) {
            Optional<Set<ViewKey>> relations = relations(view, dialect);
            references.put(view.key(), relations);
            if (relations.isEmpty()) {
                unparsed.add(view.key());
            }
            edges.put(view.key(), edges(view, relations, resolver, views));
        }
        return new DependencyGraph(dialect, sortedKeys(views), edges, references, unparsed, null, new Order());
    }

    /**
     * The graph of {@code views}, which differ from this graph's views only at {@code changed} (views created,
     * changed or removed): the same graph {@link #of(Map, Dialect)} builds, computed from this one.
     */
    public DependencyGraph with(Map<ViewKey, ViewDefinition> views, Collection<ViewKey> changed, Dialect dialect) {
        if (dialect != this.dialect) {
            return of(views, dialect);
        }
        Set<ViewKey> added = new HashSet<>();
        Set<ViewKey> removed = new HashSet<>();
        Set<ViewKey> reread = new HashSet<>();
        for (ViewKey key : changed) {
            boolean was = dependencies.containsKey(key);
            boolean is = views.containsKey(key);
            if (is) {
                reread.add(key);
                if (!was) {
                    added.add(key);
                }
            } else if (was) {
                removed.add(key);
            }
        }
        if (views.size() != dependencies.size() + added.size() - removed.size()) {
            return of(views, dialect); // not the views this graph was built from plus those changes
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            // A created or removed view can change what another view's references resolve to: re-resolve every view
            // naming it (compared in lower case, which covers PostgreSQL's exact and SQLite's folded names).
            Set<String> names = new HashSet<>();
            Set<ViewKey> moved = new HashSet<>(added);
            moved.addAll(removed);
            for (ViewKey key : moved) {
                names.add(key.name().toLowerCase(Locale.ROOT));
            }
            for (Map.Entry<ViewKey, Optional<Set<ViewKey>>> entry : references.entrySet()) {
                ViewKey key = entry.getKey();
                if (reread.contains(key) || removed.contains(key)) {
                    continue;
                }
                if (namesAny(entry.getValue(), names) || dependsOnAny(views.get(key), moved)) {
                    reread.add(key);
                }
            }
        }

        Draft<SortedSet<ViewKey>> edges = new Draft<>(dependencies);
        Draft<Optional<Set<ViewKey>>> relationsOf = new Draft<>(references);
        Draft<SortedSet<ViewKey>> readers = new Draft<>(dependents());
        SortedSet<ViewKey> nowUnparsed = unparsed;
        Set<ViewKey> copied = new HashSet<>(); // readers' sets already copied for this graph
        for (ViewKey key : added) {
            readers.write().put(key, new TreeSet<>());
            copied.add(key);
        }
        boolean sameEdges = added.isEmpty() && removed.isEmpty();
        for (ViewKey key : removed) {
            for (ViewKey read : dependencies.get(key)) {
                if (!removed.contains(read)) {
                    writable(readers, copied, read).remove(key);
                }
            }
            edges.write().remove(key);
            relationsOf.write().remove(key);
            readers.write().remove(key);
            if (nowUnparsed.contains(key)) {
                nowUnparsed = copyOnce(nowUnparsed, unparsed);
                nowUnparsed.remove(key);
            }
        }
        Function<ViewKey, Optional<ViewKey>> resolver = reread.isEmpty() ? null : resolver(views, dialect);
        List<ViewKey> rereadSorted = new ArrayList<>(reread);
        Collections.sort(rereadSorted);
        for (ViewKey key : rereadSorted) {
            ViewDefinition view = views.get(key);
            Optional<Set<ViewKey>> relations = relations(view, dialect);
            if (!relations.equals(references.get(key))) {
                relationsOf.write().put(key, relations);
            }
            if (relations.isEmpty() != nowUnparsed.contains(key)) {
                nowUnparsed = copyOnce(nowUnparsed, unparsed);
                if (relations.isEmpty()) {
                    nowUnparsed.add(key);
                } else {
                    nowUnparsed.remove(key);
                }
            }
            SortedSet<ViewKey> now = edges(view, relations, resolver, views);
            SortedSet<ViewKey> before = dependencies.get(key);
            if (before == null || !now.equals(before)) {
                sameEdges = false;
                if (before != null) {
                    for (ViewKey read : before) {
                        if (!now.contains(read) && readers.read().containsKey(read)) {
                            writable(readers, copied, read).remove(key);
                        }
                    }
                }
                for (ViewKey read : now) {
                    if (before == null || !before.contains(read)) {
                        writable(readers, copied, read).add(key);
                    }
                }
                edges.write().put(key, now);
            }
        }
        if (sameEdges) {
            // Same views, same edges: the same readers and the same creation order.
            return new DependencyGraph(dialect, keys, dependencies, relationsOf.read(), nowUnparsed, dependents,
                    order);
        }
        List<ViewKey> nowKeys = added.isEmpty() && removed.isEmpty() ? keys : sortedKeys(views);
        return new DependencyGraph(dialect, nowKeys, edges.read(), relationsOf.read(), nowUnparsed, readers.read(),
                new Order());
    }

    /** A map of the graph before, copied on its first change. */
    private static final class Draft<V> {
        private final Map<ViewKey, V> base;
        private Map<ViewKey, V> copy;

        Draft(Map<ViewKey, V> base) {
            this.base = base;
        }

        Map<ViewKey, V> read() {
            return copy == null ? base : copy;
        }

        Map<ViewKey, V> write() {
            if (copy == null) {
                copy = new HashMap<>(base);
            }
            return copy;
        }
    }

    private static SortedSet<ViewKey> copyOnce(SortedSet<ViewKey> current, SortedSet<ViewKey> original) {
        return current == original ? new TreeSet<>(original) : current;
    }

    private static SortedSet<ViewKey> writable(Draft<SortedSet<ViewKey>> readers, Set<ViewKey> copied,
            ViewKey key) {
        if (copied.add(key)) {
            SortedSet<ViewKey> copy = new TreeSet<>(readers.read().get(key));
            readers.write().put(key, copy);
            return copy;
        }
        return readers.read().get(key);
    }

    private static boolean namesAny(Optional<Set<ViewKey>> relations, Set<String> lowerNames) {
        if (relations.isPresent()) {
            for (ViewKey relation : relations.get()) {
                if (lowerNames.contains(relation.name().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean dependsOnAny(ViewDefinition view, Set<ViewKey> keys) {
        for (ViewKey dependency : view.dependsOn()) {
            if (keys.contains(dependency)) {
                return true;
            }
        }
        return false;
    }

    private static List<ViewKey> sortedKeys(Map<ViewKey, ViewDefinition> views) {
        ViewKey[] sorted = views.keySet().toArray(new ViewKey[0]);
        if (!(views instanceof SortedMap<?, ?> map && map.comparator() == null)) {
            Arrays.sort(sorted);
        }
        return Arrays.asList(sorted);
    }

    private static Optional<Set<ViewKey>> relations(ViewDefinition view, Dialect dialect) {
        return ParsedSql.of(dialect == Dialect.SQLITE ? SqliteText.forParser(view.sql()) : view.sql()).relations();
    }

    private static Function<ViewKey, Optional<ViewKey>> resolver(Map<ViewKey, ViewDefinition> views,
            Dialect dialect) {
        return dialect == Dialect.SQLITE ? SqliteNames.resolver(views.keySet())
                : reference -> resolve(reference, views.keySet());
    }

    /** The managed views {@code view} reads: the relations its SQL names that are managed views, and dependsOn. */
    private static SortedSet<ViewKey> edges(ViewDefinition view, Optional<Set<ViewKey>> relations,
            Function<ViewKey, Optional<ViewKey>> resolver, Map<ViewKey, ViewDefinition> views) {
        SortedSet<ViewKey> reads = new TreeSet<>();
        if (relations.isPresent()) {
            for (ViewKey reference : relations.get()) {
                resolver.apply(reference).ifPresent(reads::add);
            }
        }
        for (ViewKey dependency : view.dependsOn()) {
            if (views.containsKey(dependency)) {
                reads.add(dependency);
            }
        }
        reads.remove(view.key()); // reading itself is PostgreSQL's to refuse, not an ordering question
        return reads;
    }

    /** The managed view a reference names under the default search_path, if any (see the class comment). */
    static Optional<ViewKey> resolve(ViewKey reference, Set<ViewKey> managed) {
        if (managed.contains(reference)) {
            return Optional.of(reference);
        }
        if (reference.schema().equals("public")) {
            ViewKey unqualified = new ViewKey("", reference.name());
            return managed.contains(unqualified) ? Optional.of(unqualified) : Optional.empty();
        }
        if (reference.schema().isEmpty()) {
            ViewKey inPublic = new ViewKey("public", reference.name());
            return managed.contains(inPublic) ? Optional.of(inPublic) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The managed views {@code view} reads directly. */
    public SortedSet<ViewKey> dependenciesOf(ViewKey view) {
        SortedSet<ViewKey> reads = dependencies.get(view);
        return Collections.unmodifiableSortedSet(reads == null ? new TreeSet<>() : reads);
    }

    /** The views whose SQL could not be parsed (their edges come from {@code dependsOn} only). */
    public SortedSet<ViewKey> unparsed() {
        return Collections.unmodifiableSortedSet(unparsed);
    }

    private Map<ViewKey, SortedSet<ViewKey>> dependents() {
        if (dependents == null) {
            Map<ViewKey, SortedSet<ViewKey>> readers = new HashMap<>();
            for (ViewKey key : keys) {
                readers.put(key, new TreeSet<>());
            }
            for (Map.Entry<ViewKey, SortedSet<ViewKey>> entry : dependencies.entrySet()) {
                for (ViewKey read : entry.getValue()) {
                    readers.get(read).add(entry.getKey());
                }
            }
            dependents = readers;
        }
        return dependents;
    }

    /** Every view that reads one of {@code views}, directly or through other views (not including them). */
    public SortedSet<ViewKey> dependentsOf(Collection<ViewKey> views) {
        Map<ViewKey, SortedSet<ViewKey>> readers = dependents();
        SortedSet<ViewKey> found = new TreeSet<>();
        List<ViewKey> pending = new ArrayList<>(views);
        while (!pending.isEmpty()) {
            ViewKey key = pending.remove(pending.size() - 1);
            SortedSet<ViewKey> direct = readers.get(key);
            if (direct == null) {
                continue;
            }
            for (ViewKey dependent : direct) {
                if (found.add(dependent)) {
                    pending.add(dependent);
                }
            }
        }
        found.removeAll(views);
        return found;
    }

    /** {@code views} in creation order: each after every view it reads (also through views not listed). */
    public List<ViewKey> creationOrder(Collection<ViewKey> views) {
        Map<ViewKey, Integer> positions = order.positions(this);
        List<ViewKey> wanted = new ArrayList<>(views.size());
        Set<ViewKey> seen = new HashSet<>();
        for (ViewKey key : views) {
            if (positions.containsKey(key) && seen.add(key)) {
                wanted.add(key);
            }
        }
        wanted.sort((a, b) -> Integer.compare(positions.get(a), positions.get(b)));
        return Collections.unmodifiableList(wanted);
    }

    /** {@code views} in drop order: the reverse of {@link #creationOrder}. */
    public List<ViewKey> dropOrder(Collection<ViewKey> views) {
        List<ViewKey> reversed = new ArrayList<>(creationOrder(views));
        Collections.reverse(reversed);
        return reversed;
    }

    /**
     * A cycle, as the views along it with the first repeated at the end ({@code a → b → a}), or empty. The search
     * starts from the smallest key, so the reported cycle is deterministic.
     */
    public Optional<List<ViewKey>> cycle() {
        Map<ViewKey, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (ViewKey start : keys) {
            List<ViewKey> path = new ArrayList<>();
            Optional<List<ViewKey>> found = findCycle(start, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<List<ViewKey>> findCycle(ViewKey key, Map<ViewKey, Integer> state, List<ViewKey> path) {
        Integer seen = state.get(key);
        if (seen != null && seen == 2) {
            return Optional.empty();
        }
        if (seen != null && seen == 1) {
            List<ViewKey> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
            cycle.add(key);
            return Optional.of(cycle);
        }
        state.put(key, 1);
        path.add(key);
        for (ViewKey dependency : dependencies.getOrDefault(key, Collections.emptySortedSet())) {
            Optional<List<ViewKey>> found = findCycle(dependency, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(key, 2);
        return Optional.empty();
    }

    /**
     * The creation order of every view, computed when first needed: depth-first, dependencies first, ties by key; a
     * cycle (refused at compile time) is cut where it closes. Shared by the graphs of consecutive states whose edges
     * are the same.
     */
    private static final class Order {
        private Map<ViewKey, Integer> positions;

        Map<ViewKey, Integer> positions(DependencyGraph graph) {
            if (positions == null) {
                Set<ViewKey> done = new LinkedHashSet<>();
                Set<ViewKey> visiting = new HashSet<>();
                for (ViewKey key : graph.keys) {
                    visit(graph.dependencies, key, done, visiting);
                }
                Map<ViewKey, Integer> at = new HashMap<>();
                for (ViewKey key : done) {
                    at.put(key, at.size());
                }
                positions = at;
            }
            return positions;
        }

        private static void visit(Map<ViewKey, SortedSet<ViewKey>> dependencies, ViewKey key, Set<ViewKey> done,
                Set<ViewKey> visiting) {
            if (done.contains(key) || !visiting.add(key)) {
                return;
            }
            for (ViewKey dependency : dependencies.getOrDefault(key, Collections.emptySortedSet())) {
                visit(dependencies, dependency, done, visiting);
            }
            done.add(key);
        }
    }
}
