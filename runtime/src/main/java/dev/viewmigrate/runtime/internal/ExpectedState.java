package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The views the database should hold once the first {@code applied} revisions of the chain are applied: a fold over
 * those revisions (drop {@link Migration#viewsRemoved()}, then put {@link Migration#viewsAfter()} by qualified name).
 * Also remembers every name the whole chain ever mentions, so that {@code verify} can tell a view the revisions
 * removed (or a pending revision will create) from a view some other tool manages.
 */
public final class ExpectedState {
    /** A view of the state and the revision that last created or changed it. */
    public record ExpectedView(FrozenView view, Migration setBy) {
        public String name() {
            return view.qualifiedName();
        }
    }

    /**
     * A name the chain knows that is not in the state, and why it knows it: {@code pending} when only a revision not
     * applied yet creates it, else an applied revision removed it.
     */
    public record Mention(String name, LiveCatalog.Key key, boolean pending, String reason) {}

    private final Map<String, ExpectedView> views;
    private final Map<String, Mention> elsewhere;

    private ExpectedState(Map<String, ExpectedView> views, Map<String, Mention> elsewhere) {
        this.views = views;
        this.elsewhere = elsewhere;
    }

    public static ExpectedState at(Chain chain, int applied) {
        // Sorted, so that everything derived from the state (reports, refresh order ties) is deterministic.
        Map<String, ExpectedView> views = new TreeMap<>();
        Map<String, Mention> removed = new TreeMap<>();
        for (int i = 0; i < applied; i++) {
            Migration migration = chain.get(i);
            for (String name : migration.viewsRemoved()) {
                ExpectedView before = views.remove(name);
                LiveCatalog.Key key = before != null ? LiveCatalog.Key.of(before.view())
                        : LiveCatalog.Key.parse(name);
                removed.put(name, new Mention(name, key, false, "removed by " + Chain.describe(migration)));
            }
            for (FrozenView view : migration.viewsAfter()) {
                views.put(view.qualifiedName(), new ExpectedView(view, migration));
                removed.remove(view.qualifiedName());
            }
        }
        Map<String, Mention> elsewhere = new TreeMap<>(removed);
        for (int i = applied; i < chain.size(); i++) {
            Migration migration = chain.get(i);
            for (FrozenView view : migration.viewsAfter()) {
                String name = view.qualifiedName();
                if (!views.containsKey(name) && !elsewhere.containsKey(name)) {
                    elsewhere.put(name, new Mention(name, LiveCatalog.Key.of(view), true, "not created yet: pending "
                            + Chain.describe(migration) + " creates it, and upgrade will fail while a relation of "
                            + "that name exists"));
                }
            }
        }
        return new ExpectedState(Collections.unmodifiableMap(views), Collections.unmodifiableMap(elsewhere));
    }

    /** The views of the state, by qualified name, sorted. */
    public Map<String, ExpectedView> views() {
        return views;
    }

    /** Names the chain mentions that are not in the state (removed, or only created by pending revisions). */
    public Map<String, Mention> elsewhere() {
        return elsewhere;
    }

    /** The materialized views of the state, sorted by qualified name. */
    public List<ExpectedView> materialized() {
        List<ExpectedView> list = new ArrayList<>();
        for (ExpectedView view : views.values()) {
            if (view.view().materialized()) {
                list.add(view);
            }
        }
        return list;
    }
}
