package dev.viewmigrate.processor.snapshot;

import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import dev.viewmigrate.processor.snapshot.Yaml.BlockNode;
import dev.viewmigrate.processor.snapshot.Yaml.ListNode;
import dev.viewmigrate.processor.snapshot.Yaml.MapNode;
import dev.viewmigrate.processor.snapshot.Yaml.Node;
import dev.viewmigrate.processor.snapshot.Yaml.ScalarNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Revision files: one per revision, {@code NNNN_<slug>.yaml}, holding the revision's header and its delta. See
 * {@code docs/processor.md} for an example. {@link #write} is canonical: reading a file and writing it again gives
 * the text the checksum is computed over, so line-ending conversions by git do not change a checksum.
 */
public final class SnapshotFormat {
    public static final int FORMAT_VERSION = 1;
    public static final String EXTENSION = ".yaml";
    static final Pattern FILE_NAME = Pattern.compile("(\\d{4,})_([a-z0-9_]+)\\.yaml");
    private static final int MAX_SLUG = 60;

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

    public static String write(Revision revision) {
        Yaml.Writer out = new Yaml.Writer()
                .comment("viewmigrate revision, frozen at compile time. Append-only: never edit or delete it once")
                .comment("committed; the generated migration and its checksum are derived from this text.")
                .raw(0, "formatVersion", FORMAT_VERSION)
                .raw(0, "revision", revision.number());
        if (revision.parent() > 0) {
            out.raw(0, "parent", revision.parent());
        }
        out.scalar(0, "description", revision.description());
        if (revision.handWritten().isPresent()) {
            HandWrittenDefinition handWritten = revision.handWritten().get();
            out.key(0, "handWritten")
                    .scalar(2, "class", handWritten.className())
                    .scalar(2, "description", handWritten.description());
            return out.toString();
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
                    if (view.indexes().isEmpty()) {
                        out.emptyList(4, "indexes");
                    } else {
                        out.key(4, "indexes");
                        for (IndexDefinition index : view.indexes()) {
                            out.item(6, "name", index.name())
                                    .flowList(8, "columns", index.columns())
                                    .raw(8, "unique", index.unique());
                        }
                    }
                }
                if (!view.dependsOn().isEmpty()) {
                    out.key(4, "dependsOn");
                    for (ViewKey dependency : view.dependsOn()) {
                        writeKey(out, 6, dependency);
                    }
                }
                out.block(4, "sql", view.sql());
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

    private static void writeKey(Yaml.Writer out, int indent, ViewKey key) {
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
        MapNode root;
        try {
            root = Yaml.parse(text);
        } catch (Yaml.ParseException e) {
            throw new FormatException(e.line, e.getMessage());
        }
        Fields header = new Fields(root, Set.of("formatVersion", "revision", "parent", "description", "views",
                "removed", "handWritten"));
        int formatVersion = header.integer("formatVersion");
        if (formatVersion != FORMAT_VERSION) {
            throw new FormatException(root.entries().get("formatVersion").line(), "formatVersion " + formatVersion
                    + " is not supported by this processor (it reads version " + FORMAT_VERSION + ")");
        }
        int number = header.integer("revision");
        if (number < 1) {
            throw new FormatException(root.entries().get("revision").line(), "revision must be 1 or more");
        }
        if (number != Integer.parseInt(nameMatch.group(1))) {
            throw new FormatException(root.entries().get("revision").line(), "revision " + number
                    + " does not match the number " + nameMatch.group(1) + " in the file name");
        }
        int parent = header.has("parent") ? header.integer("parent") : 0;
        if (number == 1 && parent != 0) {
            throw new FormatException(root.entries().get("parent").line(), "revision 1 has no parent");
        }
        if (number > 1 && !header.has("parent")) {
            throw new FormatException(root.line(), "'parent' is missing (revision " + number + " follows another)");
        }
        String description = header.string("description");

        List<ViewDefinition> views = new ArrayList<>();
        List<ViewKey> removed = new ArrayList<>();
        Optional<HandWrittenDefinition> handWritten = Optional.empty();
        if (header.has("handWritten")) {
            if (header.has("views") || header.has("removed")) {
                throw new FormatException(root.line(), "a hand-written revision has no 'views' or 'removed'");
            }
            Fields entry = new Fields(header.map("handWritten"), Set.of("class", "description"));
            handWritten = Optional.of(new HandWrittenDefinition(entry.string("class"), entry.string("description")));
        }
        if (header.has("views")) {
            for (MapNode item : header.maps("views")) {
                views.add(view(item));
            }
        }
        if (header.has("removed")) {
            for (MapNode item : header.maps("removed")) {
                Fields fields = new Fields(item, Set.of("name", "schema"));
                removed.add(key(fields));
            }
        }
        if (handWritten.isEmpty() && views.isEmpty() && removed.isEmpty()) {
            throw new FormatException(root.line(), "the revision changes nothing (no views, removed or handWritten)");
        }
        return new Revision(number, parent, description, fileName, views, removed, handWritten);
    }

    private static ViewDefinition view(MapNode item) throws FormatException {
        Fields fields = new Fields(item, Set.of("name", "schema", "class", "materialized", "withData", "indexes",
                "dependsOn", "sql"));
        boolean materialized = fields.has("materialized") && fields.bool("materialized");
        boolean withData = !fields.has("withData") || fields.bool("withData");
        List<IndexDefinition> indexes = new ArrayList<>();
        if (fields.has("indexes")) {
            for (MapNode index : fields.maps("indexes")) {
                Fields indexFields = new Fields(index, Set.of("name", "columns", "unique"));
                indexes.add(new IndexDefinition(indexFields.string("name"), indexFields.strings("columns"),
                        indexFields.bool("unique")));
            }
        }
        List<ViewKey> dependsOn = new ArrayList<>();
        if (fields.has("dependsOn")) {
            for (MapNode dependency : fields.maps("dependsOn")) {
                dependsOn.add(key(new Fields(dependency, Set.of("name", "schema"))));
            }
        }
        Node sql = item.entries().get("sql");
        if (!(sql instanceof BlockNode block)) {
            throw new FormatException(sql == null ? item.line() : sql.line(), "'sql' must be a |- block");
        }
        return new ViewDefinition(key(fields), materialized, withData, indexes, dependsOn, block.text(),
                fields.string("class"));
    }

    private static ViewKey key(Fields fields) throws FormatException {
        return new ViewKey(fields.has("schema") ? fields.string("schema") : "", fields.string("name"));
    }

    /** Typed access to a mapping's entries, with errors that point at the line. */
    private static final class Fields {
        private final MapNode map;

        Fields(MapNode map, Set<String> allowed) throws FormatException {
            this.map = map;
            for (var entry : map.entries().entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    throw new FormatException(entry.getValue().line(), "unknown key '" + entry.getKey() + "'");
                }
            }
        }

        boolean has(String key) {
            return map.entries().containsKey(key);
        }

        private Node node(String key) throws FormatException {
            Node node = map.entries().get(key);
            if (node == null) {
                throw new FormatException(map.line(), "'" + key + "' is missing");
            }
            return node;
        }

        String string(String key) throws FormatException {
            Node node = node(key);
            if (!(node instanceof ScalarNode scalar)) {
                throw new FormatException(node.line(), "'" + key + "' must be a single value");
            }
            return scalar.text();
        }

        int integer(String key) throws FormatException {
            String text = string(key);
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new FormatException(node(key).line(), "'" + key + "' must be a number, found '" + text + "'");
            }
        }

        boolean bool(String key) throws FormatException {
            String text = string(key);
            if (!text.equals("true") && !text.equals("false")) {
                throw new FormatException(node(key).line(), "'" + key + "' must be true or false");
            }
            return text.equals("true");
        }

        MapNode map(String key) throws FormatException {
            Node node = node(key);
            if (!(node instanceof MapNode mapNode)) {
                throw new FormatException(node.line(), "'" + key + "' must be a mapping");
            }
            return mapNode;
        }

        List<MapNode> maps(String key) throws FormatException {
            Node node = node(key);
            if (node instanceof ScalarNode || node instanceof BlockNode || node instanceof MapNode) {
                throw new FormatException(node.line(), "'" + key + "' must be a list");
            }
            List<MapNode> maps = new ArrayList<>();
            for (Node item : ((ListNode) node).items()) {
                if (!(item instanceof MapNode mapNode)) {
                    throw new FormatException(item.line(), "items of '" + key + "' must be mappings");
                }
                maps.add(mapNode);
            }
            return maps;
        }

        List<String> strings(String key) throws FormatException {
            Node node = node(key);
            if (!(node instanceof ListNode list)) {
                throw new FormatException(node.line(), "'" + key + "' must be a list like [\"a\", \"b\"]");
            }
            List<String> values = new ArrayList<>();
            for (Node item : list.items()) {
                if (!(item instanceof ScalarNode scalar)) {
                    throw new FormatException(item.line(), "items of '" + key + "' must be single values");
                }
                values.add(scalar.text());
            }
            return values;
        }
    }
}
