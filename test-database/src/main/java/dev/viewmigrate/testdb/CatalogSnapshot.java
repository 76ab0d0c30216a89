package dev.viewmigrate.testdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * What the user-visible schema of a PostgreSQL database looks like, as an immutable value that compares and prints
 * well: two databases with equal snapshots hold the same schema objects, and {@link #diff} says in a few lines what
 * differs. Meant for tests that round-trip migrations (upgrade, downgrade, upgrade) and must prove that the catalog
 * came back exactly.
 *
 * <pre>{@code
 * CatalogSnapshot before = CatalogSnapshot.capture(connection);
 * migrator.upgrade("+1");
 * migrator.downgrade("-1");
 * before.assertSameAs(CatalogSnapshot.capture(connection).without("public.viewmigrate_history"),
 *         "downgrade of revision 2");
 * }</pre>
 *
 * <p>Covered, for every schema except {@code pg_catalog}, {@code information_schema} and the toast/temporary ones,
 * and leaving out objects that belong to an extension (they come and go with the extension):
 * <ul>
 *   <li>schemas: owner, ACL, comment; installed extensions and their versions;</li>
 *   <li>relations (tables, views, materialized views, sequences, partitioned and foreign tables, composite types):
 *       kind, owner, ACL ({@code relacl}), comment, storage options ({@code reloptions}, e.g. a view's
 *       {@code security_barrier}), unlogged, whether a materialized view is populated; a sequence's parameters;</li>
 *   <li>columns, by name: position among the live columns (a dropped column leaves no trace), type with modifiers,
 *       collation when not the type's, {@code NOT NULL}, default, identity, generation expression, comment, column
 *       ACL;</li>
 *   <li>view and materialized view definitions ({@code pg_get_viewdef(oid, true)});</li>
 *   <li>indexes ({@code pg_get_indexdef}, the text {@code pg_indexes.indexdef} shows) and their comments;</li>
 *   <li>table constraints ({@code pg_get_constraintdef}) and their comments;</li>
 *   <li>rules other than a view's own {@code _RETURN} rule, and user triggers (e.g. {@code INSTEAD OF} triggers on
 *       views), with their enabled state;</li>
 *   <li>functions and procedures: full definition ({@code pg_get_functiondef}), owner, ACL, comment; aggregates by
 *       signature and result type;</li>
 *   <li>enum, domain and range types.</li>
 * </ul>
 * Not covered: data, statistics, policies, publications, default privileges, tablespaces, object OIDs.
 *
 * <p>Names appear unquoted, exactly as PostgreSQL stores them; a relation's name is {@code schema.relation}.
 *
 * @param entries the schema objects, sorted by {@link Entry#ORDER}
 */
public record CatalogSnapshot(List<Entry> entries) {
    private static final String USER_SCHEMA = "NOT IN ('pg_catalog', 'information_schema') "
            + "AND %1$s NOT LIKE 'pg\\_toast%%' AND %1$s NOT LIKE 'pg\\_temp\\_%%' "
            + "AND %1$s NOT LIKE 'pg\\_toast\\_temp\\_%%'";

    /** The kinds of schema objects, in the order they are listed for one name. */
    public enum Kind {
        SCHEMA("schema"),
        EXTENSION("extension"),
        TYPE("type"),
        RELATION("relation"),
        COLUMN("column"),
        DEFINITION("definition"),
        INDEX("index"),
        CONSTRAINT("constraint"),
        RULE("rule"),
        TRIGGER("trigger"),
        FUNCTION("function");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One schema object.
     *
     * @param kind   what it is
     * @param name   the object's name: a schema or extension name; {@code schema.relation} for a relation and
     *               everything on it (columns, definition, indexes, constraints, rules, triggers);
     *               {@code schema.function(argument types)} for a function; {@code schema.type} for a type
     * @param member for objects that live on a relation: the column, index, constraint, rule or trigger name; else
     *               empty
     * @param detail everything compared about the object, e.g. a column's {@code #2 text not null comment=...}; may
     *               span several lines (view definitions, function bodies)
     */
    public record Entry(Kind kind, String name, String member, String detail) {
        /** Sorted by name, then kind, then member: everything about one relation is listed together. */
        public static final Comparator<Entry> ORDER = Comparator.comparing(Entry::name)
                .thenComparing(Entry::kind)
                .thenComparing(Entry::member);

        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(detail, "detail");
        }

        /** Which object this is, without its detail: e.g. {@code column email of public.active_users}. */
        public String identity() {
            return switch (kind) {
                case DEFINITION -> "definition of " + name;
                case COLUMN, INDEX, CONSTRAINT, RULE, TRIGGER -> kind.label() + " " + member + " of " + name;
                default -> kind.label() + " " + name;
            };
        }

        boolean sameObjectAs(Entry other) {
            return kind == other.kind && name.equals(other.name) && member.equals(other.member);
        }

        @Override
        public String toString() {
            return identity() + ": " + detail;
        }
    }

    /** One object that the two snapshots of a {@link #differences comparison} do not hold alike. */
    public record Difference(Optional<Entry> expected, Optional<Entry> actual) {
        public Difference {
            if (expected.isEmpty() && actual.isEmpty()) {
                throw new IllegalArgumentException("a difference needs at least one side");
            }
        }

        /** Which object differs, e.g. {@code column email of public.active_users}. */
        public String identity() {
            return expected.orElseGet(actual::orElseThrow).identity();
        }
    }

    public CatalogSnapshot {
        List<Entry> sorted = new ArrayList<>(entries);
        // The detail breaks ties only for hand-made input with two entries for one object; captures have none.
        sorted.sort(Entry.ORDER.thenComparing(Entry::detail));
        entries = List.copyOf(sorted);
    }

    /** Captures the schema of the database that {@code database} names (opens and closes a connection). */
    public static CatalogSnapshot capture(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            return capture(connection);
        }
    }

    /**
     * Captures the schema of the database {@code connection} is connected to. Read-only: issues only catalog
     * queries, in the connection's current transaction state (it neither commits nor rolls back).
     */
    public static CatalogSnapshot capture(Connection connection) throws SQLException {
        Map<Kind, String> queries = new EnumMap<>(Kind.class);
        queries.put(Kind.SCHEMA, "SELECT n.nspname, '', concat_ws(' ', "
                + "'owner=' || pg_get_userbyid(n.nspowner), 'acl=' || n.nspacl::text, "
                + "'comment=' || obj_description(n.oid, 'pg_namespace')) "
                + "FROM pg_namespace n WHERE " + userSchema("n.nspname") + notInExtension("pg_namespace", "n.oid"));
        queries.put(Kind.EXTENSION, "SELECT e.extname, '', 'version ' || e.extversion || ' in schema '"
                + " || n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                + "WHERE e.extname <> 'plpgsql'");
        // NOT NULL is listed as an attribute (typnotnull, attnotnull): newer servers also record it as a constraint
        // (contype 'n': domains since 17, tables since 18), which would make one schema look different per version.
        queries.put(Kind.TYPE, "SELECT n.nspname || '.' || t.typname, '', concat_ws(' ', "
                + "CASE t.typtype "
                + "  WHEN 'e' THEN 'enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' "
                + "      ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')' "
                + "  WHEN 'd' THEN 'domain over ' || format_type(t.typbasetype, t.typtypmod) "
                + "      || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END "
                + "      || coalesce(' default ' || t.typdefault, '') "
                + "      || coalesce((SELECT ' ' || string_agg(c.conname || ' ' || pg_get_constraintdef(c.oid), ' ' "
                + "          ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid "
                + "          AND c.contype <> 'n'), '') "
                + "  WHEN 'r' THEN 'range of ' || (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r "
                + "      WHERE r.rngtypid = t.oid) "
                + "END, 'owner=' || pg_get_userbyid(t.typowner), 'acl=' || t.typacl::text, "
                + "'comment=' || obj_description(t.oid, 'pg_type')) "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE t.typtype IN ('e', 'd', 'r') AND " + userSchema("n.nspname")
                + notInExtension("pg_type", "t.oid"));
        queries.put(Kind.RELATION, "SELECT n.nspname || '.' || c.relname, '', concat_ws(' ', "
                + "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
                + "  WHEN 'S' THEN 'sequence' WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table' "
                + "  WHEN 'c' THEN 'composite type' END, "
                + "CASE WHEN c.relpersistence = 'u' THEN 'unlogged' END, "
                + "CASE WHEN c.relkind = 'm' THEN CASE WHEN c.relispopulated THEN 'populated' ELSE 'not populated' "
                + "  END END, "
                + "'owner=' || pg_get_userbyid(c.relowner), 'acl=' || c.relacl::text, "
                + "'options=' || array_to_string(c.reloptions, ','), "
                + "(SELECT concat_ws(' ', 'as ' || format_type(s.seqtypid, NULL), 'start ' || s.seqstart, "
                + "   'increment ' || s.seqincrement, 'min ' || s.seqmin, 'max ' || s.seqmax, 'cache ' || s.seqcache, "
                + "   CASE WHEN s.seqcycle THEN 'cycle' END) FROM pg_sequence s WHERE s.seqrelid = c.oid), "
                + "(SELECT 'owned by ' || tn.nspname || '.' || t.relname || '.' || a.attname FROM pg_depend d "
                + "   JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace "
                + "   JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                + "   WHERE c.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = c.oid "
                + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1), "
                + "'comment=' || obj_description(c.oid, 'pg_class')) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'v', 'm', 'S', 'p', 'f', 'c') AND " + userSchema("n.nspname")
                + notInExtension("pg_class", "c.oid"));
        // Position among the live columns, not attnum: a dropped column leaves a hole in attnum forever, and a table
        // whose column was dropped and re-added is the same schema as one created with it.
        queries.put(Kind.COLUMN, "SELECT n.nspname || '.' || c.relname, a.attname, concat_ws(' ', "
                + "'#' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), "
                + "format_type(a.atttypid, a.atttypmod), "
                + "CASE WHEN a.attcollation <> t.typcollation THEN 'collate ' || quote_ident(co.collname) END, "
                + "CASE WHEN a.attnotnull THEN 'not null' END, "
                + "CASE WHEN a.attgenerated = 's' THEN 'generated always as (' || pg_get_expr(d.adbin, d.adrelid) "
                + "  || ') stored' ELSE 'default ' || pg_get_expr(d.adbin, d.adrelid) END, "
                + "CASE a.attidentity WHEN 'a' THEN 'generated always as identity' "
                + "  WHEN 'd' THEN 'generated by default as identity' END, "
                + "'acl=' || a.attacl::text, 'comment=' || col_description(c.oid, a.attnum)) "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND "
                + userSchema("n.nspname") + notInExtension("pg_class", "c.oid"));
        queries.put(Kind.DEFINITION, "SELECT n.nspname || '.' || c.relname, '', "
                + "pg_get_viewdef(c.oid, true) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('v', 'm') AND " + userSchema("n.nspname") + notInExtension("pg_class", "c.oid"));
        queries.put(Kind.INDEX, "SELECT n.nspname || '.' || t.relname, ic.relname, concat_ws(' ', "
                + "pg_get_indexdef(i.indexrelid), 'comment=' || obj_description(i.indexrelid, 'pg_class')) "
                + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE " + userSchema("n.nspname")
                + notInExtension("pg_class", "t.oid"));
        queries.put(Kind.CONSTRAINT, "SELECT n.nspname || '.' || t.relname, co.conname, "
                + "concat_ws(' ', pg_get_constraintdef(co.oid), 'comment=' || obj_description(co.oid, "
                + "'pg_constraint')) FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE co.contype <> 'n' AND " + userSchema("n.nspname") + notInExtension("pg_class", "t.oid"));
        queries.put(Kind.RULE, "SELECT n.nspname || '.' || c.relname, r.rulename, concat_ws(' ', "
                + "pg_get_ruledef(r.oid, true), "
                + "CASE WHEN r.ev_enabled <> 'O' THEN 'enabled=' || r.ev_enabled::text END) "
                + "FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE r.rulename <> '_RETURN' AND " + userSchema("n.nspname") + notInExtension("pg_class", "c.oid"));
        queries.put(Kind.TRIGGER, "SELECT n.nspname || '.' || c.relname, tg.tgname, concat_ws(' ', "
                + "pg_get_triggerdef(tg.oid, true), "
                + "CASE WHEN tg.tgenabled <> 'O' THEN 'enabled=' || tg.tgenabled::text END, "
                + "'comment=' || obj_description(tg.oid, 'pg_trigger')) "
                + "FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE NOT tg.tgisinternal AND " + userSchema("n.nspname") + notInExtension("pg_class", "c.oid"));
        // pg_get_functiondef refuses aggregates; CASE keeps it from being called for them.
        queries.put(Kind.FUNCTION, "SELECT n.nspname || '.' || p.proname || '(' "
                + "|| pg_get_function_identity_arguments(p.oid) || ')', '', concat_ws(' ', "
                + "CASE p.prokind WHEN 'a' THEN 'aggregate returns ' || format_type(p.prorettype, NULL) END, "
                + "'owner=' || pg_get_userbyid(p.proowner), 'acl=' || p.proacl::text, "
                + "'comment=' || obj_description(p.oid, 'pg_proc')) "
                + "|| CASE WHEN p.prokind <> 'a' THEN E'\\n' || rtrim(pg_get_functiondef(p.oid), E'\\n') ELSE '' END "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + userSchema("n.nspname")
                + notInExtension("pg_proc", "p.oid"));
        // One round trip: a snapshot is taken before and after every step of a round trip, so it must be cheap.
        StringBuilder union = new StringBuilder();
        queries.forEach((kind, sql) -> union.append(union.isEmpty() ? "" : "\nUNION ALL\n")
                .append("SELECT '").append(kind.name()).append("', q.* FROM (").append(sql).append(") q"));
        List<Entry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(union.toString())) {
            while (rows.next()) {
                entries.add(new Entry(Kind.valueOf(rows.getString(1)), rows.getString(2), rows.getString(3),
                        rows.getString(4)));
            }
        } catch (SQLException e) {
            throw new SQLException("Capturing the catalog snapshot failed: " + e.getMessage(), e.getSQLState(), e);
        }
        return new CatalogSnapshot(entries);
    }

    private static String userSchema(String column) {
        return column + " " + String.format(USER_SCHEMA, column);
    }

    private static String notInExtension(String catalog, String oid) {
        return " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '" + catalog + "'::regclass "
                + "AND x.objid = " + oid + " AND x.deptype = 'e')";
    }

    /**
     * This snapshot without the given objects and everything on them: pass {@code schema.relation} to leave out a
     * relation with its columns, indexes, constraints, rules and triggers (e.g. the history table of the migration
     * tool, which exists after a downgrade to base but not before the first upgrade); pass a schema name to leave
     * out only that schema's own entry (not what it contains).
     */
    public CatalogSnapshot without(String... names) {
        Set<String> excluded = new HashSet<>(Arrays.asList(names));
        return filter(entry -> !excluded.contains(entry.name()));
    }

    /** This snapshot with only the entries {@code keep} accepts. */
    public CatalogSnapshot filter(Predicate<Entry> keep) {
        return new CatalogSnapshot(entries.stream().filter(keep).toList());
    }

    /** The entries about one object ({@code schema.relation}, a schema, {@code schema.function(args)}). */
    public List<Entry> entriesOf(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).toList();
    }

    /** The entry of one object, e.g. {@code find(Kind.COLUMN, "public.active_users", "email")}. */
    public Optional<Entry> find(Kind kind, String name, String member) {
        return entries.stream()
                .filter(entry -> entry.kind() == kind && entry.name().equals(name) && entry.member().equals(member))
                .findFirst();
    }

    /** Whether relation {@code schema.relation} (table, view, materialized view, sequence, ...) exists. */
    public boolean hasRelation(String qualifiedName) {
        return find(Kind.RELATION, qualifiedName, "").isPresent();
    }

    /**
     * The objects that differ between this snapshot (expected) and {@code actual}, in {@link Entry#ORDER}: present on
     * one side only, or present on both with another detail. Empty exactly when the snapshots are equal.
     */
    public List<Difference> differences(CatalogSnapshot actual) {
        Map<String, Entry[]> byObject = new LinkedHashMap<>();
        TreeSet<Entry> order = new TreeSet<>(Entry.ORDER);
        for (Entry entry : entries) {
            order.add(entry);
            byObject.computeIfAbsent(key(entry), k -> new Entry[2])[0] = entry;
        }
        for (Entry entry : actual.entries) {
            order.add(entry);
            byObject.computeIfAbsent(key(entry), k -> new Entry[2])[1] = entry;
        }
        List<Difference> differences = new ArrayList<>();
        for (Entry entry : order) {
            Entry[] pair = byObject.get(key(entry));
            if (pair[0] == null || pair[1] == null || !pair[0].detail().equals(pair[1].detail())) {
                differences.add(new Difference(Optional.ofNullable(pair[0]), Optional.ofNullable(pair[1])));
            }
        }
        return differences;
    }

    private static String key(Entry entry) {
        return entry.kind() + "\u0000" + entry.name() + "\u0000" + entry.member();
    }

    /** {@link #diff(CatalogSnapshot, String, String)} with the labels {@code expected} and {@code actual}. */
    public String diff(CatalogSnapshot actual) {
        return diff(actual, "expected", "actual");
    }

    /**
     * What differs between this snapshot and {@code actual}, for people: one paragraph per object, naming it and
     * showing both sides under the given labels (an absent side reads {@code (absent)}). Empty when the snapshots are
     * equal.
     *
     * <pre>
     * column email of public.active_users
     *     before revision 3: (absent)
     *     after downgrade:   #3 text
     * </pre>
     */
    public String diff(CatalogSnapshot actual, String expectedLabel, String actualLabel) {
        int width = Math.max(expectedLabel.length(), actualLabel.length()) + 1;
        StringBuilder text = new StringBuilder();
        for (Difference difference : differences(actual)) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(difference.identity()).append('\n');
            appendSide(text, expectedLabel, width, difference.expected());
            appendSide(text, actualLabel, width, difference.actual());
        }
        return text.toString();
    }

    private static void appendSide(StringBuilder text, String label, int width, Optional<Entry> side) {
        String prefix = "    " + label + ":" + " ".repeat(width - label.length());
        String indent = " ".repeat(prefix.length());
        String detail = side.map(entry -> entry.detail().isEmpty() ? "(present)" : entry.detail()).orElse("(absent)");
        String[] lines = detail.split("\n", -1);
        text.append(prefix).append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            text.append(indent).append(lines[i]).append('\n');
        }
    }

    /**
     * Fails when {@code actual} differs from this (expected) snapshot, with a message that starts with
     * {@code context} and lists every difference; IDEs can show both snapshots side by side.
     */
    public void assertSameAs(CatalogSnapshot actual, String context) {
        if (!equals(actual)) {
            List<Difference> differences = differences(actual);
            throw new AssertionFailedError(context + ": the catalog differs in " + differences.size()
                    + (differences.size() == 1 ? " object" : " objects") + ":\n" + diff(actual).stripTrailing(),
                    toString(), actual.toString());
        }
    }

    /** Every entry on its own line(s), in order: {@code identity: detail}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry).append('\n');
        }
        return text.toString();
    }
}
