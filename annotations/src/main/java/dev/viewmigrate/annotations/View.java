package dev.viewmigrate.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the PostgreSQL view that the annotated class (normally a read-only JPA entity) reads.
 *
 * <pre>{@code
 * @Entity
 * @Immutable
 * @View(sql = """
 *         SELECT u.id, u.name, count(p.id) AS post_count
 *         FROM users u LEFT JOIN posts p ON p.author_id = u.id
 *         GROUP BY u.id, u.name
 *         """)
 * public class ActiveUser { ... }
 * }</pre>
 *
 * <p>At compile time the viewmigrate processor compares every {@code @View} with the newest revision frozen in the
 * snapshot directory and, when something changed, freezes one new revision and generates its migration.
 *
 * <p>Retention is {@code RUNTIME} so that the processor can read views from already-compiled classes (an IDE
 * recompiling one file) and so that later tooling can read them by reflection.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface View {
    /**
     * The view name, exactly as written (quoted in SQL where needed). Default: {@code @jakarta.persistence.Table(name)}
     * when present, as PostgreSQL resolves it in the entity's queries (lower case unless quoted in the mapping, after
     * {@code -Aviewmigrate.naming}), else the class's simple name in snake_case ({@code ActiveUser} →
     * {@code active_user}).
     */
    String name() default "";

    /** The schema. Default: {@code @Table(schema)} when present, else unqualified (the connection's search_path). */
    String schema() default "";

    /** The view's {@code SELECT}, normally a text block. Exactly one of {@code sql} and {@link #sqlResource}. */
    String sql() default "";

    /**
     * Instead of {@link #sql}: the path of a {@code .sql} file relative to a source or resource root of the module,
     * e.g. {@code "views/active_users.sql"}.
     */
    String sqlResource() default "";

    /** Creates a materialized view. */
    boolean materialized() default false;

    /** Materialized views only: create {@code WITH DATA} ({@code true}) or {@code WITH NO DATA}. */
    boolean withData() default true;

    /** Materialized views only: the indexes to create on the view. */
    Index[] indexes() default {};

    /** Other {@code @View} classes this view reads, where the SQL alone does not show it. */
    Class<?>[] dependsOn() default {};

    /**
     * The view's PostgreSQL {@code WITH (...)} parameters, one {@code name=value} per entry, e.g.
     * {@code {"security_invoker=true", "check_option=local"}}; for a materialized view its storage parameters
     * ({@code "fillfactor=70"}, {@code "autovacuum_enabled=false"}). Frozen with the view, kept across every
     * recreation, compared by {@code verify}. {@code WITH [LOCAL|CASCADED] CHECK OPTION} is written
     * {@code "check_option=local"} / {@code "check_option=cascaded"}.
     */
    String[] options() default {};

    /** The view's {@code COMMENT}: frozen, created with the view, compared by {@code verify}. Empty: none declared. */
    String comment() default "";

    /**
     * Materialized views only: how a change that needs a new materialized view (its SQL, or a view it reads,
     * changed) rebuilds it. {@link Rebuild#SIDE_BY_SIDE} builds the new one under a temporary name, with its
     * indexes and statistics, while readers keep reading the old one, then swaps the names at the end of the
     * revision; it needs room for both copies at once. Default: {@code -Aviewmigrate.rebuild}
     * ({@code drop-create} unless set). Frozen with the view when it next changes.
     */
    Rebuild rebuild() default Rebuild.DEFAULT;

    /** How a materialized view is rebuilt; see {@link #rebuild}. */
    enum Rebuild {
        /** What {@code -Aviewmigrate.rebuild} says ({@code drop-create} unless set). */
        DEFAULT,
        /** {@code DROP} then {@code CREATE}: readers wait from the drop until the revision commits. */
        DROP_CREATE,
        /** Build beside the old view, then swap names: readers only wait for the swap. */
        SIDE_BY_SIDE
    }

    /** An index of a materialized view. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Index {
        /**
         * The index name; default: {@code <view>_<columns joined by _>_idx}, or {@code _key} instead of {@code _idx}
         * for a unique index (PostgreSQL's own suffixes).
         */
        String name() default "";

        /**
         * The indexed columns (or expressions), in order. An entry may carry an operator class and an ordering:
         * {@code "name gin_trgm_ops"}, {@code "created_at DESC"}, {@code "lower(email)"}.
         */
        String[] columns();

        /** A unique index (required for {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}). */
        boolean unique() default false;

        /** The index method ({@code "btree"}, {@code "gin"}, {@code "gist"}, {@code "brin"}, ...); empty: btree. */
        String using() default "";

        /** A partial index's predicate, without {@code WHERE}, e.g. {@code "active"}; empty: a full index. */
        String where() default "";

        /** Covering columns ({@code INCLUDE (...)}), stored in the index but not searched. */
        String[] include() default {};
    }
}
