package dev.viewmigrate.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ViewMigrator#refresh(RefreshOptions)} did.
 *
 * @param revision     the applied revision whose materialized views were refreshed; empty at base
 * @param concurrently whether {@code CONCURRENTLY} was asked for (each view says whether it got it)
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
     * @param concurrently whether this view was refreshed {@code CONCURRENTLY}
     * @param cascaded whether it was refreshed because it reads a view named ({@link RefreshOptions#cascade()})
     * @param fallback why it was refreshed without {@code CONCURRENTLY} although asked where possible, e.g.
     *     {@code "it has no unique index"}; empty otherwise
     */
    public record RefreshedView(String view, Duration duration, boolean concurrently, boolean cascaded,
            Optional<String> fallback) {
        public RefreshedView {
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(fallback, "fallback");
        }

        /** A view refreshed as asked, without cascade or fallback. */
        public RefreshedView(String view, Duration duration) {
            this(view, duration, false, false, Optional.empty());
        }
    }
}
