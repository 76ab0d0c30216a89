package dev.viewmigrate.processor.diff;

import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.snapshot.SnapshotFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The difference between the newest frozen views and the views the code declares now, keyed by schema and name.
 * The declaring class is not part of a view's content: a view moved to another class is no change. A rename (the
 * name attribute changed) is a removal plus a creation.
 */
public record ViewDiff(List<ViewDefinition> created, List<Change> changed, List<ViewDefinition> removed) {
    /** A view whose definition changed. */
    public record Change(ViewDefinition before, ViewDefinition after) {}

    public ViewDiff {
        created = List.copyOf(created);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    public static ViewDiff between(Map<ViewKey, ViewDefinition> frozen, Map<ViewKey, ViewDefinition> current) {
        SortedMap<ViewKey, ViewDefinition> before = new TreeMap<>(frozen);
        SortedMap<ViewKey, ViewDefinition> after = new TreeMap<>(current);
        List<ViewDefinition> created = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        List<ViewDefinition> removed = new ArrayList<>();
        for (ViewDefinition view : after.values()) {
            ViewDefinition old = before.get(view.key());
            if (old == null) {
                created.add(view);
            } else if (!old.sameContentAs(view)) {
                changed.add(new Change(old, view));
            }
        }
        for (ViewDefinition old : before.values()) {
            if (!after.containsKey(old.key())) {
                removed.add(old);
            }
        }
        return new ViewDiff(created, changed, removed);
    }

    public boolean isEmpty() {
        return created.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /**
     * E.g. {@code "create view a, change view b"}; a rename reads {@code "drop view old, create view new"}. With more
     * than three views, one short part per kind of change: {@code "create 1000 views: a, b, c, ..."}.
     */
    public String description() {
        List<String> removedNames = removed.stream().map(view -> view.key().display()).toList();
        List<String> changedNames = changed.stream().map(change -> change.after().key().display()).toList();
        List<String> createdNames = created.stream().map(view -> view.key().display()).toList();
        List<String> parts = new ArrayList<>();
        if (removedNames.size() + changedNames.size() + createdNames.size() <= 3) {
            removedNames.forEach(name -> parts.add("drop view " + name));
            changedNames.forEach(name -> parts.add("change view " + name));
            createdNames.forEach(name -> parts.add("create view " + name));
            return String.join(", ", parts);
        }
        summary("drop", removedNames).ifPresent(parts::add);
        summary("change", changedNames).ifPresent(parts::add);
        summary("create", createdNames).ifPresent(parts::add);
        return String.join("; ", parts);
    }

    private static Optional<String> summary(String verb, List<String> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (names.size() == 1) {
            return Optional.of(verb + " view " + names.get(0));
        }
        return Optional.of(verb + " " + names.size() + " views: " + String.join(", ", names.subList(0,
                Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : ""));
    }

    /** The revision that freezes this difference on top of revision {@code parent} (0 = none). */
    public Revision toRevision(int parent) {
        List<ViewDefinition> views = new ArrayList<>(created);
        changed.forEach(change -> views.add(change.after()));
        String description = description();
        int number = parent + 1;
        return new Revision(number, parent, description, SnapshotFormat.fileName(number, description), views,
                removed.stream().map(ViewDefinition::key).toList(), List.of());
    }
}
