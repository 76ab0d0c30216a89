package dev.viewmigrate.processor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the chain of revisions adds up to: the views that exist after the newest revision and the hand-written
 * migrations frozen so far. Obtained by folding every revision, oldest first.
 */
public record FrozenState(int head, SortedMap<ViewKey, ViewDefinition> views, List<HandWrittenDefinition> handWritten) {
    public static final FrozenState EMPTY = new FrozenState(0, new TreeMap<>(), List.of());

    public FrozenState {
        views = Collections.unmodifiableSortedMap(new TreeMap<>(views));
        handWritten = List.copyOf(handWritten);
    }

    /** The state after {@code revision}, which must be the child of this state's head. */
    public FrozenState apply(Revision revision) {
        TreeMap<ViewKey, ViewDefinition> next = new TreeMap<>(views);
        revision.removed().forEach(next::remove);
        for (ViewDefinition view : revision.views()) {
            next.put(view.key(), view);
        }
        List<HandWrittenDefinition> nextHandWritten = new ArrayList<>(handWritten);
        nextHandWritten.addAll(revision.handWritten());
        return new FrozenState(revision.number(), next, nextHandWritten);
    }

    /** Folds the chain (oldest first) from the empty state. */
    public static FrozenState of(List<Revision> chain) {
        FrozenState state = EMPTY;
        for (Revision revision : chain) {
            state = state.apply(revision);
        }
        return state;
    }
}
