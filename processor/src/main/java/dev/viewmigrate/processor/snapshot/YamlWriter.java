package dev.viewmigrate.processor.snapshot;

import java.util.List;

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
    /** The words YAML 1.1 or 1.2 reads as something other than text when plain; compared ignoring ASCII case. */
    private static final List<String> YAML_WORDS =
            List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    private final StringBuilder out = new StringBuilder();

    YamlWriter comment(String text) {
        out.append("# ").append(text).append('\n');
        return this;
    }

    YamlWriter scalar(int indent, String key, String value) {
        start(indent, key).append(": ");
        appendQuoted(out, value);
        out.append('\n');
        return this;
    }

    YamlWriter raw(int indent, String key, Object value) {
        start(indent, key).append(": ").append(value).append('\n');
        return this;
    }

    YamlWriter flowList(int indent, String key, List<String> values) {
        start(indent, key).append(": [");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendQuoted(out, values.get(i));
        }
        out.append("]\n");
        return this;
    }

    YamlWriter key(int indent, String key) {
        start(indent, key).append(":\n");
        return this;
    }

    YamlWriter emptyList(int indent, String key) {
        start(indent, key).append(": []\n");
        return this;
    }

    /** Starts a sequence item: {@code - key: value}; further keys of the item go at {@code indent + 2}. */
    YamlWriter item(int indent, String key, String value) {
        start(indent, "- ").append(key).append(": ");
        appendQuoted(out, value);
        out.append('\n');
        return this;
    }

    /**
     * A literal block scalar; its lines go at {@code indent + 2}. Blank lines stay empty (no trailing spaces). Text
     * with a character a YAML block cannot hold is written double-quoted with escapes instead.
     */
    YamlWriter block(int indent, String key, String text) {
        // NEL, LS and PS are line breaks to some YAML readers (YAML 1.1, SnakeYAML Engine in a block): a line
        // after one would lose its indentation, so such text is written double-quoted too.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && c != '\n' && (!printable(c) || c == 0x85 || c == 0x2028 || c == 0x2029)) {
                return scalar(indent, key, text);
            }
        }
        // An indentation indicator is required when the first line itself starts with whitespace.
        boolean indicator = !text.isEmpty() && Character.isWhitespace(text.charAt(0));
        start(indent, key).append(indicator ? ": |2-\n" : ": |-\n");
        int from = 0;
        while (true) {
            int end = text.indexOf('\n', from);
            int lineEnd = end < 0 ? text.length() : end;
            if (lineEnd > from) {
                indent(indent + 2).append(text, from, lineEnd);
            }
            out.append('\n');
            if (end < 0) {
                return this;
            }
            from = end + 1;
        }
    }

    /** Appends the indentation and {@code text}, leaving the line open. */
    private StringBuilder start(int indent, String text) {
        return indent(indent).append(text);
    }

    private StringBuilder indent(int indent) {
        for (int i = 0; i < indent; i++) {
            out.append(' ');
        }
        return out;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String quote(String value) {
        if (plain(value)) {
            return value;
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2);
        appendQuoted(quoted, value);
        return quoted.toString();
    }

    /**
     * Whether YAML reads {@code value} written plain as the same text: {@code [A-Za-z_][A-Za-z0-9_.$]*}, and not a
     * word YAML reads as a boolean or null.
     */
    private static boolean plain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            if (!letter && (i == 0 || !(c >= '0' && c <= '9' || c == '.' || c == '$'))) {
                return false;
            }
        }
        if (value.length() <= 5) {
            for (String word : YAML_WORDS) {
                if (word.equalsIgnoreCase(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void appendQuoted(StringBuilder quoted, String value) {
        if (plain(value)) {
            quoted.append(value);
            return;
        }
        quoted.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (!printable(c)) {
                        quoted.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int pad = hex.length(); pad < 4; pad++) {
                            quoted.append('0');
                        }
                        quoted.append(hex);
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        quoted.append('"');
    }

    /**
     * YAML 1.2's printable characters other than tab and line breaks (c-printable, as SnakeYAML Engine checks it);
     * surrogates count as printable, as the pairs they form are.
     */
    private static boolean printable(char c) {
        return (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xFFFD);
    }
}
