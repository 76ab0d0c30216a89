package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.viewmigrate.processor.Databases.execute;
import static dev.viewmigrate.processor.Databases.migrator;
import static dev.viewmigrate.processor.Databases.snapshot;
import static dev.viewmigrate.processor.Databases.value;

import dev.viewmigrate.runtime.ViewImporter;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
/**
 * Inputs a demanding user writes, compiled with javac and the processor and applied on PostgreSQL (and SQLite), each
 * revision rolled back to the exact catalog and applied again, then checked with {@code verify}: SQL with every kind of
 * quoting and comment, identifiers that need quotes everywhere (or are at PostgreSQL's 63-byte limit), odd comments,
 * options and index definitions, histories that swap names, move schemas and switch materialized/plain, and a
 * {@code sqlResource} saved with a BOM and Windows line ends next to a 100 KB one.
 */
class AdversarialInputsIntegrationTest {
    private static final String SETUP = Compilations.handWrittenMigration("Setup", "tables",
            "CREATE TABLE t (id int PRIMARY KEY, parent int, name text, tags text[])",
            "DROP TABLE t");

    @TempDir
    Path root;

    /** The SQL as it goes into a Java text block. */
    static String java(String sql) {
        return sql.replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
    }

    static String view(String simpleName, String attributes, String sql) {
        return JavacProject.viewClass(simpleName, attributes, java(sql));
    }

    @Test
    void trickySql_createdReplacedInPlaceAndRecreated_withAReaderOnTop(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", SETUP);
        writeTricky(project, "");
        compileAndApply(project, "v1", db, 2);
        assertThat(value(db, "SELECT s || '|' || t FROM estr")).isEqualTo("a\\b;c'd|x';");
        assertThat(value(db, "SELECT s || '|' || t || '|' || u FROM dollar"))
                .isEqualTo("it's; -- no comment */ |;|$vm$ END; $vm1$");
        assertThat(value(db, "SELECT one || ',' || two FROM comments")).isEqualTo("1,2");
        assertThat(value(db, "SELECT sum(n) FROM recursive")).isEqualTo("15");
        assertThat(value(db, "SELECT count(*) FROM vals")).isEqualTo("2");
        assertThat(value(db, "SELECT sum(n) FROM srf")).isEqualTo("6");
        verify(db, "v1");

        writeTricky(project, ", 9 AS more"); // appended columns: CREATE OR REPLACE inside the DO block
        compileAndApply(project, "v2", db, 1);
        verify(db, "v2");
        assertThat(value(db, "SELECT s || '|' || more FROM estr")).isEqualTo("a\\b;c'd|9");

        writeTricky(project, ""); // dropped again: PostgreSQL refuses the replace, the views are recreated
        compileAndApply(project, "v3", db, 1);
        verify(db, "v3");
        assertThat(value(db, "SELECT s || '|' || t || '|' || u FROM dollar"))
                .isEqualTo("it's; -- no comment */ |;|$vm$ END; $vm1$");
        offlineScripts_matchTheOnlineUpgrade(db, "v3");
    }

    private static void writeTricky(JavacProject project, String extra) {
        project.write("Estr", view("Estr", "", "SELECT E'a\\\\b;c\\'d' AS s, 'x'';' AS t" + extra));
        project.write("Dollar", view("Dollar", "", "SELECT $q$it's; -- no comment */ $q$ AS s, $$;$$ AS t,"
                + " '$vm$ END; $vm1$' AS u" + extra + " -- trailing comment ; END"));
        project.write("Comments", view("Comments", "",
                "SELECT 1 AS one /* a ; b -- c /* nested */ still */ -- end */ ;\n, 2 AS two" + extra
                        + " -- trailing ;"));
        project.write("Recursive", view("Recursive", "", """
                WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5)
                SELECT n""" + extra + " FROM r"));
        project.write("Vals", view("Vals", "", "VALUES (1, 'a'" + extra.replace(" AS more", "") + "), (2, 'b'"
                + extra.replace(" AS more", "") + ")"));
        project.write("TableT", view("TableT", "", "TABLE t"));
        project.write("Lateral", view("Lateral", "", """
                SELECT t.id, x.tag, row_number() OVER (PARTITION BY t.id ORDER BY x.tag) AS rn,
                       sum(t.id) OVER w AS s""" + extra + """

                FROM t CROSS JOIN LATERAL unnest(t.tags) AS x(tag)
                WINDOW w AS (ORDER BY t.id)"""));
        project.write("Srf", view("Srf", "", "SELECT *" + extra + " FROM generate_series(1, 3) AS g(n)"));
        project.write("Tabs", view("Tabs", "", "SELECT\t1\tAS\ttab" + extra));
        project.write("Reader", view("Reader", "", """
                SELECT e.s, d.u, c.two, r.n, v.column1, l.rn, g.n AS g
                FROM estr e, dollar d, comments c, recursive r, vals v, "lateral" l, srf g, tabs, table_t"""));
    }

    /** {@code key = "value"} with the value escaped as a Java string literal. */
    static String attr(String key, String value) {
        return key + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static final String LONG = "n".repeat(63);
    static final String WIDE = "\u00e9".repeat(31) + "a";

    @Test
    void oddIdentifiers(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", Compilations.handWrittenMigration("Setup", "tables",
                "CREATE SCHEMA \\\"Odd \\\"\\\"Sch.ema$\\\"; CREATE SCHEMA other;"
                        + " CREATE TABLE t (id int PRIMARY KEY, name text, tags text[]);"
                        + " CREATE TABLE dup (id int PRIMARY KEY, name text); CREATE ROLE adv_reader",
                "DROP TABLE dup; DROP TABLE t; DROP SCHEMA other; DROP SCHEMA \\\"Odd \\\"\\\"Sch.ema$\\\";"
                        + " DROP ROLE adv_reader"));
        writeIdentifierViews(project, "");
        compileAndApply(project, "v1", db, 2);
        verify(db, "v1");
        assertThat(value(db, "SELECT count(*) FROM \"Odd \"\"Sch.ema$\".\"Mixed Case\"")).isEqualTo("0");
        assertThat(value(db, "SELECT \"from\" FROM \"select\"")).isEqualTo("1");
        execute(db, "INSERT INTO t VALUES (1, 'x', '{a,b}')",
                "GRANT SELECT ON \"Odd \"\"Sch.ema$\".\"Mixed Case\", \"select\", \"a\"\"b\", \"caf\u00e9_\u00fc\","
                        + " \"a$b\", " + LONG + ", \"" + WIDE + "\", other.dup, \"Quoted\", \"Odd \"\"Sch.ema$\".\"M V\""
                        + " TO adv_reader",
                "COMMENT ON VIEW \"Odd \"\"Sch.ema$\".\"Mixed Case\" IS 'it''s mine'",
                "COMMENT ON MATERIALIZED VIEW \"Odd \"\"Sch.ema$\".\"M V\" IS 'mat'",
                "COMMENT ON COLUMN \"a\"\"b\".\"x\"\"y\" IS 'col'");
        CatalogSnapshot granted = snapshot(db);
        writeIdentifierViews(project, ", 2 AS extra2");
        compileAndApply(project, "v2", db, 1);
        verify(db, "v2");
        writeIdentifierViews(project, "");
        compileAndApply(project, "v3", db, 1);
        verify(db, "v3");
        snapshot(db).filter(e -> !e.name().contains("viewmigrate")).assertSameAs(
                granted.filter(e -> !e.name().contains("viewmigrate")), "after v3");
        try (URLClassLoader loader = JavacProject.load(root.resolve("target/v3"))) {
            ViewMigrator migrator = migrator(db, loader);
            assertThat(migrator.refresh().refreshed()).hasSize(1);
            // Its only unique index is partial: CONCURRENTLY is explained, not attempted
            var refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> migrator.refresh(dev.viewmigrate.runtime.RefreshOptions.all().concurrently(true)));
            assertThat(refused).hasMessageThat().contains("M V");
            // the name as a refusal lists it can be typed back
            var unknown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> migrator.refresh(dev.viewmigrate.runtime.RefreshOptions.only("M W")));
            assertThat(unknown).hasMessageThat().contains("The managed materialized views are: \"Odd \"\"Sch.ema$\".M V.");
            assertThat(migrator.refresh(dev.viewmigrate.runtime.RefreshOptions.only("\"Odd \"\"Sch.ema$\".M V")
                    .concurrentlyWherePossible()).refreshed()).hasSize(1);
            migrator.downgrade("base");
            migrator.upgrade();
        }
    }

    void writeIdentifierViews(JavacProject project, String extra) {
        String odd = attr("schema", "Odd \"Sch.ema$");
        project.write("Mixed", view("Mixed", odd + ", " + attr("name", "Mixed Case"),
                "SELECT id, name" + extra + " FROM t"));
        project.write("Select", view("Select", attr("name", "select"), "SELECT 1 AS \"from\"" + extra));
        project.write("Quote", view("Quote", attr("name", "a\"b"), "SELECT 1 AS \"x\"\"y\"" + extra));
        project.write("Cafe", view("Cafe", attr("name", "caf\u00e9_\u00fc"), "SELECT 1 AS \u00fcber" + extra));
        project.write("Dollar", view("Dollar", attr("name", "a$b"), "SELECT 1 AS a$b" + extra));
        project.write("Long", view("Long", attr("name", LONG), "SELECT 1 AS " + LONG + extra));
        project.write("Wide", view("Wide", attr("name", WIDE), "SELECT 1 AS \"" + WIDE + "\"" + extra));
        project.write("OtherDup", view("OtherDup", "schema = \"other\", name = \"dup\"",
                "SELECT id, name" + extra + " FROM public.dup"));
        project.write("ReadsDup", view("ReadsDup", "", "SELECT id FROM dup"));
        project.write("ReadsOtherDup", view("ReadsOtherDup", "", "SELECT id FROM other.dup"));
        project.write("ReadsMixed", view("ReadsMixed", "",
                "SELECT m.id FROM \"Odd \"\"Sch.ema$\".\"Mixed Case\" m JOIN \"a\"\"b\" q ON true"));
        project.write("MatV", view("MatV", odd + ", " + attr("name", "M V") + ", materialized = true, indexes = {"
                + "@View.Index(name = \"M V by lower\", columns = \"lower(name)\"),"
                + "@View.Index(columns = \"tags\", using = \"gin\"),"
                + "@View.Index(name = \"M V uniq\", columns = \"id\", unique = true, where = \"id > 0\")}",
                "SELECT id, name, tags" + extra + " FROM t"));
        project.write("Quoted", """
                package com.example;

                import dev.viewmigrate.annotations.View;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Table;

                @Entity
                @Table(name = "\\"Quoted\\"")
                @View(sql = "SELECT id%s FROM t")
                public class Quoted {
                    @Id
                    Integer id;
                }
                """.formatted(extra));
    }


    @Test
    void histories(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", Compilations.handWrittenMigration("Setup", "tables",
                "CREATE SCHEMA s2; CREATE TABLE t (id int PRIMARY KEY, name text, n int)",
                "DROP TABLE t; DROP SCHEMA s2"));
        project.write("A", view("A", "name = \"x\"", "SELECT id, name FROM t"));
        project.write("B", view("B", "name = \"y\"", "SELECT id, n FROM t"));
        project.write("Base", view("Base", "", "SELECT id, name, n FROM t"));
        project.write("Top", view("Top", "", "SELECT id, name FROM base"));
        project.write("Top2", view("Top2", "", "SELECT b.id FROM base b JOIN top USING (id)"));
        project.write("Mv", view("Mv", "materialized = true, indexes = @View.Index(columns = \"id\", unique = true)",
                "SELECT id, n FROM t"));
        project.write("OnMv", view("OnMv", "", "SELECT id FROM mv"));
        project.write("Mover", view("Mover", "", "SELECT id FROM t"));
        compileAndApply(project, "v1", db, 2);
        CatalogSnapshot v1 = snapshot(db);
        verify(db, "v1");

        // swap names: each class now takes the other's name, with its own columns
        project.write("A", view("A", "name = \"y\"", "SELECT id, name FROM t"));
        project.write("B", view("B", "name = \"x\"", "SELECT id, n FROM t"));
        compileAndApply(project, "v2", db, 1);
        verify(db, "v2");
        assertThat(value(db, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 'x'::regclass AND attnum > 0")).isEqualTo("id,n");

        // matview becomes a plain view (with a reader), a view moves to another schema
        project.write("Mv", view("Mv", "", "SELECT id, n FROM t"));
        project.write("Mover", view("Mover", "schema = \"s2\"", "SELECT id FROM t"));
        compileAndApply(project, "v3", db, 1);
        verify(db, "v3");

        // and back; remove the view others depend on while changing those to not read it
        project.write("Mv", view("Mv", "materialized = true, indexes = @View.Index(columns = \"id\", unique = true)",
                "SELECT id, n FROM t"));
        project.delete("Base");
        project.write("Top", view("Top", "", "SELECT id, name FROM t"));
        project.write("Top2", view("Top2", "", "SELECT id FROM top"));
        compileAndApply(project, "v4", db, 1);
        verify(db, "v4");

        // the removed view comes back under the name of the top view, the top view takes another name
        project.write("Base", view("Base", "name = \"top\"", "SELECT id, name, n FROM t"));
        project.write("Top", view("Top", "name = \"top_new\"", "SELECT id, name FROM top"));
        project.write("Top2", view("Top2", "", "SELECT id FROM top_new"));
        compileAndApply(project, "v5", db, 1);
        verify(db, "v5");
        offlineScripts_matchTheOnlineUpgrade(db, "v5");

        CatalogSnapshot head = snapshot(db);
        try (URLClassLoader loader = JavacProject.load(root.resolve("target/v5"))) {
            ViewMigrator migrator = migrator(db, loader);
            migrator.downgrade("2");
            snapshot(db).assertSameAs(v1, "down to 2");
            migrator.downgrade("base");
            migrator.upgrade();
            snapshot(db).assertSameAs(head, "base and back");
        }
    }


    @Test
    void sqlResourceWithBomCrlfAndHugeSql(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", SETUP);
        Path resources = root.resolve("resources");
        Files.createDirectories(resources.resolve("sql"));
        Files.writeString(resources.resolve("sql/bom.sql"), "\uFEFFSELECT id,\r\n\tname\r\nFROM t;\r\n");
        StringBuilder huge = new StringBuilder("SELECT CASE n");
        for (int i = 1; huge.length() < 100_000; i++) {
            huge.append("\n  WHEN ").append(i).append(" THEN 'caf\u00e9 \u20ac ").append(i).append("'");
        }
        huge.append("\nEND AS c1\nFROM generate_series(1, 1) AS g(n)");
        Files.writeString(resources.resolve("sql/huge.sql"), huge);
        project.write("Bom", "package com.example;\n@dev.viewmigrate.annotations.View(sqlResource = \"sql/bom.sql\")\n"
                + "public class Bom {}\n");
        project.write("Huge", "package com.example;\n@dev.viewmigrate.annotations.View(sqlResource = \"sql/huge.sql\")\n"
                + "public class Huge {}\n");
        List<Path> sources;
        try (var files = Files.walk(project.sourceRoot())) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        project.compile("v1", sources, List.of(resources));
        try (URLClassLoader loader = JavacProject.load(root.resolve("target/v1"))) {
            migrator(db, loader).upgrade();
            var report = migrator(db, loader).verify();
            assertWithMessage("verify: %s", report).that(report.clean()).isTrue();
        }
        assertThat(value(db, "SELECT c1 FROM huge")).isEqualTo("caf\u00e9 \u20ac 1");
        project.compile("v2", sources, List.of(resources));
        try (var files = Files.list(project.snapshots())) {
            assertThat(files.count()).isEqualTo(2);
        }
    }


    @Test
    void sqliteOddNamesAndSql() throws Exception {
        JavacProject project = new JavacProject(root).option("-Aviewmigrate.dialect=sqlite");
        project.write("Setup", Compilations.handWrittenMigration("Setup", "tables",
                "CREATE TABLE t (id integer PRIMARY KEY, parent int, name text)", "DROP TABLE t"));
        writeSqliteViews(project, "");
        String url = "jdbc:sqlite:" + root.resolve("app.db");
        try (URLClassLoader loader = JavacProject.load(project.compileAll("v1"))) {
            ViewMigrator migrator = ViewMigrator.builder().url(url, null, null).classLoader(loader).backups(false)
                    .build();
            migrator.upgrade();
            var report = migrator.verify();
            assertWithMessage("verify: %s", report).that(report.clean()).isTrue();
        }
        writeSqliteViews(project, ", 2 AS more");
        try (URLClassLoader loader = JavacProject.load(project.compileAll("v2"))) {
            ViewMigrator migrator = ViewMigrator.builder().url(url, null, null).classLoader(loader).backups(false)
                    .build();
            migrator.upgrade();
            var report = migrator.verify();
            assertWithMessage("verify: %s", report).that(report.clean()).isTrue();
            migrator.downgrade("base");
            migrator.upgrade();
            report = migrator.verify();
            assertWithMessage("verify: %s", report).that(report.clean()).isTrue();
        }
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
                var rs = st.executeQuery("SELECT s FROM \"we\"\"ird view\"")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("it's; -- x");
        }
    }

    void writeSqliteViews(JavacProject project, String extra) {
        project.write("Weird", view("Weird", attr("name", "we\"ird view"), "SELECT 'it''s; -- x' AS s" + extra
                + " -- trailing ; comment"));
        project.write("Uni", view("Uni", attr("name", "caf\u00e9"), "SELECT [id], `name`" + extra + " FROM t"));
        project.write("Reader", view("Reader", "", "SELECT id FROM \"caf\u00e9\" JOIN \"we\"\"ird view\" ON 1"));
        project.write("Rec", view("Rec", "", """
                WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5)
                SELECT n, row_number() OVER (ORDER BY n DESC) AS rn""" + extra + " FROM r"));
        project.write("Vals", view("Vals", "", "VALUES (1, 'a'), (2, 'b')"));
    }


    @Test
    void oddCommentsOptionsAndIndexes(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", SETUP);
        writeCommented(project, "");
        compileAndApply(project, "v1", db, 2);
        verify(db, "v1");
        assertThat(value(db, "SELECT obj_description('\"Com mented\"'::regclass, 'pg_class')"))
                .isEqualTo(COMMENT);
        writeCommented(project, ", 2 AS more");
        compileAndApply(project, "v2", db, 1);
        verify(db, "v2");
        writeCommented(project, "");
        compileAndApply(project, "v3", db, 1);
        verify(db, "v3");
        assertThat(value(db, "SELECT obj_description('\"Com mented\"'::regclass, 'pg_class')"))
                .isEqualTo(COMMENT);
        offlineScripts_matchTheOnlineUpgrade(db, "v3");
    }

    static final String COMMENT = "it's \\ a \"q\" E'x' $$ \u00e9 \ud83d\ude00\nline 2 */ -- ;";

    void writeCommented(JavacProject project, String extra) {
        project.write("Commented", view("Commented", attr("name", "Com mented") + ", " + attr("comment", COMMENT)
                + ", materialized = true, options = \"fillfactor=70\", indexes = {"
                + "@View.Index(columns = {\"coalesce(name, 'it''s')\", \"\\\"Weird Col\\\"\"}, "
                + attr("where", "name <> 'a''b' AND \"Weird Col\" IS NOT NULL") + "),"
                + "@View.Index(columns = \"name text_pattern_ops\", include = \"id\")}",
                "SELECT id, name, id AS \"Weird Col\"" + extra + " FROM t"));
        project.write("Secure", view("Secure", "options = {\"security_barrier=true\", \"check_option=local\"}, "
                + attr("comment", COMMENT), "SELECT id, name" + extra + " FROM t WHERE id > 0"));
    }

    @Test
    void starsHiddenInCtesSubqueriesAndWholeRows_followAnAppendedColumn(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", SETUP);
        project.write("Base", view("Base", "", "SELECT id, name FROM t"));
        project.write("ViaCte", view("ViaCte", "", "WITH x AS (SELECT * FROM base) SELECT * FROM x"));
        project.write("ViaSub", view("ViaSub", "", "SELECT s.* FROM (SELECT b.* FROM base b) s"));
        project.write("WholeRow", view("WholeRow", "", "SELECT b AS r, row_to_json(b.*) AS j FROM base b"));
        compileAndApply(project, "v1", db, 2);
        project.write("Base", view("Base", "", "SELECT id, name, tags FROM t"));
        compileAndApply(project, "v2", db, 1);
        verify(db, "v2");
        try (URLClassLoader loader = JavacProject.load(root.resolve("target/v2"));
                TestDatabase fresh = TestDatabase.create()) {
            migrator(fresh, loader).upgrade();
            snapshot(db).assertSameAs(snapshot(fresh), "upgraded step by step vs upgrade head on an empty database");
        }
    }

    @Test
    void wholeRowReaderOfASideBySideMatview(TestDatabase db) throws Exception {
        JavacProject project = new JavacProject(root);
        project.write("Setup", SETUP);
        String mv = "materialized = true, rebuild = View.Rebuild.SIDE_BY_SIDE, "
                + "indexes = @View.Index(columns = \"id\", unique = true)";
        project.write("Mv", view("Mv", mv, "SELECT id, name FROM t"));
        project.write("WholeRow", view("WholeRow", "", "SELECT m AS r, m.id FROM mv m"));
        compileAndApply(project, "v1", db, 2);
        project.write("Mv", view("Mv", mv, "SELECT id, upper(name) AS name FROM t"));
        compileAndApply(project, "v2", db, 1);
        verify(db, "v2");
    }

    @Test
    void handMadeOddViews_importCompileStampVerify_andAnEmptyDatabaseGetsTheSameCatalog(TestDatabase db)
            throws Exception {
        String[] tables = {"CREATE SCHEMA \"Odd \"\"Sch.ema$\"",
            "CREATE TABLE t (id int PRIMARY KEY, name text, tags text[])"};
        execute(db, tables);
        execute(db,
                "CREATE VIEW \"Odd \"\"Sch.ema$\".\"a\"\"b */ c\" AS SELECT E'a\\\\b\\\\u0041 \\\\n' AS \"x\"\"y\","
                        + " $q$\"\"\" */ \\u000A$q$ AS class, 1 AS \"123abc\", 2 AS \"\u00fcber \u20ac\"",
                "COMMENT ON VIEW \"Odd \"\"Sch.ema$\".\"a\"\"b */ c\" IS 'ends a comment */ and \\u000A \"\"\" here'",
                "CREATE VIEW \"select\" AS SELECT t.id, x.tag, row_number() OVER (ORDER BY x.tag) AS \"Row\""
                        + " FROM t CROSS JOIN LATERAL unnest(t.tags) AS x(tag)",
                "CREATE MATERIALIZED VIEW \"Odd \"\"Sch.ema$\".\"M V\" AS SELECT id, lower(name) AS \"Lower Name\","
                        + " tags FROM t WITH NO DATA",
                "CREATE UNIQUE INDEX \"M V \"\"id\"\"\" ON \"Odd \"\"Sch.ema$\".\"M V\" (id) WHERE id > 0",
                "CREATE INDEX \"M V expr\" ON \"Odd \"\"Sch.ema$\".\"M V\" (coalesce(\"Lower Name\", 'it''s'))",
                "CREATE INDEX \"M V gin\" ON \"Odd \"\"Sch.ema$\".\"M V\" USING gin (tags)");
        JavacProject project = new JavacProject(root);
        ViewImporter.builder().dataSource(db.dataSource()).packageName("com.example.views")
                .outputDirectory(project.sourceRoot()).schemas(List.of("public", "Odd \"Sch.ema$")).hibernate(false)
                .build().importViews();
        Path v1 = project.compileAll("v1");
        try (URLClassLoader loader = JavacProject.load(v1)) {
            ViewMigrator migrator = migrator(db, loader);
            CatalogSnapshot handMade = snapshot(db);
            assertThat(migrator.stamp("head", false).checked()).isTrue();
            var report = migrator.verify();
            assertWithMessage("%s", report).that(report.clean()).isTrue();
            handMade.assertSameAs(snapshot(db).without("public.viewmigrate_history"), "stamp head");
            try (TestDatabase empty = TestDatabase.create()) {
                execute(empty, tables);
                migrator(empty, loader).upgrade();
                snapshot(db).assertSameAs(snapshot(empty), "upgrade head on an empty database");
            }
        }
    }

    /**
     * The offline scripts of the compiled chain, run with psql on a fresh database: upgrade from base to head gives
     * the catalog the online upgrade gave {@code online}, and the downgrade script from head to revision 1 (after
     * which only the hand-written setup is left) then the upgrade from 1 give it again.
     */
    void offlineScripts_matchTheOnlineUpgrade(TestDatabase online, String output) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "psql"))), "psql on the PATH");
        try (URLClassLoader loader = JavacProject.load(root.resolve("target/" + output));
                TestDatabase offline = TestDatabase.create()) {
            ViewMigrator migrator = migrator(online, loader);
            psql(offline, migrator.upgradeSql(null, "head"));
            CatalogSnapshot expected = snapshot(online);
            snapshot(offline).assertSameAs(expected, output + ": offline upgrade script");
            psql(offline, migrator.downgradeSql(null, "1"));
            psql(offline, migrator.upgradeSql("1", "head"));
            snapshot(offline).assertSameAs(expected, output + ": offline downgrade and upgrade scripts");
        }
    }

    static void psql(TestDatabase db, String script) throws Exception {
        Path file = Files.createTempFile("adversarial", ".sql");
        try {
            Files.writeString(file, script);
            java.net.URI uri = java.net.URI.create(db.url().substring("jdbc:".length()));
            ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                    "-U", db.user(), "-d", uri.getPath().substring(1), "-f", file.toString())
                    .redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", db.password());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertWithMessage("psql:\n%s", out).that(process.waitFor()).isEqualTo(0);
        } finally {
            Files.delete(file);
        }
    }

    void verify(TestDatabase db, String output) throws Exception {
        try (URLClassLoader loader = JavacProject.load(root.resolve("target/" + output))) {
            var report = migrator(db, loader).verify();
            assertWithMessage("verify: %s", report).that(report.clean()).isTrue();
        }
    }

    /** Compiles everything, applies what is new and checks that it rolls back exactly, revision by revision. */
    static void compileAndApply(JavacProject project, String output, TestDatabase db, int expectedNew)
            throws Exception {
        try (URLClassLoader loader = JavacProject.load(project.compileAll(output))) {
            ViewMigrator migrator = migrator(db, loader);
            int applied = migrator.history().size();
            assertWithMessage("%s: new revisions", output).that(migrator.migrations().size() - applied)
                    .isEqualTo(expectedNew);
            if (applied == 0 && expectedNew > 0) {
                migrator.upgrade("+1");
                migrator.downgrade("base");
            }
            for (int i = 0; i < expectedNew; i++) {
                CatalogSnapshot before = snapshot(db);
                migrator.upgrade("+1");
                CatalogSnapshot after = snapshot(db);
                migrator.downgrade("-1");
                snapshot(db).assertSameAs(before, output + ": after the downgrade");
                migrator.upgrade("+1");
                snapshot(db).assertSameAs(after, output + ": after upgrading again");
            }
        }
    }
}
