package dev.viewmigrate.test;

import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.SqliteCatalogSnapshot;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The database one run of the checks uses, and how its catalog is captured: a fresh PostgreSQL database
 * ({@link CatalogSnapshot}), or, for a SQLite chain, a temporary database file ({@link SqliteCatalogSnapshot}).
 */
interface TestTarget extends AutoCloseable {
    Connection connect() throws SQLException;

    /** Points the builder at this database (no backups for a throw-away SQLite file). */
    ViewMigrator.Builder attach(ViewMigrator.Builder builder);

    /** The catalog without the history table. */
    Catalog snapshot() throws SQLException;

    @Override
    void close();

    /** A captured catalog: compared with {@code equals}, its differences listed for the failure message. */
    interface Catalog {
        int differenceCount(Catalog actual);

        String diff(Catalog actual, String expectedLabel, String actualLabel);
    }

    static TestTarget postgres(TestDatabase database, ViewMigrationTests settings) {
        return new Postgres(database, settings);
    }

    static TestTarget sqlite(ViewMigrationTests settings) {
        try {
            Path dir = Files.createTempDirectory("viewmigrate-test");
            return new Sqlite(dir, settings.historyTable());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the SQLite test database", e);
        }
    }

    final class Postgres implements TestTarget {
        private final TestDatabase database;
        private final ViewMigrationTests settings;
        private String historyTable;

        Postgres(TestDatabase database, ViewMigrationTests settings) {
            this.database = database;
            this.settings = settings;
        }

        @Override
        public Connection connect() throws SQLException {
            return database.connect();
        }

        @Override
        public ViewMigrator.Builder attach(ViewMigrator.Builder builder) {
            return builder.dataSource(database.dataSource());
        }

        /**
         * Without the history table (it appears with the first upgrade and stays after a downgrade to base) and
         * without the configured history schema's own entry (created with the table, never dropped).
         */
        @Override
        public Catalog snapshot() throws SQLException {
            if (historyTable == null) {
                // Read after the user's setup, which may create the schema the search_path puts first.
                historyTable = settings.historySchema().orElseGet(this::firstSchema) + "." + settings.historyTable();
            }
            CatalogSnapshot snapshot = CatalogSnapshot.capture(database).without(historyTable);
            return new PostgresCatalog(settings.historySchema().map(snapshot::without).orElse(snapshot));
        }

        /** Where an unqualified history table lands: the first existing schema of the search_path. */
        private String firstSchema() {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                row.next();
                String schema = row.getString(1);
                return schema == null ? "public" : schema;
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the current schema of " + database + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            database.close();
        }

        @Override
        public String toString() {
            return database.toString();
        }
    }

    record PostgresCatalog(CatalogSnapshot snapshot) implements Catalog {
        @Override
        public int differenceCount(Catalog actual) {
            return snapshot.differences(((PostgresCatalog) actual).snapshot).size();
        }

        @Override
        public String diff(Catalog actual, String expectedLabel, String actualLabel) {
            return snapshot.diff(((PostgresCatalog) actual).snapshot, expectedLabel, actualLabel);
        }

        @Override
        public String toString() {
            return snapshot.toString();
        }
    }

    final class Sqlite implements TestTarget {
        private final Path dir;
        private final String url;
        private final String historyTable;

        Sqlite(Path dir, String historyTable) {
            this.dir = dir;
            this.url = "jdbc:sqlite:" + dir.resolve("test.db");
            this.historyTable = historyTable;
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public ViewMigrator.Builder attach(ViewMigrator.Builder builder) {
            return builder.url(url, null, null).backups(false);
        }

        @Override
        public Catalog snapshot() throws SQLException {
            return new SqliteCatalog(SqliteCatalogSnapshot.capture(url).without(historyTable));
        }

        @Override
        public void close() {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // A temporary file left behind is not worth failing the tests for.
            }
        }

        @Override
        public String toString() {
            return url;
        }
    }

    record SqliteCatalog(SqliteCatalogSnapshot snapshot) implements Catalog {
        @Override
        public int differenceCount(Catalog actual) {
            return lines(this, actual, "", "").size();
        }

        @Override
        public String diff(Catalog actual, String expectedLabel, String actualLabel) {
            return "--- " + expectedLabel + "\n+++ " + actualLabel + "\n"
                    + String.join("\n", lines(this, actual, "- ", "+ ")) + "\n";
        }

        private static List<String> lines(SqliteCatalog expected, Catalog actual, String minus, String plus) {
            List<String> left = expected.snapshot.entries();
            List<String> right = ((SqliteCatalog) actual).snapshot.entries();
            List<String> lines = new ArrayList<>();
            left.stream().filter(e -> !right.contains(e)).forEach(e -> lines.add(minus + e));
            right.stream().filter(e -> !left.contains(e)).forEach(e -> lines.add(plus + e));
            return lines;
        }

        @Override
        public String toString() {
            return snapshot.toString();
        }
    }

    /** Whether every migration of the chain is written for SQLite. */
    static boolean isSqlite(List<dev.viewmigrate.runtime.Migration> chain) {
        return !chain.isEmpty() && chain.stream().allMatch(m -> "sqlite".equals(m.dialect()));
    }
}
