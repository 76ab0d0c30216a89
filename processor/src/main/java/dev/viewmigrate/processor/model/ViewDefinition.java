package dev.viewmigrate.processor.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One view as declared by a {@code @View} class or as frozen in a revision, with every default resolved and the SQL
 * in canonical form ({@link CanonicalSql}).
 *
 * @param dependsOn the views this one reads beyond what its SQL shows, sorted
 * @param options the {@code WITH (...)} parameters, each {@code name=value} as declared (name lower case), sorted by name
 * @param comment the declared {@code COMMENT}; {@code ""} when none is declared (a comment set by hand is then kept)
 * @param originClass the canonical name of the declaring class; recorded so that a partial build can find the view's
 *     class file, but not part of the view's identity or content ({@link #sameContentAs})
 * @param sideBySide a materialized view rebuilt side by side ({@code @View(rebuild)}): how a change is carried out,
 *     not what the database holds, so not part of {@link #sameContentAs} either; frozen with the view's next change
 */
public record ViewDefinition(
        ViewKey key,
        boolean materialized,
        boolean withData,
        List<IndexDefinition> indexes,
        List<ViewKey> dependsOn,
        String sql,
        String originClass,
        List<String> options,
        String comment,
        boolean sideBySide) {

    public ViewDefinition {
        Objects.requireNonNull(key, "key");
        indexes = List.copyOf(indexes);
        dependsOn = dependsOn.stream().distinct().sorted().toList();
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(originClass, "originClass");
        options = options.stream().sorted().toList();
        Objects.requireNonNull(comment, "comment");
        if (sideBySide && !materialized) {
            throw new IllegalArgumentException("only a materialized view is rebuilt side by side: " + key);
        }
    }

    /** A view rebuilt with DROP + CREATE. */
    public ViewDefinition(ViewKey key, boolean materialized, boolean withData, List<IndexDefinition> indexes,
            List<ViewKey> dependsOn, String sql, String originClass, List<String> options, String comment) {
        this(key, materialized, withData, indexes, dependsOn, sql, originClass, options, comment, false);
    }

    /** A view without options or comment. */
    public ViewDefinition(ViewKey key, boolean materialized, boolean withData, List<IndexDefinition> indexes,
            List<ViewKey> dependsOn, String sql, String originClass) {
        this(key, materialized, withData, indexes, dependsOn, sql, originClass, List.of(), "");
    }

    /** True when both describe the same database object; the declaring class does not matter. */
    public boolean sameContentAs(ViewDefinition other) {
        return key.equals(other.key)
                && materialized == other.materialized
                && withData == other.withData
                && sameIndexes(other)
                && dependsOn.equals(other.dependsOn)
                && sql.equals(other.sql)
                && options.equals(other.options)
                && comment.equals(other.comment);
    }

    /** The same indexes, in whatever order they are declared: the order leaves nothing different in the database. */
    public boolean sameIndexes(ViewDefinition other) {
        return Set.copyOf(indexes).equals(Set.copyOf(other.indexes));
    }
}
