package dev.viewmigrate.processor.snapshot;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.sql.OutputColumns;
import dev.viewmigrate.processor.sql.ParsedSql;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Revision files: one per revision, {@code NNNN_<slug>.yaml}, holding the revision's header and its delta. See
 * {@code docs/processor.md} for an example. {@link #write} is canonical: reading a file and writing it again gives
 * the text the checksum is computed over, so line-ending conversions by git do not change a checksum.
 *
 * <p>Reading is full YAML 1.2 (SnakeYAML Engine, core schema), composed to a node tree so that every error names the
 * line, and so that a quoted {@code "1"} is told apart from the number {@code 1}; the layout of a file (indentation,
 * quoting, comments) does not matter, only its content.
 */
public final class SnapshotFormat {
    public static final int FORMAT_VERSION = 1;
    public static final String EXTENSION = ".yaml";
    static final Pattern FILE_NAME = Pattern.compile("(\\d{4,})_([a-z0-9_]+)\\.yaml");
    private static final int MAX_SLUG = 60;
    /** The keys of a view's frozen reading (see {@link #fileText}). */
    private static final String READS = "reads";
    private static final String COLUMNS = "columns";
    private static final String COLUMNS_UNKNOWN = "columnsUnknown";

    private SnapshotFormat() {}

    /** {@code 0002_change_view_active_users.yaml}: the number zero-padded to 4 digits and a slug of the text. */
    public static String fileName(int number, String description) {
        String slug = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("_+$", "");
        }
        if (slug.isEmpty()) {
            slug = "revision";
        }
        return String.format(Locale.ROOT, "%04d_%s%s", number, slug, EXTENSION);
    }

    /** CRC32 of the canonical text of the revision, as the int the runtime records. */
    public static int checksum(Revision revision) {
        CRC32 crc = new CRC32();
        crc.update(write(revision).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /**
     * The canonical text of a revision: what its checksum is computed over, and what an unchanged amend compares.
     * The file holds this text plus each view's frozen reading ({@link #fileText}), which the checksum leaves out.
     */
    public static String write(Revision revision) {
        return write(revision, false);
    }

    /**
     * The text of a new revision file: the canonical text ({@link #write}) with, after each view's SQL, what the
     * processor read from it (the relations it names, its output columns), so that later compiles don't parse it again.
     */
    public static String fileText(Revision revision) {
        // The readings are PostgreSQL's (JSqlParser's reading, PostgreSQL's column naming): SQLite revisions name
        // their columns by SQLite's rules and are read again on each compile.
        return write(revision, revision.dialect() == Dialect.POSTGRESQL);
    }

    private static String write(Revision revision, boolean readings) {
        YamlWriter out = new YamlWriter()
                .comment("viewmigrate revision, frozen at compile time. Append-only: never edit or delete it once")
                .comment("committed; the generated migration and its checksum are derived from this text.")
                .raw(0, "formatVersion", FORMAT_VERSION);
        if (revision.dialect() != Dialect.POSTGRESQL) {
            // Written only for other databases, so that PostgreSQL revision files (and checksums) keep their text.
            out.raw(0, "dialect", revision.dialect().optionValue());
        }
        out.raw(0, "revision", revision.number());
        if (revision.parent() > 0) {
            out.raw(0, "parent", revision.parent());
        }
        out.scalar(0, "description", revision.description());
        if (revision.handWritten().size() == 1 && !revision.changesViews()) {
            HandWrittenDefinition handWritten = revision.handWritten().get(0);
            out.key(0, "handWritten")
                    .scalar(2, "class", handWritten.className())
                    .scalar(2, "description", handWritten.description());
            return out.toString();
        }
        if (revision.isHandWritten()) {
            // With view changes (or several): a list, run in order between dropping the old views and creating the
            // new ones.
            out.key(0, "handWritten");
            for (HandWrittenDefinition handWritten : revision.handWritten()) {
                out.item(2, "class", handWritten.className())
                        .scalar(4, "description", handWritten.description());
            }
        }
        if (!revision.views().isEmpty()) {
            out.key(0, "views");
            for (ViewDefinition view : revision.views()) {
                out.item(2, "name", view.key().name());
                if (!view.key().schema().isEmpty()) {
                    out.scalar(4, "schema", view.key().schema());
                }
                out.scalar(4, "class", view.originClass());
                if (view.materialized()) {
                    out.raw(4, "materialized", true).raw(4, "withData", view.withData());
                    // Written only when set, so that files frozen before it existed keep their text.
                    if (view.sideBySide()) {
                        out.raw(4, "rebuild", "side-by-side");
                    }
                    if (view.indexes().isEmpty()) {
                        out.emptyList(4, "indexes");
                    } else {
                        out.key(4, "indexes");
                        for (IndexDefinition index : view.indexes()) {
                            out.item(6, "name", index.name())
                                    .flowList(8, "columns", index.columns())
                                    .raw(8, "unique", index.unique());
                            // Written only when set, so that files frozen before these existed keep their text.
                            if (!index.using().isEmpty()) {
                                out.scalar(8, "using", index.using());
                            }
                            if (!index.where().isEmpty()) {
                                out.scalar(8, "where", index.where());
                            }
                            if (!index.include().isEmpty()) {
                                out.flowList(8, "include", index.include());
                            }
                        }
                    }
                }
                if (!view.dependsOn().isEmpty()) {
                    out.key(4, "dependsOn");
                    for (ViewKey dependency : view.dependsOn()) {
                        writeKey(out, 6, dependency);
                    }
                }
                if (!view.options().isEmpty()) {
                    out.flowList(4, "options", view.options());
                }
                if (!view.comment().isEmpty()) {
                    out.scalar(4, "comment", view.comment());
                }
                out.block(4, "sql", view.sql());
                if (readings) {
                    writeReading(out, view.sql());
                }
            }
        }
        if (!revision.removed().isEmpty()) {
            out.key(0, "removed");
            for (ViewKey removed : revision.removed()) {
                writeKey(out, 2, removed);
            }
        }
        return out.toString();
    }

    /**
     * What the processor read from {@code sql}: {@code reads} (the relations it names, folded as PostgreSQL folds
     * them; absent when the SQL could not be parsed) and {@code columns} (its output columns) or
     * {@code columnsUnknown} (why they can't be told from the SQL). Not written when a relation's name holds a dot,
     * which {@code schema.name} could not tell apart: that SQL is simply read again by each compile.
     */
    private static void writeReading(YamlWriter out, String sql) {
        ParsedSql parsed = ParsedSql.of(sql);
        Optional<Set<ViewKey>> relations = parsed.relations();
        if (relations.isPresent() && relations.get().stream()
                .anyMatch(key -> key.name().isEmpty() || key.name().contains(".") || key.schema().contains("."))) {
            return;
        }
        relations.ifPresent(keys -> out.flowList(4, READS, keys.stream().map(ViewKey::display).toList()));
        OutputColumns.Reading columns = parsed.outputColumns();
        if (columns.known().isPresent()) {
            out.flowList(4, COLUMNS, columns.names());
        } else {
            out.scalar(4, COLUMNS_UNKNOWN, columns.unknownReason());
        }
    }

    /**
     * Hands a view's frozen reading to {@link ParsedSql}, when the file has one (files frozen before readings were
     * written have none: their SQL is parsed as before).
     */
    private static void readReading(Fields fields, String sql) throws FormatException {
        boolean known = fields.has(COLUMNS);
        if (!known && !fields.has(COLUMNS_UNKNOWN)) {
            if (fields.has(READS)) {
                throw new FormatException(fields.line(READS), "'" + READS + "' goes with '" + COLUMNS + "' or '"
                        + COLUMNS_UNKNOWN + "'; delete the three keys and the processor reads the SQL again");
            }
            return;
        }
        if (known && fields.has(COLUMNS_UNKNOWN)) {
            throw new FormatException(fields.line(COLUMNS_UNKNOWN), "a view has '" + COLUMNS + "' or '"
                    + COLUMNS_UNKNOWN + "', not both; delete the one that is wrong (or the three reading keys)");
        }
        Optional<Set<ViewKey>> relations = Optional.empty();
        if (fields.has(READS)) {
            Set<ViewKey> keys = new java.util.TreeSet<>();
            for (String relation : fields.strings(READS)) {
                int dot = relation.indexOf('.');
                if (relation.isEmpty() || dot == 0 || dot == relation.length() - 1
                        || relation.indexOf('.', dot + 1) >= 0) {
                    throw new FormatException(fields.line(READS), "'" + READS + "' holds '" + relation
                            + "', which is not name or schema.name; delete the three reading keys and the processor"
                            + " reads the SQL again");
                }
                keys.add(dot < 0 ? new ViewKey("", relation)
                        : new ViewKey(relation.substring(0, dot), relation.substring(dot + 1)));
            }
            relations = Optional.of(keys);
        }
        OutputColumns.Reading columns = known ? new OutputColumns.Reading(List.copyOf(fields.strings(COLUMNS)), null)
                : new OutputColumns.Reading(null, fields.string(COLUMNS_UNKNOWN));
        ParsedSql.remember(sql, relations, columns);
    }

    private static void writeKey(YamlWriter out, int indent, ViewKey key) {
        out.item(indent, "name", key.name());
        if (!key.schema().isEmpty()) {
            out.scalar(indent + 2, "schema", key.schema());
        }
    }

    /** A problem in a revision file: the 1-based line (0 when it concerns the whole file) and what is wrong. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        FormatException(int line, String problem) {
            super(problem);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Parses one revision file; {@code fileName} must already match {@code NNNN_<slug>.yaml}. */
    public static Revision read(String fileName, String text) throws FormatException {
        Matcher nameMatch = FILE_NAME.matcher(fileName);
        if (!nameMatch.matches()) {
            throw new FormatException(0, "the file name is not NNNN_<slug>.yaml");
        }
        Fields header = new Fields(compose(fileName, text), "the file", Set.of("formatVersion", "dialect", "revision",
                "parent", "description", "views", "removed", "handWritten"));
        int formatVersion = header.integer("formatVersion");
        if (formatVersion != FORMAT_VERSION) {
            throw new FormatException(header.line("formatVersion"), "formatVersion " + formatVersion
                    + " is not supported by this processor (it reads version " + FORMAT_VERSION + ")");
        }
        Dialect dialect = Dialect.POSTGRESQL;
        if (header.has("dialect")) {
            String value = header.string("dialect");
            dialect = Dialect.ofOption(value).orElseThrow(() -> new FormatException(header.line("dialect"),
                    "'dialect' must be one of " + String.join(", ", Dialect.optionValues()) + ", found '" + value
                            + "'"));
        }
        int number = header.integer("revision");
        if (number < 1) {
            throw new FormatException(header.line("revision"), "revision must be 1 or more");
        }
        if (number != Integer.parseInt(nameMatch.group(1))) {
            throw new FormatException(header.line("revision"), "revision " + number
                    + " does not match the number " + nameMatch.group(1) + " in the file name");
        }
        int parent = header.has("parent") ? header.integer("parent") : 0;
        if (number == 1 && parent != 0) {
            throw new FormatException(header.line("parent"), "revision 1 has no parent");
        }
        if (number > 1 && !header.has("parent")) {
            throw new FormatException(header.line(), "'parent' is missing (revision " + number
                    + " follows another)");
        }
        String description = header.string("description");

        List<ViewDefinition> views = new ArrayList<>();
        List<ViewKey> removed = new ArrayList<>();
        List<HandWrittenDefinition> handWritten = new ArrayList<>();
        if (header.has("handWritten")) {
            if (header.isList("handWritten")) {
                for (Fields entry : header.maps("handWritten", Set.of("class", "description"))) {
                    handWritten.add(new HandWrittenDefinition(entry.string("class"), entry.string("description")));
                }
            } else {
                if (header.has("views") || header.has("removed")) {
                    throw new FormatException(header.line(), "a hand-written revision that also changes views lists"
                            + " its 'handWritten' migrations as a list");
                }
                Fields entry = header.map("handWritten", Set.of("class", "description"));
                handWritten.add(new HandWrittenDefinition(entry.string("class"), entry.string("description")));
            }
        }
        if (header.has("views")) {
            for (Fields item : header.maps("views", Set.of("name", "schema", "class", "materialized", "withData",
                    "rebuild", "indexes", "dependsOn", "options", "comment", "sql", READS, COLUMNS,
                    COLUMNS_UNKNOWN))) {
                views.add(view(item));
            }
        }
        if (header.has("removed")) {
            for (Fields item : header.maps("removed", Set.of("name", "schema"))) {
                removed.add(key(item));
            }
        }
        if (handWritten.isEmpty() && views.isEmpty() && removed.isEmpty()) {
            throw new FormatException(header.line(), "the revision changes nothing (no views, removed or"
                    + " handWritten)");
        }
        return new Revision(number, parent, description, fileName, views, removed, handWritten, dialect);
    }

    /** The file's single YAML document as a node tree, or the parser's complaint with its line. */
    private static Node compose(String fileName, String text) throws FormatException {
        // The core schema: YAML 1.2's own resolution of plain scalars (1 is a number, "1" and yes are text).
        LoadSettings settings = LoadSettings.builder().setLabel(fileName).setSchema(new CoreSchema()).build();
        try {
            return new Compose(settings).composeString(text)
                    .orElseThrow(() -> new FormatException(1, "the file is empty"));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new FormatException(mark.map(m -> m.getLine() + 1).orElse(0), "not valid YAML: "
                    + e.getProblem() + mark.map(m -> " at column " + (m.getColumn() + 1)).orElse("") + context);
        } catch (YamlEngineException e) {
            throw new FormatException(0, "not valid YAML: " + e.getMessage());
        }
    }

    /** {@code rebuild: side-by-side} or {@code drop-create} (the default, normally not written). */
    private static boolean rebuild(Fields fields, boolean materialized) throws FormatException {
        if (!fields.has("rebuild")) {
            return false;
        }
        String rebuild = fields.string("rebuild");
        if (!rebuild.equals("side-by-side") && !rebuild.equals("drop-create")) {
            throw new FormatException(fields.line(), "rebuild is " + rebuild + "; it is side-by-side or drop-create");
        }
        if (rebuild.equals("side-by-side") && !materialized) {
            throw new FormatException(fields.line(), "rebuild: side-by-side applies to materialized views only");
        }
        return rebuild.equals("side-by-side");
    }

    private static ViewDefinition view(Fields fields) throws FormatException {
        boolean materialized = fields.has("materialized") && fields.bool("materialized");
        boolean withData = !fields.has("withData") || fields.bool("withData");
        List<IndexDefinition> indexes = new ArrayList<>();
        if (fields.has("indexes")) {
            for (Fields index : fields.maps("indexes", Set.of("name", "columns", "unique", "using", "where",
                    "include"))) {
                indexes.add(new IndexDefinition(index.string("name"), index.strings("columns"), index.bool("unique"),
                        index.has("using") ? index.string("using") : "",
                        index.has("where") ? index.string("where") : "",
                        index.has("include") ? index.strings("include") : List.of()));
            }
        }
        List<ViewKey> dependsOn = new ArrayList<>();
        if (fields.has("dependsOn")) {
            for (Fields dependency : fields.maps("dependsOn", Set.of("name", "schema"))) {
                dependsOn.add(key(dependency));
            }
        }
        String sql = fields.sql("sql");
        readReading(fields, sql);
        return new ViewDefinition(key(fields), materialized, withData, indexes, dependsOn, sql,
                fields.string("class"), fields.has("options") ? fields.strings("options") : List.of(),
                fields.has("comment") ? fields.string("comment") : "", rebuild(fields, materialized));
    }

    private static ViewKey key(Fields fields) throws FormatException {
        return new ViewKey(fields.has("schema") ? fields.string("schema") : "", fields.string("name"));
    }

    /** The 1-based line where a node starts (0 when the parser kept no position). */
    private static int lineOf(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    /** Typed access to a mapping's entries, with errors that point at the line. */
    private static final class Fields {
        private final Node map;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

        /** {@code what} names the mapping in errors, e.g. "'handWritten'" or "the file". */
        Fields(Node node, String what, Set<String> allowed) throws FormatException {
            if (!(node instanceof MappingNode mapping)) {
                throw new FormatException(lineOf(node), what + " must be a mapping of keys to values");
            }
            this.map = node;
            for (NodeTuple entry : mapping.getValue()) {
                Node keyNode = entry.getKeyNode();
                if (!(keyNode instanceof ScalarNode key) || !key.isPlain()) {
                    throw new FormatException(lineOf(keyNode), "keys must be plain words like 'name'");
                }
                if (!allowed.contains(key.getValue())) {
                    throw new FormatException(lineOf(keyNode), "unknown key '" + key.getValue() + "'");
                }
                if (entries.put(key.getValue(), entry) != null) {
                    throw new FormatException(lineOf(keyNode), "duplicate key '" + key.getValue() + "'");
                }
            }
        }

        int line() {
            return lineOf(map);
        }

        int line(String key) {
            return lineOf(entries.get(key).getKeyNode());
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        private Node node(String key) throws FormatException {
            NodeTuple entry = entries.get(key);
            if (entry == null) {
                throw new FormatException(line(), "'" + key + "' is missing");
            }
            return entry.getValueNode();
        }

        /** Text: any scalar style, but not an empty value (YAML's null). */
        String string(String key) throws FormatException {
            Node node = node(key);
            if (!(node instanceof ScalarNode scalar)) {
                throw new FormatException(lineOf(node), "'" + key + "' must be a single value");
            }
            if (scalar.isPlain() && scalar.getTag().equals(Tag.NULL)) {
                throw new FormatException(lineOf(node), "'" + key + "' has no value");
            }
            return scalar.getValue();
        }

        /** A plain decimal number: a quoted "1" is text in YAML, and an error that says so beats a silent guess. */
        int integer(String key) throws FormatException {
            ScalarNode scalar = plain(key, "a number");
            if (!scalar.getValue().matches("-?[0-9]{1,9}")) {
                throw new FormatException(lineOf(scalar), "'" + key + "' must be a number, found '"
                        + scalar.getValue() + "'");
            }
            return Integer.parseInt(scalar.getValue());
        }

        boolean bool(String key) throws FormatException {
            ScalarNode scalar = plain(key, "true or false");
            if (!scalar.getTag().equals(Tag.BOOL)) {
                throw new FormatException(lineOf(scalar), "'" + key + "' must be true or false, found '"
                        + scalar.getValue() + "'");
            }
            return scalar.getValue().equalsIgnoreCase("true");
        }

        private ScalarNode plain(String key, String expected) throws FormatException {
            Node node = node(key);
            if (!(node instanceof ScalarNode scalar)) {
                throw new FormatException(lineOf(node), "'" + key + "' must be " + expected);
            }
            if (!scalar.isPlain()) {
                throw new FormatException(lineOf(node), "'" + key + "' must be " + expected + ", found the quoted text "
                        + YamlWriter.quote(scalar.getValue()) + "; remove the quotes");
            }
            return scalar;
        }

        /**
         * SQL: a literal block ({@code |-}), or a double-quoted value for text a block cannot hold (see
         * {@link YamlWriter#block}). Trailing line breaks are dropped, whatever the block's chomping indicator.
         */
        String sql(String key) throws FormatException {
            Node node = node(key);
            if (!(node instanceof ScalarNode scalar) || (scalar.getScalarStyle() != ScalarStyle.LITERAL
                    && scalar.getScalarStyle() != ScalarStyle.DOUBLE_QUOTED)) {
                throw new FormatException(lineOf(node), "'" + key + "' must be a |- block");
            }
            return scalar.getScalarStyle() == ScalarStyle.LITERAL ? scalar.getValue().replaceAll("\n+$", "")
                    : scalar.getValue();
        }

        Fields map(String key, Set<String> allowed) throws FormatException {
            return new Fields(node(key), "'" + key + "'", allowed);
        }

        boolean isList(String key) throws FormatException {
            return node(key) instanceof SequenceNode;
        }

        List<Fields> maps(String key, Set<String> allowed) throws FormatException {
            Node node = node(key);
            if (!(node instanceof SequenceNode list)) {
                throw new FormatException(lineOf(node), "'" + key + "' must be a list");
            }
            List<Fields> maps = new ArrayList<>();
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode)) {
                    throw new FormatException(lineOf(item), "items of '" + key + "' must be mappings");
                }
                maps.add(new Fields(item, "items of '" + key + "'", allowed));
            }
            return maps;
        }

        List<String> strings(String key) throws FormatException {
            Node node = node(key);
            if (!(node instanceof SequenceNode list)) {
                throw new FormatException(lineOf(node), "'" + key + "' must be a list like [\"a\", \"b\"]");
            }
            List<String> values = new ArrayList<>();
            for (Node item : list.getValue()) {
                if (!(item instanceof ScalarNode scalar) || (scalar.isPlain() && scalar.getTag().equals(Tag.NULL))) {
                    throw new FormatException(lineOf(item), "items of '" + key + "' must be single values");
                }
                values.add(scalar.getValue());
            }
            return values;
        }
    }
}
