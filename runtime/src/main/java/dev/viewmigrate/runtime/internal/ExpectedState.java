package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewName;
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
        /** The view's name for messages ({@code schema.name}, unquoted). */
        public String name() {
            return view.name().toString();
        }
    }

    /**
     * A name the chain knows that is not in the state, and why it knows it: {@code pending} when only a revision not
     * applied yet creates it, else an applied revision removed it.
     */
    public record Mention(ViewName view, LiveCatalog.Key key, boolean pending, String reason) {
        /** The name for messages. */
        public String name() {
            return view.toString();
        }
    }

    private final Map<ViewName, ExpectedView> views;
    private final Map<ViewName, Mention> elsewhere;

    private ExpectedState(Map<ViewName, ExpectedView> views, Map<ViewName, Mention> elsewhere) {
        this.views = views;
        this.elsewhere = elsewhere;
    }

    public static ExpectedState at(Chain chain, int applied) {
        // Sorted, so that everything derived from the state (reports, refresh order ties) is deterministic.
        Map<ViewName, ExpectedView> views = new TreeMap<>();
        Map<ViewName, Mention> removed = new TreeMap<>();
        for (int i = 0; i < applied; i++) {
            Migration migration = chain.get(i);
            for (ViewName name : migration.viewsRemoved()) {
                views.remove(name);
                removed.put(name, new Mention(name, LiveCatalog.Key.of(name), false,
                        "removed by " + Chain.describe(migration)));
            }
            for (FrozenView view : migration.viewsAfter()) {
                views.put(view.name(), new ExpectedView(view, migration));
                removed.remove(view.name());
            }
        }
        Map<ViewName, Mention> elsewhere = new TreeMap<>(removed);
        for (int i = applied; i < chain.size(); i++) {
            Migration migration = chain.get(i);
            for (FrozenView view : migration.viewsAfter()) {
                ViewName name = view.name();
                if (!views.containsKey(name) && !elsewhere.containsKey(name)) {
                    elsewhere.put(name, new Mention(name, LiveCatalog.Key.of(view), true, "not created yet: pending "
                            + Chain.describe(migration) + " creates it, and upgrade will fail while a relation of "
                            + "that name exists"));
                }
            }
        }
        return new ExpectedState(Collections.unmodifiableMap(views), Collections.unmodifiableMap(elsewhere));
    }

    /** The views of the state, by name, sorted. */
    public Map<ViewName, ExpectedView> views() {
        return views;
    }

    /** Names the chain mentions that are not in the state (removed, or only created by pending revisions). */
    public Map<ViewName, Mention> elsewhere() {
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
