package dev.viewmigrate.processor.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One view as declared by a {@code @View} class or as frozen in a revision, with every default resolved and the SQL
 * in canonical form ({@link CanonicalSql}).
 *
 * @param dependsOn the views this one reads beyond what its SQL shows, sorted
 * @param originClass the canonical name of the declaring class; recorded so that a partial build can find the view's
 *     class file, but not part of the view's identity or content ({@link #sameContentAs})
 */
public record ViewDefinition(
        ViewKey key,
        boolean materialized,
        boolean withData,
        List<IndexDefinition> indexes,
        List<ViewKey> dependsOn,
        String sql,
        String originClass) {

    public ViewDefinition {
        Objects.requireNonNull(key, "key");
        indexes = List.copyOf(indexes);
        dependsOn = dependsOn.stream().distinct().sorted().toList();
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(originClass, "originClass");
    }

    /** True when both describe the same database object; the declaring class does not matter. */
    public boolean sameContentAs(ViewDefinition other) {
        return key.equals(other.key)
                && materialized == other.materialized
                && withData == other.withData
                && sameIndexes(other)
                && dependsOn.equals(other.dependsOn)
                && sql.equals(other.sql);
    }

    /** The same indexes, in whatever order they are declared: the order leaves nothing different in the database. */
    public boolean sameIndexes(ViewDefinition other) {
        return Set.copyOf(indexes).equals(Set.copyOf(other.indexes));
    }
}
