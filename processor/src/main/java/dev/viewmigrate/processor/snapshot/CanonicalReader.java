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
import dev.viewmigrate.processor.sql.OutputColumns;
import dev.viewmigrate.processor.sql.ParsedSql;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Reads a revision file that is exactly in the layout {@link SnapshotFormat#fileText} writes (or {@link
 * SnapshotFormat#write}, or either without the two header comment lines of early files), line by line and without a
 * YAML library: reading every file of a long chain with SnakeYAML Engine is most of a no-change compile's reading
 * time. Its result is accepted only when writing the revision back (with the frozen readings as read) gives the file's
 * text again, character for character; so what it returns is what {@link YamlRevisionReader} reads from that text,
 * the writer's own output. Anything else (a hand-edited layout, CRLF line ends, a byte-order mark, a line separator,
 * an error of any kind) makes it return null, and the file is read by {@link YamlRevisionReader}, which reports
 * errors with their lines.
 */
final class CanonicalReader {
    /** Why a file is left to {@link YamlRevisionReader}; no message or stack trace, as it is never shown. */
    private static final class NotCanonical extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final NotCanonical INSTANCE = new NotCanonical();

        private NotCanonical() {
            super(null, null, false, false);
        }
    }

    /** A view's frozen reading as the file holds it: {@code reads} (null when absent) and one of the column keys. */
    private record Reading(List<String> reads, List<String> columns, String columnsUnknown) {}

    private static final String VIEW_INDENT = "    ";
    private static final String SQL_LINE_INDENT = "      ";

    private final String text;
    private int pos;
    private final List<ViewDefinition> views = new ArrayList<>();
    private final Map<ViewDefinition, Reading> readings = new IdentityHashMap<>();

    private CanonicalReader(String text) {
        this.text = text;
    }

    /** The revision, or null when the file is not in the canonical layout (or holds something to report). */
    static Revision read(String fileName, String text) {
        Matcher name = SnapshotFormat.FILE_NAME.matcher(fileName);
        if (!name.matches() || name.group(1).length() > 9 || !canonicalCharacters(text)) {
            return null;
        }
        try {
            return new CanonicalReader(text).revision(fileName, Integer.parseInt(name.group(1)));
        } catch (RuntimeException e) {
            return null; // NotCanonical, or a case this reader did not foresee: the YAML reader decides
        }
    }

    /**
     * Lines ended by {@code \n} (the last one too), of tabs and YAML's printable characters other than those some
     * readers take for line breaks (NEL, LS, PS) and the byte-order mark, with surrogates in pairs: the characters
     * whose reading by SnakeYAML Engine is plain. A file holding another one is left to it.
     */
    private static boolean canonicalCharacters(String text) {
        int length = text.length();
        if (length == 0 || text.charAt(length - 1) != '\n') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7E || c == '\n' || c == '\t') {
                continue;
            }
            if (c < 0xA0 || c > 0xFFFD || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private Revision revision(String fileName, int fileNumber) {
        boolean headerComment = text.startsWith(SnapshotFormat.HEADER_COMMENT);
        if (headerComment) {
            pos = SnapshotFormat.HEADER_COMMENT.length();
        }
        line("formatVersion: " + SnapshotFormat.FORMAT_VERSION);
        Dialect dialect = Dialect.POSTGRESQL;
        if (at("dialect: ")) {
            dialect = Dialect.ofOption(value("dialect: ")).orElseThrow(() -> NotCanonical.INSTANCE);
        }
        int number = number(value("revision: "));
        int parent = at("parent: ") ? number(value("parent: ")) : 0;
        // What the YAML reader reports (or the chain check does): left to them.
        if (number < 1 || number != fileNumber || (number == 1) != (parent == 0)) {
            throw NotCanonical.INSTANCE;
        }
        String description = scalar(value("description: "));
        List<HandWrittenDefinition> handWritten = new ArrayList<>();
        boolean handWrittenAlone = false;
        if (at("handWritten:\n")) {
            line("handWritten:");
            if (at("  - class: ")) {
                while (at("  - class: ")) {
                    handWritten.add(new HandWrittenDefinition(scalar(value("  - class: ")),
                            scalar(value("    description: "))));
                }
            } else {
                handWritten.add(new HandWrittenDefinition(scalar(value("  class: ")),
                        scalar(value("  description: "))));
                handWrittenAlone = true;
            }
        }
        if (!handWrittenAlone && at("views:\n")) {
            line("views:");
            while (at("  - name: ")) {
                view();
            }
        }
        List<ViewKey> removed = new ArrayList<>();
        if (!handWrittenAlone && at("removed:\n")) {
            line("removed:");
            while (at("  - name: ")) {
                removed.add(key("  "));
            }
        }
        if (pos != text.length() || handWritten.isEmpty() && views.isEmpty() && removed.isEmpty()) {
            throw NotCanonical.INSTANCE;
        }
        Revision revision = new Revision(number, parent, description, fileName, views, removed, handWritten, dialect);
        String written = SnapshotFormat.write(revision, (out, view) -> {
            Reading reading = readings.get(view);
            if (reading != null) {
                write(out, reading);
            }
        });
        int skipped = headerComment ? 0 : SnapshotFormat.HEADER_COMMENT.length();
        if (!written.startsWith(SnapshotFormat.HEADER_COMMENT) || written.length() - skipped != text.length()
                || !written.startsWith(text, skipped)) {
            throw NotCanonical.INSTANCE;
        }
        // Accepted: hand the readings over, in the file's order (a text already read keeps its first reading).
        for (ViewDefinition view : views) {
            Reading reading = readings.get(view);
            if (reading != null) {
                remember(view.sql(), reading);
            }
        }
        return revision;
    }

    private void view() {
        ViewKey key = key("  ");
        String originClass = scalar(value(VIEW_INDENT + "class: "));
        boolean materialized = false;
        boolean withData = true;
        boolean sideBySide = false;
        List<IndexDefinition> indexes = new ArrayList<>();
        if (at(VIEW_INDENT + "materialized: true\n")) {
            line(VIEW_INDENT + "materialized: true");
            materialized = true;
            withData = bool(value(VIEW_INDENT + "withData: "));
            if (at(VIEW_INDENT + "rebuild: side-by-side\n")) {
                line(VIEW_INDENT + "rebuild: side-by-side");
                sideBySide = true;
            }
            if (at(VIEW_INDENT + "indexes: []\n")) {
                line(VIEW_INDENT + "indexes: []");
            } else {
                line(VIEW_INDENT + "indexes:");
                while (at("      - name: ")) {
                    String name = scalar(value("      - name: "));
                    List<String> columns = flowList(value("        columns: "));
                    boolean unique = bool(value("        unique: "));
                    String using = at("        using: ") ? scalar(value("        using: ")) : "";
                    String where = at("        where: ") ? scalar(value("        where: ")) : "";
                    List<String> include = at("        include: ") ? flowList(value("        include: ")) : List.of();
                    indexes.add(new IndexDefinition(name, columns, unique, using, where, include));
                }
            }
        }
        List<ViewKey> dependsOn = new ArrayList<>();
        if (at(VIEW_INDENT + "dependsOn:\n")) {
            line(VIEW_INDENT + "dependsOn:");
            while (at("      - name: ")) {
                dependsOn.add(key("      "));
            }
        }
        List<String> options = at(VIEW_INDENT + "options: ") ? flowList(value(VIEW_INDENT + "options: ")) : List.of();
        String comment = at(VIEW_INDENT + "comment: ") ? scalar(value(VIEW_INDENT + "comment: ")) : "";
        String sql = sql(value(VIEW_INDENT + "sql: "));
        List<String> reads = at(VIEW_INDENT + READS + ": ") ? flowList(value(VIEW_INDENT + READS + ": ")) : null;
        Reading reading = null;
        if (at(VIEW_INDENT + COLUMNS + ": ")) {
            reading = new Reading(reads, flowList(value(VIEW_INDENT + COLUMNS + ": ")), null);
        } else if (at(VIEW_INDENT + COLUMNS_UNKNOWN + ": ")) {
            reading = new Reading(reads, null, scalar(value(VIEW_INDENT + COLUMNS_UNKNOWN + ": ")));
        } else if (reads != null) {
            throw NotCanonical.INSTANCE;
        }
        ViewDefinition view = new ViewDefinition(key, materialized, withData, indexes, dependsOn, sql, originClass,
                options, comment, sideBySide);
        views.add(view);
        if (reading != null) {
            relations(reading); // checked now: a relation the YAML reader reports makes the file not canonical
            readings.put(view, reading);
        }
    }

    /** {@code - name: ...} at {@code indent}, then an optional {@code schema: ...} under it. */
    private ViewKey key(String indent) {
        String name = scalar(value(indent + "- name: "));
        String schemaPrefix = indent + "  schema: ";
        return new ViewKey(at(schemaPrefix) ? scalar(value(schemaPrefix)) : "", name);
    }

    /** The SQL after {@code sql: }: a literal block ({@code |-}, {@code |2-}) on the next lines, or a quoted value. */
    private String sql(String header) {
        if (!header.equals("|-") && !header.equals("|2-")) {
            if (header.isEmpty() || header.charAt(0) != '"') {
                throw NotCanonical.INSTANCE;
            }
            return scalar(header);
        }
        StringBuilder sql = new StringBuilder();
        boolean first = true;
        while (pos < text.length()) {
            int end;
            int from;
            if (text.charAt(pos) == '\n') {
                end = pos;
                from = pos;
            } else if (text.startsWith(SQL_LINE_INDENT, pos)) {
                end = text.indexOf('\n', pos);
                from = pos + SQL_LINE_INDENT.length();
            } else {
                break;
            }
            if (!first) {
                sql.append('\n');
            }
            sql.append(text, from, end);
            first = false;
            pos = end + 1;
        }
        int length = sql.length();
        while (length > 0 && sql.charAt(length - 1) == '\n') {
            length--; // as the YAML reader drops a block's trailing line breaks
        }
        String block = sql.substring(0, length);
        if (SnapshotFormat.hasTrailingWhitespace(block)) {
            throw NotCanonical.INSTANCE; // the YAML reader drops it (frozen SQL has none): it decides
        }
        return block;
    }

    private boolean at(String prefix) {
        return text.startsWith(prefix, pos);
    }

    /** Consumes the line {@code expected}. */
    private void line(String expected) {
        if (!at(expected) || text.charAt(pos + expected.length()) != '\n') {
            throw NotCanonical.INSTANCE;
        }
        pos += expected.length() + 1;
    }

    /** Consumes a line starting with {@code prefix}; returns the rest of it. */
    private String value(String prefix) {
        if (!at(prefix)) {
            throw NotCanonical.INSTANCE;
        }
        int end = text.indexOf('\n', pos);
        String value = text.substring(pos + prefix.length(), end);
        pos = end + 1;
        return value;
    }

    private static int number(String value) {
        if (value.isEmpty() || value.length() > 9) {
            throw NotCanonical.INSTANCE;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw NotCanonical.INSTANCE;
            }
        }
        return Integer.parseInt(value);
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw NotCanonical.INSTANCE;
        };
    }

    /** A plain or double-quoted value as {@link YamlWriter#quote} writes it. */
    private static String scalar(String value) {
        if (value.isEmpty()) {
            throw NotCanonical.INSTANCE;
        }
        if (value.charAt(0) != '"') {
            return value; // whether it is a plain value YAML reads as this text, writing it back tells
        }
        int end = closingQuote(value, 0);
        if (end != value.length() - 1) {
            throw NotCanonical.INSTANCE;
        }
        return unquote(value, 1, end);
    }

    /** {@code [a, "b c"]} as {@link YamlWriter#flowList} writes it. */
    private static List<String> flowList(String value) {
        int last = value.length() - 1;
        if (last < 1 || value.charAt(0) != '[' || value.charAt(last) != ']') {
            throw NotCanonical.INSTANCE;
        }
        List<String> items = new ArrayList<>();
        if (last == 1) {
            return items;
        }
        int i = 1;
        while (true) {
            int end;
            if (value.charAt(i) == '"') {
                end = closingQuote(value, i) + 1;
                items.add(unquote(value, i + 1, end - 1));
            } else {
                end = value.indexOf(", ", i);
                end = end < 0 ? last : end;
                items.add(value.substring(i, end));
            }
            if (end == last) {
                return items;
            }
            if (!value.startsWith(", ", end)) {
                throw NotCanonical.INSTANCE;
            }
            i = end + 2;
        }
    }

    /** The index of the quote closing the one at {@code open}. */
    private static int closingQuote(String value, int open) {
        for (int i = open + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw NotCanonical.INSTANCE;
    }

    /** The text between quotes, with the escapes {@link YamlWriter#quote} writes. */
    private static String unquote(String value, int from, int to) {
        if (value.indexOf('\\', from) < 0 || value.indexOf('\\', from) >= to) {
            return value.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = value.charAt(++i);
            switch (escaped) {
                case '"', '\\' -> out.append(escaped);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 4 >= to) {
                        throw NotCanonical.INSTANCE;
                    }
                    int code = 0;
                    for (int k = 1; k <= 4; k++) {
                        int digit = Character.digit(value.charAt(i + k), 16);
                        if (digit < 0) {
                            throw NotCanonical.INSTANCE;
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    i += 4;
                }
                default -> throw NotCanonical.INSTANCE;
            }
        }
        return out.toString();
    }

    private static void write(YamlWriter out, Reading reading) {
        if (reading.reads() != null) {
            out.flowList(4, READS, reading.reads());
        }
        if (reading.columns() != null) {
            out.flowList(4, COLUMNS, reading.columns());
        } else {
            out.scalar(4, COLUMNS_UNKNOWN, reading.columnsUnknown());
        }
    }

    /** The relations {@code reads} names, as {@link YamlRevisionReader} takes them apart. */
    private static Optional<Set<ViewKey>> relations(Reading reading) {
        if (reading.reads() == null) {
            return Optional.empty();
        }
        Set<ViewKey> keys = new TreeSet<>();
        for (String relation : reading.reads()) {
            int dot = relation.indexOf('.');
            if (relation.isEmpty() || dot == 0 || dot == relation.length() - 1 || relation.indexOf('.', dot + 1) >= 0) {
                throw NotCanonical.INSTANCE;
            }
            keys.add(dot < 0 ? new ViewKey("", relation)
                    : new ViewKey(relation.substring(0, dot), relation.substring(dot + 1)));
        }
        return Optional.of(keys);
    }

    private static void remember(String sql, Reading reading) {
        OutputColumns.Reading columns = reading.columns() != null
                ? new OutputColumns.Reading(List.copyOf(reading.columns()), null)
                : new OutputColumns.Reading(null, reading.columnsUnknown());
        ParsedSql.remember(sql, relations(reading), columns);
    }
}
