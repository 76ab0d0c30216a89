package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.Revision;
import java.util.ArrayList;
import java.util.List;

/** A revision and its plan: the input of the writer. */
public record PlannedRevision(Revision revision, MigrationPlan plan) {
    /** Plans every revision of {@code chain} (oldest first) from the state the revisions before it leave. */
    public static List<PlannedRevision> planAll(List<Revision> chain) {
        List<PlannedRevision> planned = new ArrayList<>(chain.size());
        FrozenState state = FrozenState.EMPTY;
        for (Revision revision : chain) {
            planned.add(new PlannedRevision(revision, Planner.plan(state, revision)));
            state = state.apply(revision);
        }
        return planned;
    }
}
