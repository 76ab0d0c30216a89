package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A view as a revision froze it: the definition the runtime's steps create, and what {@code verify} and the test
 * kit compare the live database with. Generated migrations build their constants with the named factories:
 *
 * <pre>{@code
 * FrozenView.view(ViewName.of("active_users"), "SELECT ...").withOptions("security_invoker=true")
 * FrozenView.materializedView(ViewName.of("stats", "daily"), "SELECT ...")
 *         .withIndexes(FrozenIndex.uniqueOn("daily_day_key", "day"))
 * }</pre>
 */
public final class FrozenView {
    private final ViewName name;
    private final boolean materialized;
    private final boolean withData;
    private final String sql;
    private final List<String> options;
    private final String comment;
    private final List<FrozenIndex> indexes;

    private FrozenView(ViewName name, boolean materialized, boolean withData, String sql, List<String> options,
            String comment, List<FrozenIndex> indexes) {
        this.name = Objects.requireNonNull(name, "name");
        this.materialized = materialized;
        this.withData = withData;
        this.sql = Objects.requireNonNull(sql, "sql");
        this.options = List.copyOf(options);
        this.comment = Objects.requireNonNull(comment, "comment");
        this.indexes = List.copyOf(indexes);
        if (!materialized && (!indexes.isEmpty() || !withData)) {
            throw new IllegalArgumentException("only a materialized view has indexes or WITH NO DATA: " + name);
        }
    }

    /** A plain view. */
    public static FrozenView view(ViewName name, String sql) {
        return new FrozenView(name, false, true, sql, List.of(), "", List.of());
    }

    /** A materialized view, created {@code WITH DATA} unless {@link #withNoData()} says otherwise. */
    public static FrozenView materializedView(ViewName name, String sql) {
        return new FrozenView(name, true, true, sql, List.of(), "", List.of());
    }

    /** This materialized view, created {@code WITH NO DATA}. */
    public FrozenView withNoData() {
        return new FrozenView(name, materialized, false, sql, options, comment, indexes);
    }

    /** This view with its {@code WITH (...)} parameters, each {@code name=value}. */
    public FrozenView withOptions(String... options) {
        return new FrozenView(name, materialized, withData, sql, List.of(options), comment, indexes);
    }

    /** This view with a declared {@code COMMENT}. */
    public FrozenView withComment(String comment) {
        return new FrozenView(name, materialized, withData, sql, options, comment, indexes);
    }

    /** This materialized view with its declared indexes. */
    public FrozenView withIndexes(FrozenIndex... indexes) {
        return new FrozenView(name, materialized, withData, sql, options, comment, List.of(indexes));
    }

    /** The view's schema and name. */
    public ViewName name() {
        return name;
    }

    /** Whether it is a materialized view. */
    public boolean materialized() {
        return materialized;
    }

    /** Materialized only: created {@code WITH DATA}; always true for a plain view. */
    public boolean withData() {
        return withData;
    }

    /** The view's query, as frozen (canonical form, no trailing semicolon). */
    public String sql() {
        return sql;
    }

    /** The {@code WITH (...)} parameters, each {@code name=value}, sorted by name; empty when none is declared. */
    public List<String> options() {
        return options;
    }

    /** The declared comment; empty when none is declared (then a comment set by hand is kept). */
    public Optional<String> comment() {
        return comment.isEmpty() ? Optional.empty() : Optional.of(comment);
    }

    /** Materialized only: the declared indexes, with their resolved names. */
    public List<FrozenIndex> indexes() {
        return indexes;
    }

    /** {@code "view x"} or {@code "materialized view x"}, for messages. */
    public String describe() {
        return (materialized ? "materialized view " : "view ") + name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrozenView that && name.equals(that.name) && materialized == that.materialized
                && withData == that.withData && sql.equals(that.sql) && options.equals(that.options)
                && comment.equals(that.comment) && indexes.equals(that.indexes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, materialized, withData, sql, options, comment, indexes);
    }

    @Override
    public String toString() {
        return describe();
    }
}
