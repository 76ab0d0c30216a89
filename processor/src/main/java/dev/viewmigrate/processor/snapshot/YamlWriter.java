package dev.viewmigrate.processor.snapshot;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes revision files in one canonical YAML layout: block mappings, block sequences of mappings, flow sequences of
 * scalars, plain scalars where YAML reads them back as the same text and double-quoted ones elsewhere, and literal
 * block scalars ({@code |-}) for SQL so that it stays real multi-line text in a diff. Full-line comments only.
 *
 * <p>The bytes it produces are what a revision's checksum is computed over, so they must never change for content
 * that was written before: only text YAML cannot hold as it is (control characters) takes another form, and files
 * holding such text could not be read back anyway. Reading is SnakeYAML Engine's job (see {@link SnapshotFormat}).
 */
final class YamlWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]*");
    private static final Pattern YAML_WORDS =
            Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~");

    private final StringBuilder out = new StringBuilder();

    YamlWriter comment(String text) {
        out.append("# ").append(text).append('\n');
        return this;
    }

    YamlWriter scalar(int indent, String key, String value) {
        line(indent, key + ": " + quote(value));
        return this;
    }

    YamlWriter raw(int indent, String key, Object value) {
        line(indent, key + ": " + value);
        return this;
    }

    YamlWriter flowList(int indent, String key, List<String> values) {
        List<String> quoted = values.stream().map(YamlWriter::quote).toList();
        line(indent, key + ": [" + String.join(", ", quoted) + "]");
        return this;
    }

    YamlWriter key(int indent, String key) {
        line(indent, key + ":");
        return this;
    }

    YamlWriter emptyList(int indent, String key) {
        line(indent, key + ": []");
        return this;
    }

    /** Starts a sequence item: {@code - key: value}; further keys of the item go at {@code indent + 2}. */
    YamlWriter item(int indent, String key, String value) {
        line(indent, "- " + key + ": " + quote(value));
        return this;
    }

    /**
     * A literal block scalar; its lines go at {@code indent + 2}. Blank lines stay empty (no trailing spaces). Text
     * with a character a YAML block cannot hold is written double-quoted with escapes instead.
     */
    YamlWriter block(int indent, String key, String text) {
        // NEL, LS and PS are line breaks to some YAML readers (YAML 1.1, SnakeYAML Engine in a block): a line
        // after one would lose its indentation, so such text is written double-quoted too.
        if (!text.chars().allMatch(c -> c == '\t' || c == '\n' || (printable((char) c) && c != 0x85
                && c != 0x2028 && c != 0x2029))) {
            return scalar(indent, key, text);
        }
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
                    if (!printable(c)) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * YAML 1.2's printable characters other than tab and line breaks (c-printable, as SnakeYAML Engine checks it);
     * surrogates count as printable, as the pairs they form are.
     */
    private static boolean printable(char c) {
        return (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xFFFD);
    }
}
