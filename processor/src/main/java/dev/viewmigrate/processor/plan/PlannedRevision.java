package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.Revision;
import java.util.ArrayList;
import java.util.List;

/** A revision and its plan: the input of the writer. */
public record PlannedRevision(Revision revision, MigrationPlan plan) {
    /**
     * Plans every revision of {@code chain} (oldest first) from the state the revisions before it leave. The state
     * after a revision is the state before the next, so each state's dependency graph is built once.
     */
    public static List<PlannedRevision> planAll(List<Revision> chain) {
        List<PlannedRevision> planned = new ArrayList<>(chain.size());
        FrozenState state = FrozenState.EMPTY;
        DependencyGraph graph = DependencyGraph.of(state.views(), chain.isEmpty() ? Dialect.POSTGRESQL
                : chain.get(0).dialect());
        for (Revision revision : chain) {
            Planner.Planned next = Planner.plan(state, graph, revision);
            planned.add(new PlannedRevision(revision, next.plan()));
            state = next.after();
            graph = next.afterGraph();
        }
        return planned;
    }
}
