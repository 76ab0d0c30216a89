package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ViewMigrator#refresh(RefreshOptions)} refreshes, and how.
 *
 * <pre>{@code
 * migrator.refresh(RefreshOptions.all());                                  // every managed materialized view
 * migrator.refresh(RefreshOptions.only("reporting.daily_totals").concurrently(true));
 * }</pre>
 *
 * @param views        the materialized views to refresh, by {@linkplain FrozenView#qualifiedName() qualified name}
 *                     (or by bare name when only one managed view has it; an unqualified view also under the schema
 *                     it lives in; either part may be in SQL's double quotes); empty means every managed materialized
 *                     view
 * @param concurrently {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}: readers are not blocked, but every view needs a
 *                     usable unique index and must have been populated once
 */
public record RefreshOptions(List<String> views, boolean concurrently) {
    public RefreshOptions {
        views = List.copyOf(Objects.requireNonNull(views, "views"));
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

    /** The same selection, with or without {@code CONCURRENTLY}. */
    public RefreshOptions concurrently(boolean concurrently) {
        return new RefreshOptions(views, concurrently);
    }
}
