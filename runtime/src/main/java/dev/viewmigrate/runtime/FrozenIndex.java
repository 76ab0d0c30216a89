package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;

/**
 * An index declared on a materialized view ({@code @View.Index}), as a revision froze it. Built with
 * {@link #on(String, String...)} or {@link #uniqueOn(String, String...)} and the {@code using(...)},
 * {@code where(...)}, {@code include(...)} modifiers, each returning a new value.
 *
 * @param name    the index name (declared, or the deterministic default)
 * @param columns the key columns or expressions, in order, each possibly with an operator class or ordering
 *                ({@code "name gin_trgm_ops"}, {@code "created_at DESC"})
 * @param unique  a unique index
 * @param method  the index method ({@code "gin"}); empty for the default, btree
 * @param where   a partial index's predicate, without {@code WHERE}; empty for a full index
 * @param include covering columns ({@code INCLUDE (...)})
 */
public record FrozenIndex(String name, List<String> columns, boolean unique, String method, String where,
        List<String> include) {
    public FrozenIndex {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(where, "where");
        include = List.copyOf(include);
    }

    /** A plain (btree, non-unique, full) index named {@code name} on {@code columns}. */
    public static FrozenIndex on(String name, String... columns) {
        return new FrozenIndex(name, List.of(columns), false, "", "", List.of());
    }

    /** A unique (btree, full) index named {@code name} on {@code columns}. */
    public static FrozenIndex uniqueOn(String name, String... columns) {
        return new FrozenIndex(name, List.of(columns), true, "", "", List.of());
    }

    /** This index, with index method {@code method} ({@code "gin"}, {@code "gist"}, ...). */
    public FrozenIndex using(String method) {
        return new FrozenIndex(name, columns, unique, method, where, include);
    }

    /** This index, partial: only rows where {@code predicate} holds. */
    public FrozenIndex where(String predicate) {
        return new FrozenIndex(name, columns, unique, method, predicate, include);
    }

    /** This index, covering {@code columns} too. */
    public FrozenIndex include(String... columns) {
        return new FrozenIndex(name, this.columns, unique, method, where, List.of(columns));
    }
}
