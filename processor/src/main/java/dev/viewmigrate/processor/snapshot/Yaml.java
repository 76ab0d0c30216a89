package dev.viewmigrate.processor.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The small, strict subset of YAML that revision files use: block mappings, block sequences of mappings, flow
 * sequences of scalars ({@code []}, {@code ["a", b]}), plain and double-quoted scalars, and literal block scalars
 * ({@code |-}) for SQL so that it stays real multi-line text in a diff. Full-line comments only. Written output is
 * valid YAML; the reader accepts what the writer produces (and fails with a line number on anything else).
 */
final class Yaml {
    private Yaml() {}

    /** A node and the 1-based line where it starts (for error messages). */
    sealed interface Node permits MapNode, ListNode, ScalarNode, BlockNode {
        int line();
    }

    record MapNode(Map<String, Node> entries, int line) implements Node {}

    record ListNode(List<Node> items, int line) implements Node {}

    /** A scalar; {@code quoted} distinguishes {@code "1"} (a string) from {@code 1}. */
    record ScalarNode(String text, boolean quoted, int line) implements Node {}

    record BlockNode(String text, int line) implements Node {}

    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        ParseException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]*");
    private static final Pattern YAML_WORDS =
            Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~");

    // ---------------------------------------------------------------- writing

    static final class Writer {
        private final StringBuilder out = new StringBuilder();

        Writer comment(String text) {
            out.append("# ").append(text).append('\n');
            return this;
        }

        Writer scalar(int indent, String key, String value) {
            line(indent, key + ": " + quote(value));
            return this;
        }

        Writer raw(int indent, String key, Object value) {
            line(indent, key + ": " + value);
            return this;
        }

        Writer flowList(int indent, String key, List<String> values) {
            List<String> quoted = values.stream().map(Yaml::quote).toList();
            line(indent, key + ": [" + String.join(", ", quoted) + "]");
            return this;
        }

        Writer key(int indent, String key) {
            line(indent, key + ":");
            return this;
        }

        Writer emptyList(int indent, String key) {
            line(indent, key + ": []");
            return this;
        }

        /** Starts a sequence item: {@code - key: value}; further keys of the item go at {@code indent + 2}. */
        Writer item(int indent, String key, String value) {
            line(indent, "- " + key + ": " + quote(value));
            return this;
        }

        /** A literal block scalar; its lines go at {@code indent + 2}. Blank lines stay empty (no trailing spaces). */
        Writer block(int indent, String key, String text) {
            // An indentation indicator is required when the first line itself starts with whitespace.
            boolean indicator = !text.isEmpty() && Character.isWhitespace(text.charAt(0));
            line(indent, key + ": |" + (indicator ? "2" : "") + "-");
            for (String textLine : text.split("\n", -1)) {
                if (textLine.isEmpty()) {
                    out.append('\n');
                } else {
                    line(indent + 2, textLine);
                }
            }
            return this;
        }

        private void line(int indent, String text) {
            out.append(" ".repeat(indent)).append(text).append('\n');
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    static String quote(String value) {
        if (PLAIN.matcher(value).matches() && !YAML_WORDS.matcher(value).matches()) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    // ---------------------------------------------------------------- reading

    static MapNode parse(String text) throws ParseException {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        Reader reader = new Reader(lines);
        reader.skipIgnorable();
        if (reader.atEnd()) {
            throw new ParseException(1, "the file is empty");
        }
        MapNode root = reader.map(0);
        reader.skipIgnorable();
        if (!reader.atEnd()) {
            throw new ParseException(reader.index + 1, "unexpected indentation or content: '"
                    + lines[reader.index].strip() + "'");
        }
        return root;
    }

    private static final class Reader {
        private final String[] lines;
        private int index;

        Reader(String[] lines) {
            this.lines = lines;
        }

        boolean atEnd() {
            return index >= lines.length;
        }

        void skipIgnorable() {
            while (!atEnd() && (lines[index].isBlank() || lines[index].stripLeading().startsWith("#"))) {
                index++;
            }
        }

        static int indentOf(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            return i;
        }

        /** A mapping whose keys sit at exactly {@code indent}; {@code firstInline} for the key after "- ". */
        MapNode map(int indent) throws ParseException {
            return map(indent, null);
        }

        private MapNode map(int indent, String firstInline) throws ParseException {
            Map<String, Node> entries = new LinkedHashMap<>();
            int startLine = index + 1;
            String pending = firstInline;
            while (true) {
                String content;
                int lineNo;
                if (pending != null) {
                    content = pending;
                    lineNo = index + 1;
                    pending = null;
                } else {
                    skipIgnorable();
                    if (atEnd()) {
                        break;
                    }
                    String line = lines[index];
                    int lineIndent = indentOf(line);
                    if (lineIndent < indent) {
                        break;
                    }
                    if (lineIndent > indent) {
                        throw new ParseException(index + 1, "unexpected indentation: '" + line.strip() + "'");
                    }
                    content = line.substring(indent);
                    if (content.startsWith("- ")) {
                        break;
                    }
                    lineNo = index + 1;
                }
                int colon = content.indexOf(':');
                if (colon <= 0) {
                    throw new ParseException(lineNo, "expected 'key: value', found '" + content.strip() + "'");
                }
                String key = content.substring(0, colon);
                if (!PLAIN.matcher(key).matches()) {
                    throw new ParseException(lineNo, "invalid key '" + key + "'");
                }
                if (entries.containsKey(key)) {
                    throw new ParseException(lineNo, "duplicate key '" + key + "'");
                }
                String value = content.substring(colon + 1).strip();
                index++;
                entries.put(key, value(key, value, indent, lineNo));
            }
            return new MapNode(entries, startLine);
        }

        private Node value(String key, String value, int indent, int lineNo) throws ParseException {
            if (value.equals("|-") || value.equals("|2-")) {
                return block(indent + 2, lineNo);
            }
            if (value.startsWith("[")) {
                return flowList(value, lineNo);
            }
            if (!value.isEmpty()) {
                return scalar(value, lineNo);
            }
            skipIgnorable();
            if (atEnd()) {
                throw new ParseException(lineNo, "'" + key + "' has no value");
            }
            String next = lines[index];
            int nextIndent = indentOf(next);
            if (next.substring(nextIndent).startsWith("- ") && nextIndent >= indent) {
                return list(nextIndent, lineNo);
            }
            if (nextIndent > indent) {
                return map(nextIndent);
            }
            throw new ParseException(lineNo, "'" + key + "' has no value");
        }

        private ListNode list(int indent, int lineNo) throws ParseException {
            List<Node> items = new ArrayList<>();
            while (true) {
                skipIgnorable();
                if (atEnd()) {
                    break;
                }
                String line = lines[index];
                if (indentOf(line) != indent || !line.substring(indent).startsWith("- ")) {
                    break;
                }
                items.add(map(indent + 2, line.substring(indent + 2)));
            }
            return new ListNode(items, lineNo);
        }

        private BlockNode block(int indent, int lineNo) {
            List<String> text = new ArrayList<>();
            while (!atEnd()) {
                String line = lines[index];
                if (line.isEmpty()) {
                    text.add("");
                } else if (indentOf(line) >= indent) {
                    text.add(line.substring(indent));
                } else {
                    break;
                }
                index++;
            }
            while (!text.isEmpty() && text.get(text.size() - 1).isEmpty()) {
                text.remove(text.size() - 1);
            }
            return new BlockNode(String.join("\n", text), lineNo);
        }

        private static ListNode flowList(String value, int lineNo) throws ParseException {
            if (!value.endsWith("]")) {
                throw new ParseException(lineNo, "unterminated list '" + value + "'");
            }
            String inner = value.substring(1, value.length() - 1).strip();
            List<Node> items = new ArrayList<>();
            int i = 0;
            while (i < inner.length()) {
                int end;
                if (inner.charAt(i) == '"') {
                    end = closingQuote(inner, i, lineNo) + 1;
                } else {
                    end = inner.indexOf(',', i);
                    end = end < 0 ? inner.length() : end;
                }
                items.add(scalar(inner.substring(i, end).strip(), lineNo));
                i = end;
                while (i < inner.length() && inner.charAt(i) == ' ') {
                    i++;
                }
                if (i < inner.length()) {
                    if (inner.charAt(i) != ',') {
                        throw new ParseException(lineNo, "expected ',' in list '" + value + "'");
                    }
                    i++;
                    while (i < inner.length() && inner.charAt(i) == ' ') {
                        i++;
                    }
                }
            }
            return new ListNode(items, lineNo);
        }

        private static int closingQuote(String text, int open, int lineNo) throws ParseException {
            for (int i = open + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i;
                }
            }
            throw new ParseException(lineNo, "unterminated string " + text.substring(open));
        }

        private static ScalarNode scalar(String value, int lineNo) throws ParseException {
            if (!value.startsWith("\"")) {
                if (value.contains("#") || value.contains("\"") || value.isEmpty()) {
                    throw new ParseException(lineNo, "invalid value '" + value + "'");
                }
                return new ScalarNode(value, false, lineNo);
            }
            if (closingQuote(value, 0, lineNo) != value.length() - 1) {
                throw new ParseException(lineNo, "unexpected text after string " + value);
            }
            StringBuilder text = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                char e = value.charAt(++i);
                switch (e) {
                    case '"' -> text.append('"');
                    case '\\' -> text.append('\\');
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'u' -> {
                        if (i + 4 >= value.length()) {
                            throw new ParseException(lineNo, "invalid escape in " + value);
                        }
                        try {
                            text.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                        } catch (NumberFormatException ex) {
                            throw new ParseException(lineNo, "invalid escape in " + value);
                        }
                        i += 4;
                    }
                    default -> throw new ParseException(lineNo, "invalid escape \\" + e + " in " + value);
                }
            }
            return new ScalarNode(text.toString(), true, lineNo);
        }
    }
}
