package dev.viewmigrate.runtime;

import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a database's schema looks like, as sorted lines that compare (and print) well: schemas, relations, columns
 * (name, type, nullability, default, in column order), view and materialized view definitions, indexes,
 * constraints, grants, comments and functions. Two databases with equal snapshots hold the same schema objects.
 * Every line starts with {@code <kind> <schema>.<relation>} so that {@link #without} can leave a relation out.
 */
public record CatalogSnapshot(List<String> lines) {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    public CatalogSnapshot {
        lines = List.copyOf(lines);
    }

    public static CatalogSnapshot of(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return of(connection);
        }
    }

    public static CatalogSnapshot of(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        query(connection, lines, "SELECT 'schema ' || n.nspname || ' owner=' || pg_get_userbyid(n.nspowner) "
                + "FROM pg_namespace n WHERE " + USER_SCHEMAS);
        query(connection, lines, "SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind=' || c.relkind::text "
                + "|| ' acl=' || coalesce(c.relacl::text, '-') || ' comment=' || coalesce(obj_description(c.oid, "
                + "'pg_class'), '-') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + USER_SCHEMAS + " AND c.relkind IN ('r', 'v', 'm', 'S', 'p', 'f')");
        // Position among the live columns, not attnum: a dropped column leaves a hole in attnum forever.
        query(connection, lines, "SELECT 'column ' || n.nspname || '.' || c.relname || ' #' "
                + "|| row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) || ' ' || a.attname || ' ' "
                + "|| format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END "
                + "|| coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE " + USER_SCHEMAS + " AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND a.attnum > 0 "
                + "AND NOT a.attisdropped");
        query(connection, lines, "SELECT 'definition ' || n.nspname || '.' || c.relname || ' ' "
                + "|| pg_get_viewdef(c.oid, true) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + USER_SCHEMAS + " AND c.relkind IN ('v', 'm')");
        query(connection, lines, "SELECT 'index ' || n.nspname || '.' || t.relname || ' ' "
                + "|| pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE " + USER_SCHEMAS);
        query(connection, lines, "SELECT 'constraint ' || n.nspname || '.' || t.relname || ' ' || co.conname || ' ' "
                + "|| pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE " + USER_SCHEMAS);
        query(connection, lines, "SELECT 'function ' || n.nspname || '.' || p.proname || '(' "
                + "|| pg_get_function_identity_arguments(p.oid) || ') ' || md5(pg_get_functiondef(p.oid)) "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS);
        lines.sort(null);
        return new CatalogSnapshot(lines);
    }

    private static void query(Connection connection, List<String> lines, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
    }

    /** This snapshot without the lines of relation {@code qualifiedName} (e.g. the history table). */
    public CatalogSnapshot without(String qualifiedName) {
        return new CatalogSnapshot(lines.stream()
                .filter(line -> !line.split(" ", 3)[1].equals(qualifiedName))
                .toList());
    }

    /** Whether relation {@code qualifiedName} (table, view, materialized view, sequence) exists. */
    public boolean hasRelation(String qualifiedName) {
        return lines.stream().anyMatch(line -> line.startsWith("relation " + qualifiedName + " "));
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
