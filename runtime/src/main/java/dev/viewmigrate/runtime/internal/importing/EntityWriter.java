package dev.viewmigrate.runtime.internal.importing;

import dev.viewmigrate.sql.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Writes the Java source of one imported view: a JPA entity with {@code @View}, one field per column. */
public final class EntityWriter {
    private static final String INDENT = "    ";

    /**
     * What to write for one view.
     *
     * @param className     its class's simple name
     * @param qualified     whether {@code @View} and {@code @Table} name the schema (false when the view is in the
     *                      first schema of the search_path: it stays unqualified, as hand-written views usually are)
     * @param dependsOn     simple names of the imported classes it reads where its SQL does not name them
     * @param notImported   views it reads that were not imported (other schemas, extensions), qualified
     */
    public record Plan(LiveView view, String className, boolean qualified, List<String> dependsOn,
            List<String> notImported) {}

    private EntityWriter() {}

    public static String write(String packageName, Plan plan, boolean hibernate) {
        LiveView view = plan.view();
        Set<String> imports = new TreeSet<>(List.of("dev.viewmigrate.annotations.View", "jakarta.persistence.Column",
                "jakarta.persistence.Entity", "jakarta.persistence.Id", "jakarta.persistence.Table"));
        if (hibernate) {
            imports.add("org.hibernate.annotations.Immutable");
        }
        List<Field> fields = fields(view);
        fields.forEach(f -> {
            if (f.type().needsImport()) {
                imports.add(f.type().qualifiedName().replace("[]", ""));
            }
        });
        boolean usesColumn = fields.stream().anyMatch(f -> f.jpaName() != null);
        if (!usesColumn) {
            imports.remove("jakarta.persistence.Column");
        }

        StringBuilder out = new StringBuilder();
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        for (String type : imports) {
            out.append("import ").append(type).append(";\n");
        }
        out.append("\n/**\n * ").append(view.materialized() ? "Materialized view" : "View").append(" {@code ")
                .append(comment(view.displayName())).append("}, imported from the database by viewmigrate import.\n")
                .append(view.sqlite() ? " * Its SQL is the query SQLite stores for the view, as it was written.\n"
                        : " * Its SQL is PostgreSQL's own rendering of the view ({@code pg_get_viewdef}).\n");
        for (String other : plan.notImported()) {
            out.append(" * <p>It reads {@code ").append(comment(other)).append("}, which was not imported: ")
                    .append("viewmigrate does not manage it, so create it before this view's revision runs.\n");
        }
        out.append(" */\n");
        out.append("@Entity\n");
        if (hibernate) {
            out.append("@Immutable\n");
        }
        out.append("@Table(name = ").append(literal(Identifiers.quote(view.name())));
        if (plan.qualified()) {
            out.append(", schema = ").append(literal(Identifiers.quote(view.schema())));
        }
        out.append(")\n");
        out.append("@View(\n");
        List<String> attributes = new ArrayList<>();
        attributes.add("name = " + literal(view.name()));
        if (plan.qualified()) {
            attributes.add("schema = " + literal(view.schema()));
        }
        if (view.materialized()) {
            attributes.add("materialized = true");
            if (!view.populated()) {
                attributes.add("withData = false");
            }
        }
        attributes.add("sql = \"\"\"\n" + textBlock(view.sql(), INDENT + INDENT + INDENT) + INDENT + INDENT + INDENT
                + "\"\"\"");
        if (!view.indexes().isEmpty()) {
            attributes.add("indexes = {\n" + view.indexes().stream()
                    .map(index -> INDENT + INDENT + INDENT + index(index))
                    .collect(Collectors.joining(",\n")) + "}");
        }
        if (!view.options().isEmpty()) {
            attributes.add("options = " + array(view.options()));
        }
        view.comment().ifPresent(c -> attributes.add("comment = " + literal(c)));
        if (!plan.dependsOn().isEmpty()) {
            attributes.add("dependsOn = " + (plan.dependsOn().size() == 1 ? plan.dependsOn().get(0) + ".class"
                    : "{" + plan.dependsOn().stream().map(c -> c + ".class").collect(Collectors.joining(", "))
                            + "}"));
        }
        out.append(attributes.stream().map(a -> INDENT + INDENT + a).collect(Collectors.joining(",\n")))
                .append(")\n");
        out.append("public class ").append(plan.className()).append(" {\n");
        for (Field field : fields) {
            field.notes().forEach(note -> out.append(INDENT).append("// ").append(comment(note)).append('\n'));
            if (field.id()) {
                out.append(INDENT).append("@Id\n");
            }
            if (field.jpaName() != null) {
                out.append(INDENT).append("@Column(name = ").append(literal(field.jpaName())).append(")\n");
            }
            out.append(INDENT).append("private ").append(field.type().simpleName()).append(' ').append(field.name())
                    .append(";\n\n");
        }
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            out.append(INDENT).append("public ").append(field.type().simpleName()).append(" get")
                    .append(Character.toUpperCase(field.name().charAt(0))).append(field.name().substring(1))
                    .append("() {\n").append(INDENT).append(INDENT).append("return ").append(field.name())
                    .append(";\n").append(INDENT).append("}\n");
            if (i < fields.size() - 1) {
                out.append('\n');
            }
        }
        out.append("}\n");
        return out.toString();
    }

    /** One field: its Java name and type, the JPA column name when it differs, whether it is the @Id, notes. */
    private record Field(String name, TypeMapping.JavaType type, String jpaName, boolean id, List<String> notes) {}

    private static List<Field> fields(LiveView view) {
        Optional<String> uniqueColumn = idFromUniqueIndex(view);
        String idColumn = uniqueColumn.orElse(view.columns().isEmpty() ? null : view.columns().get(0).name());
        Set<String> taken = new HashSet<>();
        List<Field> fields = new ArrayList<>();
        for (LiveView.Column column : view.columns()) {
            String name = JavaNames.unique(JavaNames.fieldName(column.name()), taken);
            TypeMapping.JavaType type = TypeMapping.of(column);
            // Hibernate's default naming uses the logical name as it is; PostgreSQL folds an unquoted one to lower
            // case. So a column needs @Column unless the field's name is exactly its plain lower-case name.
            String sqlName = Identifiers.quote(column.name());
            String jpaName = sqlName.equals(name) ? null : sqlName;
            List<String> notes = new ArrayList<>();
            boolean id = column.name().equals(idColumn);
            if (id) {
                notes.add(uniqueColumn.isPresent()
                        ? "@Id: unique index " + uniqueIndexName(view) + " makes this column identify a row."
                        : "@Id: the first column (JPA needs an @Id, a view has no key, and no unique index names one)."
                                + " Check that it identifies a row, or choose another.");
            }
            type.note().ifPresent(notes::add);
            fields.add(new Field(name, type, jpaName, id, notes));
        }
        return fields;
    }

    /** The column of the first (by name) unique, non-partial index on one plain column. */
    private static Optional<String> idFromUniqueIndex(LiveView view) {
        return uniqueKeyIndex(view).map(index -> {
            String key = index.columns().get(0);
            return view.columns().stream().map(LiveView.Column::name)
                    .filter(c -> c.equals(key) || Identifiers.quote(c).equals(key)).findFirst().orElseThrow();
        });
    }

    private static String uniqueIndexName(LiveView view) {
        return uniqueKeyIndex(view).map(LiveView.Index::name).orElse("");
    }

    private static Optional<LiveView.Index> uniqueKeyIndex(LiveView view) {
        return view.indexes().stream()
                .filter(index -> index.unique() && index.where().isEmpty() && index.columns().size() == 1)
                .filter(index -> view.columns().stream().anyMatch(c -> c.name().equals(index.columns().get(0))
                        || Identifiers.quote(c.name()).equals(index.columns().get(0))))
                .findFirst();
    }

    private static String index(LiveView.Index index) {
        StringBuilder out = new StringBuilder("@View.Index(name = ").append(literal(index.name()))
                .append(", columns = ").append(array(index.columns()));
        if (index.unique()) {
            out.append(", unique = true");
        }
        if (!index.using().equals("btree")) {
            out.append(", using = ").append(literal(index.using()));
        }
        if (!index.where().isEmpty()) {
            out.append(", where = ").append(literal(index.where()));
        }
        if (!index.include().isEmpty()) {
            out.append(", include = ").append(array(index.include()));
        }
        return out.append(")").toString();
    }

    private static String array(List<String> values) {
        String joined = values.stream().map(EntityWriter::literal).collect(Collectors.joining(", "));
        return values.size() == 1 ? joined : "{" + joined + "}";
    }

    /** A Java string literal. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(octal(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * The body of a text block whose value is {@code text} + a final newline, each line indented by {@code indent}
     * (the closing delimiter goes at the same indent, so that no line of the SQL loses its own indentation).
     * Backslashes are doubled, every third quote of a run is escaped (no {@code """} can end the block early),
     * trailing spaces and tabs are escaped (a text block strips them), other control characters become octal escapes.
     * No {@code \\u} survives: a backslash is always doubled, so javac's Unicode escape pass never sees one.
     */
    static String textBlock(String text, String indent) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            StringBuilder escaped = new StringBuilder();
            int quotes = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    escaped.append(quotes % 3 == 2 ? "\\\"" : "\"");
                    quotes++;
                    continue;
                }
                quotes = 0;
                switch (c) {
                    case '\\' -> escaped.append("\\\\");
                    case '\r' -> escaped.append("\\r");
                    case '\t' -> escaped.append('\t');
                    default -> escaped.append(c < 0x20 || c == 0x7f ? octal(c) : String.valueOf(c));
                }
            }
            // Trailing white space is stripped from every line of a text block: escape it.
            int end = escaped.length();
            while (end > 0 && (escaped.charAt(end - 1) == ' ' || escaped.charAt(end - 1) == '\t')) {
                end--;
            }
            String tail = escaped.substring(end).replace(" ", "\\s").replace("\t", "\\t");
            String body = escaped.substring(0, end) + tail;
            out.append(body.isEmpty() ? "" : indent).append(body).append('\n');
        }
        return out.toString();
    }

    private static String octal(char c) {
        return String.format("\\%03o", (int) c);
    }

    /** Text safe inside a Java comment: no end of comment, no Unicode escape, one line. */
    static String comment(String text) {
        return text.replace("\\", "\\\\").replace("*/", "*\\/").replaceAll("[\\r\\n]+", " ");
    }
}
