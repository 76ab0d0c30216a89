package dev.viewmigrate.runtime;

import java.util.List;

/**
 * The steps a generated migration is made of. Each step's SQL lives once, in the runtime, and is the same online
 * and in offline scripts: a generated revision only names the steps and the frozen views they act on, e.g.
 *
 * <pre>{@code
 * ViewSteps steps = context.views();
 * steps.checkDependents(ACTIVE_USERS_BEFORE, TOP_USERS_BEFORE);
 * steps.savePrivileges(ACTIVE_USERS_BEFORE, TOP_USERS_BEFORE);
 * steps.drop(TOP_USERS_BEFORE, ACTIVE_USERS_BEFORE);
 * steps.create(ACTIVE_USERS, TOP_USERS);
 * steps.restorePrivileges(ACTIVE_USERS, TOP_USERS);
 * }</pre>
 *
 * <p>Lists are processed in the order given. Views are never dropped with {@code CASCADE}.
 */
public interface ViewSteps {
    /**
     * Stops the revision before it changes anything (SQLSTATE 2BP01, {@code dependent_objects_still_exist}, naming
     * each object) when something viewmigrate does not manage depends on one of {@code views}, which the revision is
     * about to drop: a view, function, rule, trigger, a column typed with the view's row type, or an index that the
     * view's {@code @View} does not declare. Dependencies among {@code views} themselves are expected.
     */
    void checkDependents(List<FrozenView> views) throws Exception;

    /**
     * Saves what the database holds on {@code views} beyond their frozen definitions (grants, column grants,
     * comments not declared, column comments, the owner, options not declared) into a transaction-local table, for
     * {@link #restorePrivileges} after they are recreated.
     */
    void savePrivileges(List<FrozenView> views) throws Exception;

    /** {@code DROP [MATERIALIZED] VIEW} of each view, in the order given (dependents first). */
    void drop(List<FrozenView> views) throws Exception;

    /** Creates each view in the order given, with its options, comment and (materialized) indexes. */
    void create(List<FrozenView> views) throws Exception;

    /**
     * {@code CREATE OR REPLACE VIEW from → to}, keeping dependents, grants and comments. Guarded: when PostgreSQL
     * refuses it (a column's type changed, SQLSTATE 42P16), checks for unmanaged dependents, saves privileges, drops
     * {@code dependents} (the unchanged managed views reading it, in creation order) and the view, creates both
     * again and restores what was saved. Options set by hand survive either way.
     */
    void replace(FrozenView from, FrozenView to, List<FrozenView> dependents) throws Exception;

    /** Restores what {@link #savePrivileges} saved onto the recreated {@code views}. */
    void restorePrivileges(List<FrozenView> views) throws Exception;

    /**
     * {@code CREATE INDEX} of the indexes named {@code indexes} that {@code view} declares, on the existing
     * materialized view.
     */
    void createIndexes(FrozenView view, List<String> indexes) throws Exception;

    /** {@code DROP INDEX} of the indexes named {@code indexes} that {@code view} declared. */
    void dropIndexes(FrozenView view, List<String> indexes) throws Exception;

    /** Changes a view's declared options and comment in place ({@code ALTER ... SET/RESET}, {@code COMMENT ON}). */
    void alter(FrozenView from, FrozenView to) throws Exception;

    /**
     * Side-by-side rebuild, first part: creates each materialized view of {@code views} (the definition after the
     * step, {@code WITH DATA}) beside the one in place, under a temporary name ({@code <name>__vm_new}), with its
     * declared options, comment and indexes (under temporary names too), then {@code ANALYZE}s it. Takes no lock on
     * the view in place: its readers keep reading it until the revision drops it. {@link #swapIn} finishes the
     * rebuild after the old view is dropped.
     *
     * <p>The default implementation does nothing and {@link #swapIn} creates the view then: a dialect without a
     * side-by-side build rebuilds with DROP + CREATE.
     */
    default void buildBeside(List<FrozenView> views) throws Exception {}

    /**
     * Side-by-side rebuild, second part, after the old view was dropped: renames each view built by
     * {@link #buildBeside} to its declared name and its indexes to their declared names. Grants and what was set by
     * hand come back through {@link #restorePrivileges}, as after a {@link #create}. The default implementation is
     * {@link #create}.
     */
    default void swapIn(List<FrozenView> views) throws Exception {
        create(views);
    }

    default void buildBeside(FrozenView... views) throws Exception {
        buildBeside(List.of(views));
    }

    default void swapIn(FrozenView... views) throws Exception {
        swapIn(List.of(views));
    }

    default void checkDependents(FrozenView... views) throws Exception {
        checkDependents(List.of(views));
    }

    default void savePrivileges(FrozenView... views) throws Exception {
        savePrivileges(List.of(views));
    }

    default void drop(FrozenView... views) throws Exception {
        drop(List.of(views));
    }

    default void create(FrozenView... views) throws Exception {
        create(List.of(views));
    }

    default void replace(FrozenView from, FrozenView to, FrozenView... dependents) throws Exception {
        replace(from, to, List.of(dependents));
    }

    default void restorePrivileges(FrozenView... views) throws Exception {
        restorePrivileges(List.of(views));
    }

    default void createIndexes(FrozenView view, String... indexes) throws Exception {
        createIndexes(view, List.of(indexes));
    }

    default void dropIndexes(FrozenView view, String... indexes) throws Exception {
        dropIndexes(view, List.of(indexes));
    }
}
