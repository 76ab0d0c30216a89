package dev.viewmigrate.processor;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the PostgreSQL tests of the processor do to a database: run statements, run the generated migrations with the
 * runtime, and read the catalog back through the shared {@link CatalogSnapshot}.
 */
final class Databases {
    private Databases() {}

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of the first row of {@code query}. */
    static String value(TestDatabase db, String query) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The runtime over the migrations that {@code loader} (the compiled project) holds. */
    static ViewMigrator migrator(TestDatabase db, ClassLoader loader) {
        return ViewMigrator.builder().dataSource(db.dataSource()).classLoader(loader).build();
    }

    static CatalogSnapshot snapshot(TestDatabase db) throws SQLException {
        return CatalogSnapshot.capture(db);
    }

    /**
     * The columns of relation {@code schema.name} in order, each as its name and the rest of what the snapshot
     * compares, e.g. {@code email text comment=private}; empty when the relation doesn't exist.
     */
    static List<String> columns(CatalogSnapshot snapshot, String relation) {
        return snapshot.entriesOf(relation).stream()
                .filter(entry -> entry.kind() == CatalogSnapshot.Kind.COLUMN)
                .sorted(Comparator.comparingInt(entry -> position(entry.detail())))
                .map(entry -> entry.member() + entry.detail().substring(entry.detail().indexOf(' ')))
                .toList();
    }

    private static int position(String columnDetail) {
        return Integer.parseInt(columnDetail.substring(1, columnDetail.indexOf(' ')));
    }

    /** What the snapshot says about the relation itself: kind, owner, {@code acl=...}, {@code comment=...}. */
    static String relation(CatalogSnapshot snapshot, String relation) {
        return snapshot.find(CatalogSnapshot.Kind.RELATION, relation, "").orElseThrow().detail();
    }

    /** The definitions of the relation's indexes, by index name. */
    static Map<String, String> indexes(CatalogSnapshot snapshot, String relation) {
        Map<String, String> indexes = new TreeMap<>();
        snapshot.entriesOf(relation).stream().filter(entry -> entry.kind() == CatalogSnapshot.Kind.INDEX)
                .forEach(entry -> indexes.put(entry.member(), entry.detail()));
        return indexes;
    }

    /** The {@code pg_class.oid} and {@code relfilenode} of each materialized view: they change when it is rebuilt. */
    static Map<String, String> matviewStorage(TestDatabase db) throws SQLException {
        Map<String, String> storage = new TreeMap<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT n.nspname || '.' || c.relname, c.oid::text || '/' || c.relfilenode
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm'""")) {
            while (rows.next()) {
                storage.put(rows.getString(1), rows.getString(2));
            }
        }
        return storage;
    }
}
