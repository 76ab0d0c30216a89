package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.sql.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the database holds: relations by name, which materialized views read which (through any number of plain
 * views), and the indexes of materialized views. Read-only queries on {@code pg_catalog}.
 */
public final class LiveCatalog {
    private LiveCatalog() {}

    /**
     * A view's name as the revisions give it: {@code schema} null means unqualified, which migrations created in the
     * connection's {@code current_schema()} (the first existing schema of its search_path), so it is looked up there.
     */
    public record Key(String schema, String name) {
        public static Key of(FrozenView view) {
            return of(view.name());
        }

        public static Key of(ViewName name) {
            return new Key(name.schema().orElse(null), name.name());
        }
    }

    /**
     * A relation found in {@code pg_class}.
     *
     * @param options its {@code reloptions}, each {@code name=value} as PostgreSQL stores it
     * @param comment its comment, or null
     */
    public record Relation(long oid, String schema, String name, char kind, boolean populated, List<String> options,
            String comment) {
        /** Schema-qualified and quoted as needed, for SQL this runtime writes. */
        public String sqlName() {
            return Identifiers.quote(schema) + "." + Identifiers.quote(name);
        }

        public boolean isView() {
            return kind == 'v';
        }

        public boolean isMaterializedView() {
            return kind == 'm';
        }

        /** "a plain view", "a table", ... for messages. */
        public String kindDescription() {
            return switch (kind) {
                case 'v' -> "a plain view";
                case 'm' -> "a materialized view";
                case 'r', 'p' -> "a table";
                case 'f' -> "a foreign table";
                case 'S' -> "a sequence";
                case 'i', 'I' -> "an index";
                case 'c' -> "a composite type";
                default -> "a relation of kind '" + kind + "'";
            };
        }
    }

    /**
     * An index of a materialized view.
     *
     * @param shape      what makes two indexes equivalent, whatever they and their tables are called: the part of
     *                   {@code pg_get_indexdef} from {@code USING} on (method, columns or expressions with their
     *                   ordering, {@code INCLUDE}, {@code WHERE})
     * @param definition the whole {@code pg_get_indexdef}
     */
    public record Index(long table, String name, boolean unique, boolean valid, boolean immediate, boolean partial,
            boolean expression, String method, String shape, String definition) {
        /**
         * Whether {@code REFRESH MATERIALIZED VIEW CONCURRENTLY} can use it: what PostgreSQL's
         * {@code is_usable_unique_index} (matview.c) requires — unique, valid, immediate, btree, no WHERE clause,
         * only plain columns.
         */
        public boolean usableForConcurrentRefresh() {
            return unique && valid && immediate && method.equals("btree") && !partial && !expression;
        }
    }

    private static final String FIND = "SELECT k.ord, c.oid, n.nspname, c.relname, c.relkind::text, c.relispopulated, "
            + "coalesce(c.reloptions, ARRAY[]::text[]), obj_description(c.oid, 'pg_class') "
            + "FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS k(schema_name, rel_name, ord) "
            + "JOIN pg_namespace n ON n.nspname = coalesce(k.schema_name, current_schema()) "
            + "JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = k.rel_name";

    /** The relations named by {@code keys}, in one query; a name that does not exist is absent from the map. */
    public static Map<Key, Relation> find(Connection connection, List<Key> keys) throws SQLException {
        Map<Key, Relation> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] schemas = new String[keys.size()];
        String[] names = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            schemas[i] = keys.get(i).schema();
            names[i] = keys.get(i).name();
        }
        try (PreparedStatement query = connection.prepareStatement(FIND)) {
            Array schemaArray = connection.createArrayOf("text", schemas);
            Array nameArray = connection.createArrayOf("text", names);
            query.setArray(1, schemaArray);
            query.setArray(2, nameArray);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Key key = keys.get(rows.getInt(1) - 1);
                    found.put(key, new Relation(rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5).charAt(0), rows.getBoolean(6),
                            List.of((String[]) rows.getArray(7).getArray()), rows.getString(8)));
                }
            }
        }
        return found;
    }

    /*
     * A view's query is stored as the rewrite rule of the view; pg_depend records what the rule reads. Following those
     * edges through plain (and unmanaged materialized) views finds every materialized view a materialized view reads,
     * however indirectly. PostgreSQL forbids cycles between views, so the recursion ends.
     */
    private static final String READS = "WITH RECURSIVE reads(matview, rel) AS ("
            + " SELECT r.ev_class, d.refobjid FROM pg_rewrite r"
            + " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            + " AND d.refclassid = 'pg_class'::regclass"
            + " WHERE r.ev_class = ANY(?::oid[]) AND d.refobjid <> r.ev_class"
            + " UNION"
            + " SELECT reads.matview, d.refobjid FROM reads"
            + " JOIN pg_class c ON c.oid = reads.rel AND c.relkind IN ('v', 'm')"
            + " JOIN pg_rewrite r ON r.ev_class = c.oid"
            + " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            + " AND d.refclassid = 'pg_class'::regclass"
            + " WHERE d.refobjid <> r.ev_class)"
            + " SELECT matview, rel FROM reads WHERE rel = ANY(?::oid[]) AND rel <> matview";

    /** For each of {@code matviews}, the others of them that it reads, directly or through other views. */
    public static Map<Long, Set<Long>> reads(Connection connection, Collection<Long> matviews) throws SQLException {
        Map<Long, Set<Long>> reads = new HashMap<>();
        matviews.forEach(oid -> reads.put(oid, new HashSet<>()));
        if (matviews.size() < 2) {
            return reads;
        }
        try (PreparedStatement query = connection.prepareStatement(READS)) {
            Array oids = oidArray(connection, matviews);
            query.setArray(1, oids);
            query.setArray(2, oids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reads.get(rows.getLong(1)).add(rows.getLong(2));
                }
            }
        }
        return reads;
    }

    private static final String INDEXES = "SELECT i.indrelid, ic.relname, i.indisunique, i.indisvalid,"
            + " i.indimmediate, i.indpred IS NOT NULL, 0 = ANY(i.indkey::int2[]) OR i.indexprs IS NOT NULL, am.amname,"
            + " pg_get_indexdef(i.indexrelid)"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam"
            + " WHERE i.indrelid = ANY(?::oid[]) ORDER BY ic.relname";

    /** The indexes of the given relations, each list sorted by index name. */
    public static Map<Long, List<Index>> indexes(Connection connection, Collection<Long> tables) throws SQLException {
        Map<Long, List<Index>> indexes = new HashMap<>();
        tables.forEach(oid -> indexes.put(oid, new ArrayList<>()));
        if (tables.isEmpty()) {
            return indexes;
        }
        try (PreparedStatement query = connection.prepareStatement(INDEXES)) {
            query.setArray(1, oidArray(connection, tables));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String method = rows.getString(8);
                    String definition = rows.getString(9);
                    indexes.get(rows.getLong(1)).add(new Index(rows.getLong(1), rows.getString(2), rows.getBoolean(3),
                            rows.getBoolean(4), rows.getBoolean(5), rows.getBoolean(6), rows.getBoolean(7), method,
                            shape(definition, method), definition));
                }
            }
        }
        return indexes;
    }

    /**
     * {@code CREATE UNIQUE INDEX x ON s.t USING btree (a, lower(b)) WHERE (c > 0)} → {@code btree (a, lower(b)) WHERE
     * (c > 0)}. Uniqueness is compared on its own; the names of the index and its table are left out.
     */
    static String shape(String definition, String method) {
        int using = definition.indexOf(" USING " + method + " (");
        return using < 0 ? definition : definition.substring(using + " USING ".length());
    }

    private static Array oidArray(Connection connection, Collection<Long> oids) throws SQLException {
        // oid has no JDBC array type of its own: send int8 values, cast to oid[] in the query.
        return connection.createArrayOf("int8", oids.toArray(Long[]::new));
    }
}
