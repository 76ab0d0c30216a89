package dev.viewmigrate.runtime;

import static dev.viewmigrate.runtime.RefreshTest.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ImportTest {
    /** Hand-made views of every shape import has to carry over. */
    static final List<String> HAND_MADE = List.of(
            "CREATE SCHEMA reporting",
            "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, active boolean NOT NULL DEFAULT true, "
                    + "tags text[] NOT NULL DEFAULT '{}', born date, seen timestamptz, uid uuid, score numeric(8,2))",
            "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users, "
                    + "amount numeric(10,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
            "CREATE VIEW active_users AS SELECT id, name, tags, born, seen, uid, score FROM users WHERE active",
            "COMMENT ON VIEW active_users IS 'Users who may log in; see */ and \\u0041'",
            // A view over a view, mixed-case and keyword columns, a quoted mixed-case name.
            "CREATE VIEW \"UserStats\" AS SELECT u.id AS \"userId\", u.name AS \"class\", count(o.id) AS \"Total\", "
                    + "'say \"\"\"hi\"\"\" \\ ' || u.name AS greeting "
                    + "FROM active_users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id, u.name",
            "CREATE VIEW safe_users WITH (security_invoker = true, check_option = local) AS "
                    + "SELECT id, name FROM users WHERE active",
            "CREATE MATERIALIZED VIEW reporting.totals WITH (fillfactor = 70) AS "
                    + "SELECT u.id AS user_id, u.tags, sum(o.amount) AS total, count(*) AS orders "
                    + "FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.id, u.tags",
            "CREATE UNIQUE INDEX totals_user ON reporting.totals (user_id)",
            "CREATE INDEX totals_tags ON reporting.totals USING gin (tags)",
            "CREATE INDEX totals_big ON reporting.totals (total DESC NULLS LAST) INCLUDE (orders) WHERE total > 100",
            "COMMENT ON MATERIALIZED VIEW reporting.totals IS 'per user'",
            "CREATE VIEW reporting.\"2024 größe\" AS SELECT user_id, total FROM reporting.totals",
            "CREATE VIEW extension_owned AS SELECT 1 AS one",
            "ALTER EXTENSION plpgsql ADD VIEW extension_owned");

    static void buildHandMade(TestDatabase db) throws Exception {
        execute(db, HAND_MADE.toArray(String[]::new));
    }

    private static ViewImporter.Builder importer(TestDatabase db, Path out) {
        return ViewImporter.builder().dataSource(db.dataSource()).packageName("com.example.views")
                .outputDirectory(out);
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void everyShape_oneEntityPerView_inDependencyOrder_extensionViewSkipped(TestDatabase db, @TempDir Path out)
            throws Exception {
        buildHandMade(db);

        ViewImporter.Result result = importer(db, out).schemas(List.of("public", "reporting")).build().importViews();

        assertEquals(List.of("public.active_users -> ActiveUsers", "public.UserStats -> UserStats",
                "public.safe_users -> SafeUsers", "reporting.totals -> Totals",
                "reporting.2024 größe -> View2024Größe"),
                result.imported().stream().map(v -> v.view() + " -> " + v.className()).toList());
        assertEquals(List.of(new ViewImporter.SkippedView("public.extension_owned",
                "owned by extension plpgsql, which creates and drops it")), result.skipped());
        assertEquals(List.of("public", "reporting"), result.schemas());
        assertEquals(false, result.hibernate(), "Hibernate is not on the runtime's test class path");
        Path dir = out.resolve("com/example/views");
        try (var files = Files.list(dir)) {
            assertEquals(5, files.count());
        }
        assertEquals("""
                package com.example.views;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Column;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Table;
                import java.math.BigDecimal;

                /**
                 * Materialized view {@code reporting.totals}, imported from the database by viewmigrate import.
                 * Its SQL is PostgreSQL's own rendering of the view ({@code pg_get_viewdef}).
                 */
                @Entity
                @Table(name = "totals", schema = "reporting")
                @View(
                        name = "totals",
                        schema = "reporting",
                        materialized = true,
                        sql = \"""
                            SELECT u.id AS user_id,
                                u.tags,
                                sum(o.amount) AS total,
                                count(*) AS orders
                               FROM users u
                                 JOIN orders o ON o.user_id = u.id
                              GROUP BY u.id, u.tags
                            \""",
                        indexes = {
                            @View.Index(name = "totals_big", columns = "total DESC NULLS LAST", where = "total > 100::numeric", include = "orders"),
                            @View.Index(name = "totals_tags", columns = "tags", using = "gin"),
                            @View.Index(name = "totals_user", columns = "user_id", unique = true)},
                        options = "fillfactor=70",
                        comment = "per user")
                public class Totals {
                    // @Id: unique index totals_user makes this column identify a row.
                    @Id
                    @Column(name = "user_id")
                    private Integer userId;

                    private String[] tags;

                    private BigDecimal total;

                    private Long orders;

                    public Integer getUserId() {
                        return userId;
                    }

                    public String[] getTags() {
                        return tags;
                    }

                    public BigDecimal getTotal() {
                        return total;
                    }

                    public Long getOrders() {
                        return orders;
                    }
                }
                """, read(dir.resolve("Totals.java")));
        String stats = read(dir.resolve("UserStats.java"));
        assertTrue(stats.contains("""
                @Table(name = "\\"UserStats\\"")
                @View(
                        name = "UserStats",
                        sql = \"""
                            SELECT u.id AS "userId",
                                u.name AS class,
                                count(o.id) AS "Total",
                                'say ""\\"hi""\\" \\\\ '::text || u.name AS greeting
                               FROM active_users u
                """), stats);
        assertTrue(stats.contains("""
                    @Id
                    @Column(name = "\\"userId\\"")
                    private Integer userId;

                    @Column(name = "class")
                    private String class_;

                    @Column(name = "\\"Total\\"")
                    private Long total;

                    private String greeting;
                """), stats);
        assertTrue(read(dir.resolve("SafeUsers.java")).contains(
                "        options = {\"security_invoker=true\", \"check_option=local\"})\n"));
        assertTrue(read(dir.resolve("ActiveUsers.java")).contains(
                "        comment = \"Users who may log in; see */ and \\\\u0041\")\n"));
        assertTrue(read(dir.resolve("View2024Größe.java")).contains(
                "@Table(name = \"\\\"2024 größe\\\"\", schema = \"reporting\")\n"));
    }

    @Test
    void defaultSchemas_areTheSearchPath_andItsFirstSchemaStaysUnqualified(TestDatabase db, @TempDir Path out)
            throws Exception {
        buildHandMade(db);
        execute(db, "ALTER DATABASE " + db.name() + " SET search_path = reporting, public");

        ViewImporter.Result result = importer(db, out).build().importViews();

        assertEquals(List.of("reporting", "public"), result.schemas());
        assertEquals(5, result.imported().size());
        String totals = read(out.resolve("com/example/views/Totals.java"));
        assertTrue(totals.contains("@Table(name = \"totals\")\n@View(\n        name = \"totals\",\n"
                + "        materialized = true,\n"), totals);
        assertTrue(read(out.resolve("com/example/views/ActiveUsers.java")).contains(
                "@Table(name = \"active_users\", schema = \"public\")"));
    }

    @Test
    void existingClasses_areRefused_writingNothing_unlessForced(TestDatabase db, @TempDir Path out) throws Exception {
        buildHandMade(db);
        Path dir = Files.createDirectories(out.resolve("com/example/views"));
        Files.writeString(dir.resolve("Totals.java"), "// mine");

        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> importer(db, out).schemas(List.of("public", "reporting")).build().importViews());

        assertEquals(ErrorCode.IMPORT_FAILED, e.code());
        assertEquals("Refusing to import into " + dir + ": 1 of the 5 classes to write already exist (Totals.java). "
                + "Nothing was written. import writes new classes; when these are an earlier import you want to "
                + "replace (their revision not frozen yet, or you will freeze the difference), run it again with "
                + "--force (ViewImporter.Builder.force(true)); otherwise import into another package.",
                e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertEquals("// mine", read(dir.resolve("Totals.java")));

        importer(db, out).schemas(List.of("public", "reporting")).force(true).build().importViews();

        assertTrue(read(dir.resolve("Totals.java")).startsWith("package com.example.views;"));
    }

    @Test
    void progress_everyNViews(TestDatabase db, @TempDir Path out) throws Exception {
        buildHandMade(db);
        List<String> lines = new ArrayList<>();

        importer(db, out).schemas(List.of("public", "reporting")).progress(lines::add, 2).build().importViews();

        assertEquals(List.of("Imported 2 of 5 views ...", "Imported 4 of 5 views ..."), lines);
    }

    @Test
    void hibernate_explicitly_addsImmutable(TestDatabase db, @TempDir Path out) throws Exception {
        buildHandMade(db);

        ViewImporter.Result result = importer(db, out).schemas(List.of("public")).hibernate(true).build()
                .importViews();

        assertEquals("asked for", result.hibernateReason());
        String source = read(out.resolve("com/example/views/SafeUsers.java"));
        assertTrue(source.contains("import org.hibernate.annotations.Immutable;\n"), source);
        assertTrue(source.contains("@Entity\n@Immutable\n@Table(name = \"safe_users\")\n"), source);
    }
}
