package dev.viewmigrate.processor.snapshot;

import static dev.viewmigrate.processor.snapshot.SnapshotFormat.COLUMNS;
import static dev.viewmigrate.processor.snapshot.SnapshotFormat.COLUMNS_UNKNOWN;
import static dev.viewmigrate.processor.snapshot.SnapshotFormat.READS;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.snapshot.SnapshotFormat.FormatException;
import dev.viewmigrate.processor.sql.OutputColumns;
import dev.viewmigrate.processor.sql.ParsedSql;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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
 * Reads any revision file: full YAML 1.2 (SnakeYAML Engine, core schema), composed to a node tree so that every error
 * names the line, and so that a quoted {@code "1"} is told apart from the number {@code 1}; the layout of a file
 * (indentation, quoting, comments) does not matter, only its content. Files in the exact layout {@link SnapshotFormat}
 * writes are read faster by {@link CanonicalReader}, to the same result; this class is the reference.
 */
final class YamlRevisionReader {
    private YamlRevisionReader() {}

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

    /** Parses one revision file; {@code fileName} must already match {@code NNNN_<slug>.yaml}. */
    static Revision read(String fileName, String text) throws FormatException {
        Matcher nameMatch = SnapshotFormat.FILE_NAME.matcher(fileName);
        if (!nameMatch.matches()) {
            throw new FormatException(0, "the file name is not NNNN_<slug>.yaml");
        }
        Fields header = new Fields(compose(fileName, text), "the file", Set.of("formatVersion", "dialect", "revision",
                "parent", "description", "views", "removed", "handWritten"));
        int formatVersion = header.integer("formatVersion");
        if (formatVersion != SnapshotFormat.FORMAT_VERSION) {
            throw new FormatException(header.line("formatVersion"), "formatVersion " + formatVersion
                    + " is not supported by this processor (it reads version " + SnapshotFormat.FORMAT_VERSION + ")");
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
            return new Compose(settings).composeReader(new WholeCodePoints(text))
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

    /**
     * The file's text for SnakeYAML, in chunks that never end between the two halves of a surrogate pair. SnakeYAML
     * Engine 2.10 reads its input 1,024 characters at a time and fails with an {@code IndexOutOfBoundsException} when a
     * chunk ends in a high surrogate (a character outside the BMP, such as an emoji, across its buffer's end);
     * handing it whole code points avoids that without changing what it reads.
     */
    private static final class WholeCodePoints extends Reader {
        private final String text;
        private int next;

        WholeCodePoints(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (next >= text.length()) {
                return -1;
            }
            int count = Math.min(length, text.length() - next);
            if (count > 1 && Character.isHighSurrogate(text.charAt(next + count - 1))) {
                count--;
            }
            text.getChars(next, next + count, buffer, offset);
            next += count;
            return count;
        }

        @Override
        public void close() {}
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
            return scalar.getScalarStyle() == ScalarStyle.LITERAL
                    ? SnapshotFormat.withoutTrailingWhitespace(scalar.getValue().replaceAll("\n+$", ""))
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
