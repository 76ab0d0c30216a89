package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ViewMigrator#refresh(RefreshOptions)} refreshes, and how.
 *
 * <pre>{@code
 * migrator.refresh(RefreshOptions.all());                                  // every managed materialized view
 * migrator.refresh(RefreshOptions.only("reporting.daily_totals").concurrently(true));
 * migrator.refresh(RefreshOptions.only("reporting.orders_clean").cascade(true).concurrentlyWherePossible());
 * }</pre>
 *
 * @param views        the views to refresh, by {@linkplain FrozenView#qualifiedName() qualified name} (or by bare
 *                     name when only one managed view has it; an unqualified view also under the schema it lives in;
 *                     either part may be in SQL's double quotes): materialized views, and with {@code cascade} also
 *                     plain views whose dependents are to be refreshed; empty means every managed materialized view
 * @param concurrently {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}: readers are not blocked, but every view needs a
 *                     usable unique index and must have been populated once (refused before anything is refreshed
 *                     otherwise, unless {@code wherePossible})
 * @param cascade      also refresh every managed materialized view that reads one of {@code views}, directly or
 *                     through other views, in dependency order
 * @param wherePossible with {@code concurrently}: a view that cannot be refreshed concurrently (never populated, no
 *                     usable unique index) is refreshed without {@code CONCURRENTLY} instead of refusing, and the
 *                     result says which and why ({@link RefreshResult.RefreshedView#fallback()})
 */
public record RefreshOptions(List<String> views, boolean concurrently, boolean cascade, boolean wherePossible) {
    public RefreshOptions {
        views = List.copyOf(Objects.requireNonNull(views, "views"));
    }

    /** Without cascade, and {@code CONCURRENTLY} for all or none. */
    public RefreshOptions(List<String> views, boolean concurrently) {
        this(views, concurrently, false, false);
    }

    /** Every managed materialized view of the applied revisions, without {@code CONCURRENTLY}. */
    public static RefreshOptions all() {
        return new RefreshOptions(List.of(), false);
    }

    /** Only these materialized views (still in dependency order), without {@code CONCURRENTLY}. */
    public static RefreshOptions only(String... views) {
        return new RefreshOptions(List.of(views), false);
    }

    /** Only these materialized views (still in dependency order), without {@code CONCURRENTLY}; empty means all. */
    public static RefreshOptions only(List<String> views) {
        return new RefreshOptions(views, false);
    }

    /** The same selection, with or without {@code CONCURRENTLY} (for every view, or refused). */
    public RefreshOptions concurrently(boolean concurrently) {
        return new RefreshOptions(views, concurrently, cascade, false);
    }

    /** The same selection, {@code CONCURRENTLY} for each view that allows it and a plain refresh for the others. */
    public RefreshOptions concurrentlyWherePossible() {
        return new RefreshOptions(views, true, cascade, true);
    }

    /** The same selection, with or without the managed materialized views that read the views named. */
    public RefreshOptions cascade(boolean cascade) {
        return new RefreshOptions(views, concurrently, cascade, wherePossible);
    }
}
