package dev.viewmigrate.runtime.internal.importing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the views and materialized views of some schemas from the live catalog, in four queries whatever their
 * number (relations, columns, indexes, dependencies), so that importing thousands of views stays fast.
 */
public final class CatalogReader {
    private CatalogReader() {}

    /** The schemas of the connection's search_path that exist, in order ({@code current_schemas(false)}). */
    public static List<String> searchPathSchemas(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT current_schemas(false)");
                ResultSet row = query.executeQuery()) {
            row.next();
            return strings(row.getArray(1));
        }
    }

    /** The first schema of the search_path that exists: where an unqualified {@code CREATE VIEW} lands. */
    public static Optional<String> currentSchema(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT current_schema()");
                ResultSet row = query.executeQuery()) {
            row.next();
            return Optional.ofNullable(row.getString(1));
        }
    }

    /** Every view and materialized view of {@code schemas}, sorted by schema then name. */
    public static List<LiveView> read(Connection connection, List<String> schemas) throws SQLException {
        Map<Long, LiveView> views = new LinkedHashMap<>();
        Array schemaArray = connection.createArrayOf("text", schemas.toArray());
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', c.relispopulated,
                       pg_get_viewdef(c.oid, true), c.reloptions, obj_description(c.oid, 'pg_class'),
                       (SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                           AND d.refclassid = 'pg_extension'::regclass LIMIT 1)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY (?)
                ORDER BY n.nspname, c.relname""")) {
            query.setArray(1, schemaArray);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long oid = row.getLong(1);
                    views.put(oid, new LiveView(oid, row.getString(2), row.getString(3), row.getBoolean(4),
                            row.getBoolean(5), withoutSemicolon(row.getString(6)), strings(row.getArray(7)),
                            Optional.ofNullable(row.getString(8)), Optional.ofNullable(row.getString(9)),
                            new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                }
            }
        }
        if (views.isEmpty()) {
            return List.of();
        }
        Array oids = connection.createArrayOf("int8", views.keySet().toArray());
        columns(connection, oids, views);
        indexes(connection, oids, views);
        reads(connection, oids, views);
        return List.copyOf(views.values());
    }

    private static void columns(Connection connection, Array oids, Map<Long, LiveView> views) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, et.typname,
                       bt.typtype = 'e'
                FROM pg_attribute a
                JOIN pg_type t ON t.oid = a.atttypid
                JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
                LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
                WHERE a.attrelid = ANY (?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attrelid, a.attnum""")) {
            query.setArray(1, oids);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    views.get(row.getLong(1)).columns().add(new LiveView.Column(row.getString(2), row.getString(3),
                            row.getString(4), Optional.ofNullable(row.getString(5)), row.getBoolean(6)));
                }
            }
        }
    }

    /**
     * Key columns one by one ({@code pg_get_indexdef(oid, k, true)}), with the operator class where it is not the
     * default for the column's type, and the ordering from {@code indoption} (bit 1 DESC, bit 2 NULLS FIRST).
     */
    private static void indexes(Connection connection, Array oids, Map<Long, LiveView> views) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT i.indrelid, ic.relname, i.indisunique, am.amname, i.indnkeyatts,
                       coalesce(pg_get_expr(i.indpred, i.indrelid, true), ''),
                       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
                             FROM generate_series(1, i.indnatts) k ORDER BY k),
                       ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname END
                             FROM unnest(i.indclass::oid[]) WITH ORDINALITY u(opclass, k)
                             JOIN pg_opclass opc ON opc.oid = u.opclass ORDER BY u.k),
                       ARRAY(SELECT u.option FROM unnest(i.indoption::int2[]) WITH ORDINALITY u(option, k)
                             ORDER BY u.k)
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_am am ON am.oid = ic.relam
                WHERE i.indrelid = ANY (?::oid[])
                ORDER BY i.indrelid, ic.relname""")) {
            query.setArray(1, oids);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    int keys = row.getInt(5);
                    List<String> all = strings(row.getArray(7));
                    List<String> opclasses = strings(row.getArray(8));
                    Object[] options = (Object[]) row.getArray(9).getArray();
                    List<String> columns = new ArrayList<>();
                    for (int k = 0; k < keys; k++) {
                        StringBuilder column = new StringBuilder(all.get(k));
                        if (k < opclasses.size() && !opclasses.get(k).isEmpty()) {
                            column.append(' ').append(opclasses.get(k));
                        }
                        int option = k < options.length ? ((Number) options[k]).intValue() : 0;
                        boolean desc = (option & 1) != 0;
                        boolean nullsFirst = (option & 2) != 0;
                        if (desc) {
                            column.append(nullsFirst ? " DESC" : " DESC NULLS LAST");
                        } else if (nullsFirst) {
                            column.append(" NULLS FIRST");
                        }
                        columns.add(column.toString());
                    }
                    views.get(row.getLong(1)).indexes().add(new LiveView.Index(row.getString(2), columns,
                            row.getBoolean(3), row.getString(4), row.getString(6),
                            List.copyOf(all.subList(keys, all.size()))));
                }
            }
        }
    }

    /** The views and materialized views each view's rewrite rule depends on (what its query reads), any schema. */
    private static void reads(Connection connection, Array oids, Map<Long, LiveView> views) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT DISTINCT r.ev_class, d.refobjid
                FROM pg_rewrite r
                JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                JOIN pg_class c ON c.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass
                WHERE r.ev_class = ANY (?::oid[]) AND d.refobjid <> r.ev_class AND c.relkind IN ('v', 'm')
                ORDER BY 1, 2""")) {
            query.setArray(1, oids);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    views.get(row.getLong(1)).reads().add(row.getLong(2));
                }
            }
        }
    }

    /** The names of relations by oid, for dependencies on views that are not imported. */
    public static Map<Long, String> names(Connection connection, List<Long> oids) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        if (oids.isEmpty()) {
            return names;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT c.oid, n.nspname || '.' || c.relname FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ANY (?::oid[])")) {
            query.setArray(1, connection.createArrayOf("int8", oids.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    names.put(row.getLong(1), row.getString(2));
                }
            }
        }
        return names;
    }

    /** {@code pg_get_viewdef} ends the query with {@code ;}, which {@code @View(sql)} must not have. */
    static String withoutSemicolon(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
