package dev.viewmigrate.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ViewMigrator#refresh(RefreshOptions)} did.
 *
 * @param revision     the applied revision whose materialized views were refreshed; empty at base
 * @param concurrently whether {@code CONCURRENTLY} was used
 * @param refreshed    the views refreshed, in the order they were refreshed (dependencies first)
 * @param duration     wall-clock time of the whole call
 */
public record RefreshResult(Optional<String> revision, boolean concurrently, List<RefreshedView> refreshed,
        Duration duration) {
    public RefreshResult {
        Objects.requireNonNull(revision, "revision");
        refreshed = List.copyOf(refreshed);
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * One materialized view refreshed.
     *
     * @param view     its qualified name as the revisions name it ({@code reporting.daily_totals}, or
     *                 {@code daily_totals} when unqualified)
     * @param duration how long its {@code REFRESH} took
     */
    public record RefreshedView(String view, Duration duration) {
        public RefreshedView {
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(duration, "duration");
        }
    }
}
