package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.ViewDefinition;
import java.util.List;

/**
 * One thing a migration does, in terms of database objects rather than SQL text: the {@link Planner} puts them in
 * order, the writer names each as a call of the runtime's {@code ViewSteps}, which holds the SQL.
 */
public sealed interface Step {
    /**
     * Stops the revision before it changes anything when an object viewmigrate does not manage (a hand-made view, a
     * function, a rule, a trigger, an undeclared index) depends on one of {@code dropped}, the views the revision
     * drops itself.
     */
    record CheckDependents(List<ViewDefinition> dropped) implements Step {
        public CheckDependents {
            dropped = List.copyOf(dropped);
        }
    }

    /** Saves the grants, comments and owner of {@code views} (about to be dropped) in a transaction-local table. */
    record SavePrivileges(List<ViewDefinition> views) implements Step {
        public SavePrivileges {
            views = List.copyOf(views);
        }
    }

    /** Restores what {@link SavePrivileges} saved onto the recreated {@code views}. */
    record RestorePrivileges(List<ViewDefinition> views) implements Step {
        public RestorePrivileges {
            views = List.copyOf(views);
        }
    }

    /**
     * Side-by-side rebuild, first part: creates the new definitions of {@code views} (materialized, {@code WITH
     * DATA}) under temporary names with their indexes and statistics, before anything is dropped; readers of the old
     * views are not blocked meanwhile.
     */
    record BuildBeside(List<ViewDefinition> views) implements Step {
        public BuildBeside {
            views = List.copyOf(views);
        }
    }

    /** Side-by-side rebuild, second part, in place of {@link CreateView}: renames the view built beside. */
    record SwapIn(ViewDefinition view) implements Step {}

    /** {@code CREATE [MATERIALIZED] VIEW} (with its indexes). */
    record CreateView(ViewDefinition view) implements Step {}

    /** {@code DROP [MATERIALIZED] VIEW}, never {@code CASCADE}. */
    record DropView(ViewDefinition view) implements Step {}

    /**
     * {@code CREATE OR REPLACE VIEW}, which keeps dependents, grants and comments. Guarded: if PostgreSQL refuses it
     * (a column's type changed, which only the database can tell), the same statement checks for unmanaged
     * dependents, saves grants and comments, drops {@code dependents} (the unchanged managed views reading this one,
     * in creation order) and the view, creates both again and restores grants and comments.
     */
    record ReplaceView(ViewDefinition from, ViewDefinition to, List<ViewDefinition> dependents) implements Step {
        public ReplaceView {
            dependents = List.copyOf(dependents);
        }
    }

    /** {@code CREATE [UNIQUE] INDEX} on a materialized view that is kept. */
    record CreateIndex(ViewDefinition view, IndexDefinition index) implements Step {}

    /** {@code DROP INDEX} of a materialized view that is kept. */
    record DropIndex(ViewDefinition view, IndexDefinition index) implements Step {}

    /** Changes the declared options and comment of a view that is kept ({@code ALTER ... SET/RESET}, {@code COMMENT}). */
    record Alter(ViewDefinition from, ViewDefinition to) implements Step {}

    /** Runs a hand-written migration's {@code upgrade} or {@code downgrade}. */
    record RunHandWritten(String className, boolean upgrade) implements Step {}
}
