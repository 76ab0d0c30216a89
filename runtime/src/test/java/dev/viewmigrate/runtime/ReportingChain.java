package dev.viewmigrate.runtime;

import static dev.viewmigrate.runtime.ViewMigration.creating;
import static dev.viewmigrate.runtime.ViewMigration.index;
import static dev.viewmigrate.runtime.ViewMigration.materialized;
import static dev.viewmigrate.runtime.ViewMigration.materializedWithNoData;
import static dev.viewmigrate.runtime.ViewMigration.unique;
import static dev.viewmigrate.runtime.ViewMigration.view;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The chain the refresh and verify tests share: tables, then views whose SQL PostgreSQL visibly rewrites, and
 * materialized views that read each other through a plain view, named so that alphabetical order is the wrong
 * refresh order ({@code a_ranks} reads {@code reporting.z_totals} through {@code big_spenders}).
 */
public final class ReportingChain {
    private ReportingChain() {}

    public static final ViewMigration TABLES = new ViewMigration("1", "create tables", List.of(
            "CREATE SCHEMA reporting",
            "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, active boolean NOT NULL DEFAULT true)",
            "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users, "
                    + "amount numeric(10,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"),
            List.of("DROP TABLE orders", "DROP TABLE users", "DROP SCHEMA reporting"), List.of(), List.of());

    /** Mixed-case keywords, implicit aliases, a {@code ::} cast, an outer join: PostgreSQL prints it differently. */
    public static final FrozenView USER_ORDERS = view("user_orders", """
            select U.id, U.name, count(O.id)::int order_count, Sum(o.amount) AS total, MIN(o.created_at) first_order
            FROM users u LEFT OUTER JOIN orders o ON o.user_id = u.id
            where u.active = TRUE GROUP BY U.id, U.name""");

    public static final FrozenView Z_TOTALS = materialized("reporting.z_totals", """
            SELECT user_id, sum(amount)::numeric(12,2) AS total, count(*) AS orders
            FROM orders GROUP BY user_id""", unique("z_totals_user", "user_id"));

    public static final FrozenView BIG_SPENDERS = view("big_spenders",
            "SELECT user_id, total FROM reporting.z_totals WHERE total > 100");

    /** Reads a materialized view through a plain view; no unique index, so it cannot be refreshed concurrently. */
    public static final FrozenView A_RANKS = materialized("a_ranks",
            "SELECT user_id, rank() OVER (ORDER BY total DESC) AS rank FROM big_spenders",
            index("a_ranks_rank", "rank"));

    /** Never populated until a plain refresh. */
    public static final FrozenView LAZY_COUNTS = materializedWithNoData("lazy_counts",
            "SELECT 1 AS id, count(*) AS orders FROM orders", unique("lazy_counts_id", "id"));

    public static final ViewMigration VIEWS = creating("2", "create reporting views", List.of(),
            USER_ORDERS, Z_TOTALS, BIG_SPENDERS, A_RANKS, LAZY_COUNTS);

    public static final MigrationCatalog CHAIN = () -> List.of(TABLES, VIEWS);

    public static ViewMigrator migrator(DataSource dataSource, MigrationCatalog catalog) {
        return ViewMigrator.builder().dataSource(dataSource).catalog(catalog).build();
    }

    /** Users 1 (big spender: 500) and 2 (50), inserted after the views were created, so they are stale. */
    public static void insertOrders(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'bob')");
            statement.execute("INSERT INTO orders (id, user_id, amount) VALUES (1, 1, 300), (2, 1, 200), "
                    + "(3, 2, 50)");
        }
    }
}
