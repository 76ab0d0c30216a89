package dev.viewmigrate.processor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the database says about every view and materialized view outside the system schemas: kind, owner, columns
 * with their types, {@code pg_get_viewdef}, indexes ({@code pg_indexes.indexdef}), ACL ({@code relacl}, column ACLs),
 * comments ({@code obj_description}, {@code col_description}). Two snapshots are equal when a round trip restored
 * everything a user could notice.
 */
record CatalogSnapshot(SortedMap<String, String> relations) {
    private static final String QUERY = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
                   c.relkind::text AS kind,
                   pg_get_userbyid(c.relowner) AS owner,
                   pg_get_viewdef(c.oid) AS definition,
                   coalesce(c.relacl::text, '') AS acl,
                   coalesce(obj_description(c.oid, 'pg_class'), '') AS comment,
                   (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                               || coalesce(' acl=' || a.attacl::text, '')
                               || coalesce(' comment=' || col_description(c.oid, a.attnum), ''), ', '
                               ORDER BY a.attnum)
                    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
                       AS columns,
                   (SELECT coalesce(string_agg(i.indexdef, '; ' ORDER BY i.indexname), '')
                    FROM pg_indexes i WHERE i.schemaname = n.nspname AND i.tablename = c.relname) AS indexes
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('v', 'm')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY 1
            """;

    static CatalogSnapshot of(Connection connection) throws SQLException {
        SortedMap<String, String> relations = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
            while (rows.next()) {
                relations.put(rows.getString("name"), String.join("\n",
                        "kind: " + rows.getString("kind"),
                        "owner: " + rows.getString("owner"),
                        "columns: " + rows.getString("columns"),
                        "acl: " + rows.getString("acl"),
                        "comment: " + rows.getString("comment"),
                        "indexes: " + rows.getString("indexes"),
                        "definition: " + rows.getString("definition")));
            }
        }
        return new CatalogSnapshot(relations);
    }

    /** The {@code pg_class.oid} and {@code relfilenode} of each materialized view: they change when it is rebuilt. */
    static Map<String, String> storage(Connection connection) throws SQLException {
        Map<String, String> storage = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.oid::text || '/' || c.relfilenode
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm'""")) {
            while (rows.next()) {
                storage.put(rows.getString(1), rows.getString(2));
            }
        }
        return storage;
    }

    @Override
    public String toString() {
        return relations.entrySet().stream().map(e -> e.getKey() + "\n  " + e.getValue().replace("\n", "\n  "))
                .collect(Collectors.joining("\n"));
    }
}
