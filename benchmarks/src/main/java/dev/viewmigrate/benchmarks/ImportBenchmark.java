package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.StampResult;
import dev.viewmigrate.runtime.ViewImporter;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Adopting a large database (issue 12): {@code import} of N hand-made views, and {@code stamp head}, whose check
 * compares all N with their frozen state, as verify does. No anchor runs the same job, so the figures stand alone:
 * the time per view, which must stay flat as N grows (the import reads the catalog in five queries whatever N is;
 * the stamp check creates one temporary copy per view).
 *
 * <p>The views: per group of five, a plain view over a table, a view over that view (quoted mixed-case name), a
 * view in another schema, a materialized view with a unique and a partial index, and a view over it.
 *
 * <pre>{@code java -cp ... dev.viewmigrate.benchmarks.ImportBenchmark [--views=500] [--repetitions=5]}</pre>
 */
public final class ImportBenchmark {
    private ImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int views = option(args, "views", 500);
        int repetitions = option(args, "repetitions", 5);
        System.out.printf(Locale.ROOT, "viewmigrate ImportBenchmark: %d hand-made views, %d repetitions (+1 warm-up)"
                + "%nJava %s, %d CPUs, load average at start: %.2f%n%n", views, repetitions,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load());
        try (TestDatabase database = TestDatabase.create()) {
            List<FrozenView> frozen = create(database, views);
            MigrationCatalog catalog = () -> List.of(new Adopted(frozen));
            ViewMigrator migrator = ViewMigrator.builder().dataSource(database.dataSource()).catalog(catalog).build();
            Samples imports = new Samples();
            Samples stamps = new Samples();
            int written = 0;
            for (int r = 0; r <= repetitions; r++) {
                Path out = Files.createTempDirectory("viewmigrate-import-benchmark");
                try {
                    long start = System.nanoTime();
                    ViewImporter.Result result = ViewImporter.builder().dataSource(database.dataSource())
                            .packageName("com.example.views").outputDirectory(out)
                            .schemas(List.of("public", "reporting")).hibernate(false).build().importViews();
                    long imported = System.nanoTime() - start;
                    written = result.imported().size();
                    start = System.nanoTime();
                    StampResult stamp = migrator.stamp("head", false);
                    long stamped = System.nanoTime() - start;
                    check(stamp.checked() && stamp.recorded().equals(List.of("1")), "stamp head: " + stamp);
                    migrator.stamp("base", true);
                    if (r > 0) {
                        imports.add(imported);
                        stamps.add(stamped);
                    }
                } finally {
                    deleteRecursively(out);
                }
            }
            check(written == views, "imported " + written + " of " + views + " views");
            print("import (catalog -> " + views + " classes)", imports, views);
            print("stamp head (" + views + " views compared)", stamps, views);
        }
        System.out.printf(Locale.ROOT, "%nLoad average at the end: %.2f%n", load());
    }

    /** Creates the views by hand and returns them as a revision would freeze them. */
    private static List<FrozenView> create(TestDatabase database, int count) throws SQLException {
        List<FrozenView> frozen = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA reporting");
            statement.execute("CREATE TABLE items (id integer PRIMARY KEY, grp integer NOT NULL, name text, "
                    + "price numeric(10,2), tags text[])");
            for (int i = 0; i < count; i++) {
                int group = i / 5;
                String sql;
                FrozenView view;
                switch (i % 5) {
                    case 0 -> {
                        sql = "SELECT id, name, price FROM items WHERE grp = " + group;
                        view = view(Optional.empty(), "items_" + group, sql, false);
                    }
                    case 1 -> {
                        sql = "SELECT id, upper(name) AS \"Name\" FROM items_" + group + " WHERE price > 10";
                        view = view(Optional.empty(), "Expensive " + group, sql, false);
                    }
                    case 2 -> {
                        sql = "SELECT grp, count(*) AS n FROM items WHERE grp = " + group + " GROUP BY grp";
                        view = view(Optional.of("reporting"), "counts_" + group, sql, false);
                    }
                    case 3 -> {
                        sql = "SELECT id, price, tags FROM items WHERE grp = " + group;
                        view = FrozenView.materializedView(ViewName.of("reporting", "prices_" + group), sql)
                                .withIndexes(FrozenIndex.uniqueOn("prices_" + group + "_id", "id"));
                    }
                    default -> {
                        sql = "SELECT id, price * 2 AS doubled FROM reporting.prices_" + group;
                        view = view(Optional.empty(), "doubled_" + group, sql, false);
                    }
                }
                String name = view.name().schema().map(s -> s + ".").orElse("") + quote(view.name().name());
                statement.execute("CREATE " + (view.materialized() ? "MATERIALIZED " : "") + "VIEW " + name
                        + " AS " + sql);
                for (FrozenIndex index : view.indexes()) {
                    statement.execute("CREATE UNIQUE INDEX " + index.name() + " ON " + name + " (id)");
                }
                frozen.add(view);
            }
        }
        return frozen;
    }

    private static FrozenView view(Optional<String> schema, String name, String sql, boolean materialized) {
        ViewName viewName = schema.map(s -> ViewName.of(s, name)).orElse(ViewName.of(name));
        return materialized ? FrozenView.materializedView(viewName, sql) : FrozenView.view(viewName, sql);
    }

    private static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : '"' + name + '"';
    }

    /** The one revision an import freezes, reduced to what stamp reads: the views after it. */
    private record Adopted(List<FrozenView> viewsAfter) implements Migration {
        @Override
        public String revision() {
            return "1";
        }

        @Override
        public String description() {
            return "adopt the existing views";
        }

        @Override
        public int checksum() {
            return viewsAfter.hashCode();
        }

        @Override
        public void upgrade(MigrationContext context) {
            throw new UnsupportedOperationException("stamped, never run");
        }

        @Override
        public void downgrade(MigrationContext context) {
            throw new UnsupportedOperationException("stamped, never run");
        }
    }

    private static void print(String operation, Samples samples, int views) {
        System.out.printf(Locale.ROOT, "%-40s median %8.1f ms  (min %.1f, max %.1f; %.2f ms per view)%n", operation,
                samples.medianMillis(), samples.minMillis(), samples.maxMillis(), samples.medianMillis() / views);
    }

    private static int option(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        String property = System.getProperty("benchmark." + name);
        return property == null ? fallback : Integer.parseInt(property);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
