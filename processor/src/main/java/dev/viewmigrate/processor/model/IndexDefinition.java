package dev.viewmigrate.processor.model;

import java.util.List;
import java.util.Objects;

/** An index of a materialized view; {@code name} is already resolved (never empty). */
public record IndexDefinition(String name, List<String> columns, boolean unique) {
    public IndexDefinition {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
