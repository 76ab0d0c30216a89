package dev.viewmigrate.benchmarks;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.GeneratedMigration;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.testdb.TestDatabase;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table change under many managed views (issue 11): a hand-written revision retypes {@code accounts.username}
 * under 100 managed views, of which 10 read that column (8 plain views, 2 materialized views with a unique index)
 * and 5 more read those; the 85 others read other columns or another table. Prints how many views the upgrade
 * created again (it must be those 15: the OIDs of the other 85 do not change) and its time, beside the plain
 * {@code ALTER TABLE} on the same tables without any view, the same revision retyping a column no view reads (the
 * cost of an upgrade run itself), and the downgrade (the same in reverse).
 *
 * <pre>{@code java -cp ... dev.viewmigrate.benchmarks.TableChangeBenchmark [--rows=10000] [--repetitions=5]}</pre>
 */
public final class TableChangeBenchmark {
    private static final String UP = "ALTER TABLE accounts ALTER COLUMN %s TYPE varchar(200)";
    private static final String DOWN = "ALTER TABLE accounts ALTER COLUMN %s TYPE varchar(50)";
    private static final int READERS = 10;
    private static final int DEPENDENTS = 5;
    private static final int VIEWS = 100;

    private TableChangeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = option(args, "rows", 10_000);
        int repetitions = option(args, "repetitions", 5);
        System.out.printf(Locale.ROOT, "viewmigrate TableChangeBenchmark: a column retype under %d managed views "
                + "(%d read the column, %d read those), %d rows, %d repetitions (+1 warm-up)%n"
                + "Java %s, %d CPUs, load average at start: %.2f%n%n", VIEWS, READERS, DEPENDENTS, rows,
                repetitions, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load());
        Samples plain = new Samples();
        Samples upgrades = new Samples();
        Samples downgrades = new Samples();
        Samples unread = new Samples();
        int recreated = -1;
        try (TestDatabase bare = TestDatabase.create(); TestDatabase managed = TestDatabase.create();
                TestDatabase reference = TestDatabase.create()) {
            tables(bare, rows);
            tables(managed, rows);
            tables(reference, rows);
            List<FrozenView> views = views();
            List<Migration> chain = List.of(new Create(views), new Retype("username"));
            ViewMigrator migrator = ViewMigrator.builder().dataSource(managed.dataSource()).catalog(() -> chain)
                    .build();
            migrator.upgrade("1");
            List<Migration> unreadChain = List.of(new Create(views), new Retype("note"));
            ViewMigrator unreadMigrator = ViewMigrator.builder().dataSource(reference.dataSource())
                    .catalog(() -> unreadChain).build();
            unreadMigrator.upgrade("1");
            for (int r = 0; r <= repetitions; r++) {
                long plainTime = plainAlter(bare);
                long start0 = System.nanoTime();
                unreadMigrator.upgrade("head");
                long unreadTime = System.nanoTime() - start0;
                unreadMigrator.downgrade("1");
                Map<String, Long> before = oids(managed);
                long start = System.nanoTime();
                migrator.upgrade("head");
                long up = System.nanoTime() - start;
                Map<String, Long> after = oids(managed);
                check(after.keySet().equals(before.keySet()), "views after the upgrade: " + after.keySet());
                int changed = (int) before.keySet().stream().filter(v -> !before.get(v).equals(after.get(v))).count();
                check(recreated < 0 || changed == recreated, "recreated " + changed + ", before " + recreated);
                recreated = changed;
                start = System.nanoTime();
                migrator.downgrade("1");
                long down = System.nanoTime() - start;
                if (r > 0) {
                    plain.add(plainTime);
                    upgrades.add(up);
                    downgrades.add(down);
                    unread.add(unreadTime);
                }
            }
            check(migrator.verify().clean(), "verify after the runs: " + migrator.verify());
        }
        System.out.printf(Locale.ROOT, "%nviewmigrate TableChangeBenchmark: %d views, %d rows, %d repetitions%n",
                VIEWS, rows, repetitions);
        System.out.printf(Locale.ROOT, "views created again by the upgrade: %d of %d (expected %d)%n%n", recreated,
                VIEWS, READERS + DEPENDENTS);
        print("plain ALTER, no views", plain);
        print("viewmigrate upgrade, no view reads it", unread);
        print("viewmigrate upgrade, 100 views", upgrades);
        print("viewmigrate downgrade, 100 views", downgrades);
        System.out.printf(Locale.ROOT, "%nLoad average at the end: %.2f%n", load());
        check(recreated == READERS + DEPENDENTS, "recreated " + recreated + " views, expected "
                + (READERS + DEPENDENTS));
    }

    private static void tables(TestDatabase database, int rows) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id int PRIMARY KEY, grp int NOT NULL, username varchar(50)"
                    + " NOT NULL, email text, note varchar(50))");
            statement.execute("CREATE TABLE orders (id int PRIMARY KEY, account_id int NOT NULL, total numeric)");
            statement.execute("INSERT INTO accounts SELECT n, n % 100, 'user' || n, 'u' || n || '@example.com', 'n' "
                    + "FROM generate_series(1, " + rows + ") n");
            statement.execute("INSERT INTO orders SELECT n, n % " + rows + " + 1, n % 97 FROM generate_series(1, "
                    + rows + ") n");
            statement.execute("ANALYZE");
        }
    }

    /** The 100 views, readers of readers after what they read. */
    private static List<FrozenView> views() {
        List<FrozenView> views = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            String sql = "SELECT id, username FROM accounts WHERE grp = " + i;
            views.add(i < 2
                    ? FrozenView.materializedView(ViewName.of("names_" + i), sql)
                            .withIndexes(FrozenIndex.uniqueOn("names_" + i + "_id", "id"))
                    : FrozenView.view(ViewName.of("names_" + i), sql));
        }
        for (int i = 0; i < DEPENDENTS; i++) {
            views.add(FrozenView.view(ViewName.of("shouted_" + i),
                    "SELECT id, upper(username) AS shout FROM names_" + (i + 2)));
        }
        for (int i = 0; views.size() < VIEWS; i++) {
            views.add(FrozenView.view(ViewName.of("other_" + i), i % 2 == 0
                    ? "SELECT id, email FROM accounts WHERE grp = " + i
                    : "SELECT account_id, sum(total) AS total FROM orders WHERE account_id % 100 = " + i
                            + " GROUP BY account_id"));
        }
        return views;
    }

    private static long plainAlter(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            statement.execute(UP.formatted("username"));
            connection.commit();
            long elapsed = System.nanoTime() - start;
            statement.execute(DOWN.formatted("username"));
            connection.commit();
            return elapsed;
        }
    }

    private static Map<String, Long> oids(TestDatabase database) throws SQLException {
        Map<String, Long> oids = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT relname, oid::bigint FROM pg_class WHERE relkind IN "
                        + "('v', 'm') AND relnamespace = 'public'::regnamespace")) {
            while (rows.next()) {
                oids.put(rows.getString(1), rows.getLong(2));
            }
        }
        return oids;
    }

    /** Revision 1: the 100 views, as the processor generates a revision creating them. */
    private static final class Create extends GeneratedMigration {
        private final List<FrozenView> views;

        Create(List<FrozenView> views) {
            super("1", "create 100 views", 1, views, List.of());
            this.views = views;
        }

        @Override
        public void upgrade(MigrationContext context) throws Exception {
            context.views().create(views);
        }

        @Override
        public void downgrade(MigrationContext context) throws Exception {
            List<FrozenView> reversed = new ArrayList<>(views);
            java.util.Collections.reverse(reversed);
            context.views().checkDependents(reversed);
            context.views().drop(reversed);
        }
    }

    /** Revision 2: the hand-written retype; nothing in it names a view. */
    private static final class Retype implements Migration {
        private final String column;

        Retype(String column) {
            this.column = column;
        }

        @Override
        public String revision() {
            return "2";
        }

        @Override
        public String description() {
            return "widen " + column;
        }

        @Override
        public int checksum() {
            return (UP + DOWN + column).hashCode();
        }

        @Override
        public void upgrade(MigrationContext context) throws Exception {
            context.execute(UP.formatted(column));
        }

        @Override
        public void downgrade(MigrationContext context) throws Exception {
            context.execute(DOWN.formatted(column));
        }
    }

    private static void print(String operation, Samples samples) {
        System.out.printf(Locale.ROOT, "%-40s median %8.1f ms  (min %.1f, max %.1f)%n", operation,
                samples.medianMillis(), samples.minMillis(), samples.maxMillis());
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
}
