package dev.viewmigrate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated application with N {@code @View} JPA entities, as a team adopting viewmigrate would have them: every
 * entity is an {@code @Entity} with {@code @Table}, an {@code @Id} and {@code @Column} fields matching its view's
 * columns (so the processor's entity/view column check runs and passes), spread over packages of 100.
 *
 * <ul>
 *   <li>most views join three tables ({@code orders}, {@code customers}, {@code products}) with a filter;</li>
 *   <li>every 20th view reads the view before it and joins a table (views reading views: dependency order,
 *       dependents checks);</li>
 *   <li>every 50th view is materialized, an aggregate over two tables, with a unique and a plain index.</li>
 * </ul>
 *
 * <p>{@link #change(int)} applies revision k's small edit to one view, so that compiling after each edit freezes a
 * history of realistic revisions: a changed filter (a guarded {@code CREATE OR REPLACE}), an appended column on a
 * view that another view reads (a replace with dependents), and a changed materialized view (drop, recreate with its
 * indexes).
 */
final class EntityProject {
    static final String PACKAGE_PREFIX = "com.example.shop.views";

    private final int size;
    /** The filter value of each plain view whose filter was edited; the others use their number. */
    private final Map<Integer, Integer> filters = new TreeMap<>();
    /** Columns appended to a view by later revisions, in order. */
    private final Map<Integer, List<String>> extraColumns = new TreeMap<>();
    /** The sales channel of each materialized view whose SQL was edited. */
    private final Map<Integer, String> channels = new TreeMap<>();

    EntityProject(int size) {
        if (size < 50) {
            throw new IllegalArgumentException("at least 50 views are needed to have a materialized view, was "
                    + size);
        }
        this.size = size;
    }

    int size() {
        return size;
    }

    static boolean materialized(int view) {
        return view % 50 == 0;
    }

    static boolean readsView(int view) {
        return view % 20 == 0 && !materialized(view);
    }

    /**
     * Revision k's edit (k from 1): every 10th changes a materialized view's SQL, every 10th + 5 appends a column to
     * a view that the next view reads, the others change the filter of a plain view. Returns a one-line summary.
     */
    String change(int k) {
        if (k % 10 == 0) {
            int view = 50 * (1 + (k / 10 - 1) % (size / 50));
            channels.put(view, "web-" + k);
            return "materialized view " + viewName(view) + ": channel changed";
        }
        if (k % 10 == 5) {
            int view = 20 * (1 + (k / 10) % (size / 20)) - 1;
            extraColumns.computeIfAbsent(view, v -> new ArrayList<>()).add("extra_" + k);
            return "view " + viewName(view) + " (read by " + viewName(view + 1) + "): column extra_" + k + " added";
        }
        int view = 1 + (int) ((k * 37L) % size);
        while (readsView(view) || materialized(view)) {
            view = view % size + 1;
        }
        filters.put(view, 100_000 + k);
        return "view " + viewName(view) + ": filter changed";
    }

    static String viewName(int view) {
        return String.format(Locale.ROOT, "order_summary_%05d", view);
    }

    static String className(int view) {
        return String.format(Locale.ROOT, "OrderSummary%05d", view);
    }

    static String packageName(int view) {
        return PACKAGE_PREFIX + ".p" + ((view - 1) / 100);
    }

    /** Writes (or rewrites) every source file under {@code root}; returns their paths in view order. */
    List<Path> write(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int view = 1; view <= size; view++) {
            Path file = root.resolve(packageName(view).replace('.', '/')).resolve(className(view) + ".java");
            Files.createDirectories(file.getParent());
            String text = source(view);
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            files.add(file);
        }
        return files;
    }

    String source(int view) {
        if (materialized(view)) {
            return materializedSource(view);
        }
        List<String> extras = extraColumns.getOrDefault(view, List.of());
        StringBuilder extraSql = new StringBuilder();
        for (String extra : extras) {
            extraSql.append(",\n                   o.amount * ").append(extra.substring("extra_".length()))
                    .append(" AS ").append(extra);
        }
        String sql;
        if (readsView(view)) {
            sql = """
                    SELECT s.order_id, s.customer_id, s.customer_name, s.product_id, p.title AS product_title,
                           s.amount, s.created_at
                    FROM %s s
                    JOIN products p ON p.id = s.product_id
                    WHERE s.amount > %d""".formatted(viewName(view - 1), filters.getOrDefault(view, view));
        } else {
            sql = """
                    SELECT o.id AS order_id, c.id AS customer_id, c.name AS customer_name, p.id AS product_id,
                           p.title AS product_title, o.amount, o.created_at%s
                    FROM orders o
                    JOIN customers c ON c.id = o.customer_id
                    JOIN products p ON p.id = o.product_id
                    WHERE o.shop_id = %d AND o.status <> 'cancelled'""".formatted(extraSql,
                    filters.getOrDefault(view, view));
        }
        return """
                package %s;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Column;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Table;
                import java.math.BigDecimal;
                import java.time.OffsetDateTime;

                /** Orders of shop %d with their customer and product. */
                @Entity
                @Table(name = "%s")
                @View(sql = \"""
                %s
                        \""")
                public class %s {
                    @Id
                    @Column(name = "order_id")
                    private long orderId;

                    @Column(name = "customer_id")
                    private long customerId;

                    @Column(name = "customer_name")
                    private String customerName;

                    @Column(name = "product_title")
                    private String productTitle;

                    private BigDecimal amount;

                    @Column(name = "created_at")
                    private OffsetDateTime createdAt;

                    public long getOrderId() {
                        return orderId;
                    }

                    public long getCustomerId() {
                        return customerId;
                    }

                    public String getCustomerName() {
                        return customerName;
                    }

                    public String getProductTitle() {
                        return productTitle;
                    }

                    public BigDecimal getAmount() {
                        return amount;
                    }

                    public OffsetDateTime getCreatedAt() {
                        return createdAt;
                    }
                }
                """.formatted(packageName(view), view, viewName(view), sql.indent(8).stripTrailing(),
                className(view));
    }

    private String materializedSource(int view) {
        String sql = """
                SELECT r.id AS region_id, r.name AS region_name, SUM(o.amount) AS revenue, COUNT(*) AS order_count
                FROM orders o
                JOIN regions r ON r.id = o.region_id
                WHERE o.channel = '%s'
                GROUP BY r.id, r.name""".formatted(channels.getOrDefault(view, "store-" + view));
        return """
                package %s;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Column;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Table;
                import java.math.BigDecimal;

                /** Revenue per region for one sales channel, refreshed nightly. */
                @Entity
                @Table(name = "%s")
                @View(materialized = true, indexes = {
                        @View.Index(columns = "region_id", unique = true),
                        @View.Index(columns = {"revenue", "order_count"})
                }, sql = \"""
                %s
                        \""")
                public class %s {
                    @Id
                    @Column(name = "region_id")
                    private long regionId;

                    @Column(name = "region_name")
                    private String regionName;

                    private BigDecimal revenue;

                    @Column(name = "order_count")
                    private long orderCount;

                    public long getRegionId() {
                        return regionId;
                    }

                    public String getRegionName() {
                        return regionName;
                    }

                    public BigDecimal getRevenue() {
                        return revenue;
                    }

                    public long getOrderCount() {
                        return orderCount;
                    }
                }
                """.formatted(packageName(view), viewName(view), sql.indent(8).stripTrailing(), className(view));
    }
}
