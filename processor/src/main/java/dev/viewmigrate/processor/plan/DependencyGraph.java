package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.ParsedSql;
import dev.viewmigrate.processor.sql.SqliteNames;
import dev.viewmigrate.processor.sql.SqliteText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

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
 */
public final class DependencyGraph {
    private final SortedMap<ViewKey, SortedSet<ViewKey>> dependencies;
    private final SortedMap<ViewKey, SortedSet<ViewKey>> dependents;
    private final SortedSet<ViewKey> unparsed;
    private final List<ViewKey> order;

    private DependencyGraph(SortedMap<ViewKey, SortedSet<ViewKey>> dependencies, SortedSet<ViewKey> unparsed) {
        this.dependencies = dependencies;
        this.unparsed = unparsed;
        this.dependents = new TreeMap<>();
        dependencies.keySet().forEach(key -> dependents.put(key, new TreeSet<>()));
        dependencies.forEach((key, reads) -> reads.forEach(read -> dependents.get(read).add(key)));
        this.order = topologicalOrder();
    }

    /** The graph of a complete set of views (a frozen state, or the views the code declares now). */
    public static DependencyGraph of(Map<ViewKey, ViewDefinition> views) {
        return of(views, Dialect.POSTGRESQL);
    }

    /**
     * The graph of a complete set of views, with names resolved as {@code dialect} resolves them (SQLite: see
     * {@link SqliteNames#resolve}).
     */
    public static DependencyGraph of(Map<ViewKey, ViewDefinition> views, Dialect dialect) {
        java.util.function.Function<ViewKey, Optional<ViewKey>> resolver = dialect == Dialect.SQLITE
                ? SqliteNames.resolver(views.keySet())
                : reference -> resolve(reference, views.keySet());
        SortedMap<ViewKey, SortedSet<ViewKey>> edges = new TreeMap<>();
        SortedSet<ViewKey> unparsed = new TreeSet<>();
        for (ViewDefinition view : views.values()) {
            SortedSet<ViewKey> reads = new TreeSet<>();
            Optional<Set<ViewKey>> references = ParsedSql.of(dialect == Dialect.SQLITE
                    ? SqliteText.forParser(view.sql()) : view.sql()).relations();
            if (references.isEmpty()) {
                unparsed.add(view.key());
            } else {
                for (ViewKey reference : references.get()) {
                    resolver.apply(reference).ifPresent(reads::add);
                }
            }
            view.dependsOn().stream().filter(views::containsKey).forEach(reads::add);
            reads.remove(view.key()); // reading itself is PostgreSQL's to refuse, not an ordering question
            edges.put(view.key(), reads);
        }
        return new DependencyGraph(edges, unparsed);
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
        return Collections.unmodifiableSortedSet(dependencies.getOrDefault(view, new TreeSet<>()));
    }

    /** The views whose SQL could not be parsed (their edges come from {@code dependsOn} only). */
    public SortedSet<ViewKey> unparsed() {
        return Collections.unmodifiableSortedSet(unparsed);
    }

    /** Every view that reads one of {@code views}, directly or through other views (not including them). */
    public SortedSet<ViewKey> dependentsOf(Collection<ViewKey> views) {
        SortedSet<ViewKey> found = new TreeSet<>();
        List<ViewKey> pending = new ArrayList<>(views);
        while (!pending.isEmpty()) {
            ViewKey key = pending.remove(pending.size() - 1);
            for (ViewKey dependent : dependents.getOrDefault(key, new TreeSet<>())) {
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
        Set<ViewKey> wanted = new TreeSet<>(views);
        return order.stream().filter(wanted::contains).toList();
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
        for (ViewKey start : dependencies.keySet()) {
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
        for (ViewKey dependency : dependencies.getOrDefault(key, new TreeSet<>())) {
            Optional<List<ViewKey>> found = findCycle(dependency, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(key, 2);
        return Optional.empty();
    }

    /** Depth-first, dependencies first, ties by key; a cycle (refused at compile time) is cut where it closes. */
    private List<ViewKey> topologicalOrder() {
        Set<ViewKey> done = new LinkedHashSet<>();
        Set<ViewKey> visiting = new TreeSet<>();
        for (ViewKey key : dependencies.keySet()) {
            visit(key, done, visiting);
        }
        return List.copyOf(done);
    }

    private void visit(ViewKey key, Set<ViewKey> done, Set<ViewKey> visiting) {
        if (done.contains(key) || !visiting.add(key)) {
            return;
        }
        for (ViewKey dependency : dependencies.getOrDefault(key, new TreeSet<>())) {
            visit(dependency, done, visiting);
        }
        done.add(key);
    }
}
