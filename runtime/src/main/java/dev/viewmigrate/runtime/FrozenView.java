package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A view as a revision froze it: what {@code verify} and the test kit compare the live database with. Generated
 * migrations expose these constants; upgrade and downgrade never read them (they run their frozen SQL).
 *
 * @param schema       the schema, empty when the view is unqualified (the connection's search_path decides)
 * @param name         the view name, exactly as PostgreSQL stores it (unquoted, case preserved)
 * @param materialized whether it is a materialized view
 * @param withData     materialized only: created {@code WITH DATA}
 * @param sql          the canonical {@code SELECT} of the view
 * @param indexes      materialized only: the declared indexes, with their resolved names
 */
public record FrozenView(
        Optional<String> schema, String name, boolean materialized, boolean withData, String sql,
        List<FrozenIndex> indexes) {
    public FrozenView {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        indexes = List.copyOf(indexes);
    }

    /** {@code schema.name}, or {@code name} when unqualified: the key under which revisions refer to the view. */
    public String qualifiedName() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    /**
     * An index declared on a materialized view.
     *
     * @param name    the index name (declared, or the deterministic default)
     * @param columns the indexed columns, in order
     * @param unique  whether it is a unique index
     */
    public record FrozenIndex(String name, List<String> columns, boolean unique) {
        public FrozenIndex {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
        }
    }
}
