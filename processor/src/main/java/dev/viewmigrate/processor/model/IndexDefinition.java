package dev.viewmigrate.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * An index of a materialized view; {@code name} is already resolved (never empty).
 *
 * @param columns the key columns or expressions, each possibly with an operator class, ordering and NULLS placement
 * @param using   the index method, lower case; {@code ""} for the default (btree)
 * @param where   a partial index's predicate (without {@code WHERE}); {@code ""} for a full index
 * @param include covering columns ({@code INCLUDE (...)})
 */
public record IndexDefinition(String name, List<String> columns, boolean unique, String using, String where,
        List<String> include) {
    public IndexDefinition {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(using, "using");
        Objects.requireNonNull(where, "where");
        include = List.copyOf(include);
    }

    /** A plain btree index on {@code columns}. */
    public IndexDefinition(String name, List<String> columns, boolean unique) {
        this(name, columns, unique, "", "", List.of());
    }
}
