package dev.viewmigrate.runtime.internal.importing;

import java.util.List;
import java.util.Optional;

/**
 * A view or materialized view as the live catalog describes it, everything {@code import} writes into its class.
 *
 * @param oid          the relation's oid, to join columns, indexes and dependencies
 * @param schema       the schema it lives in (as stored)
 * @param name         the view name (as stored)
 * @param materialized a materialized view
 * @param populated    materialized only: whether it holds data ({@code WITH DATA})
 * @param sql          {@code pg_get_viewdef(oid, true)} without its trailing {@code ;}
 * @param options      {@code pg_class.reloptions}, {@code name=value} each
 * @param comment      the view's {@code COMMENT}
 * @param extension    the extension that owns it, when one does (such a view is not imported)
 * @param columns      the view's columns, in order
 * @param indexes      materialized only: its indexes, by name
 * @param reads        oids of the views and materialized views its query reads directly (pg_rewrite → pg_depend)
 */
public record LiveView(long oid, String schema, String name, boolean materialized, boolean populated, String sql,
        List<String> options, Optional<String> comment, Optional<String> extension, List<Column> columns,
        List<Index> indexes, List<Long> reads) {

    /**
     * One column.
     *
     * @param name     as stored
     * @param type     {@code format_type}: the type as SQL writes it, e.g. {@code numeric(12,2)}
     * @param baseType the type's {@code typname} once domains are unwrapped, e.g. {@code numeric}, {@code _int4}
     * @param elementType for an array, its element's {@code typname}; else empty
     * @param enumType whether the (base) type is an enum
     */
    public record Column(String name, String type, String baseType, Optional<String> elementType, boolean enumType) {}

    /**
     * One index of a materialized view, in {@code @View.Index} terms.
     *
     * @param columns key columns or expressions as {@code pg_get_indexdef(oid, k, true)} prints them, each followed by
     *                its operator class when it is not the default one, and its ordering when not ascending
     * @param using   the access method, e.g. {@code btree}, {@code gin}
     * @param where   the partial index predicate, empty for a full index
     * @param include covering columns
     */
    public record Index(String name, List<String> columns, boolean unique, String using, String where,
            List<String> include) {}

    /** Read from SQLite, which has no oids: its views are numbered -1, -2, ... (PostgreSQL oids are positive). */
    public boolean sqlite() {
        return oid < 0;
    }

    /** {@code schema.name} for messages. */
    public String displayName() {
        return schema + "." + name;
    }
}
