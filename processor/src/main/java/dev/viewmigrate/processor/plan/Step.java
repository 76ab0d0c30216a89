package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.ViewDefinition;

/**
 * One thing a migration does, in terms of database objects rather than SQL text; {@link SqlRenderer} turns it into
 * statements. New kinds (dropping and recreating dependents, refreshing materialized views, restoring grants and
 * comments) are new records here, placed in order by the {@link Planner}.
 */
public sealed interface Step {
    /** {@code CREATE [MATERIALIZED] VIEW} (with its indexes). */
    record CreateView(ViewDefinition view) implements Step {}

    /** {@code DROP [MATERIALIZED] VIEW}, never {@code CASCADE}. */
    record DropView(ViewDefinition view) implements Step {}

    /**
     * {@code CREATE OR REPLACE VIEW}, which keeps dependents, grants and comments, guarded so that a refusal only
     * PostgreSQL can decide (a column's type changed) falls back to drop + create in the same statement.
     */
    record ReplaceView(ViewDefinition from, ViewDefinition to) implements Step {}

    /** Drop + create, where {@code CREATE OR REPLACE} is known to be refused or impossible (materialized views). */
    record RecreateView(ViewDefinition from, ViewDefinition to) implements Step {}

    /** Runs a hand-written migration's {@code upgrade} or {@code downgrade}. */
    record RunHandWritten(String className, boolean upgrade) implements Step {}
}
