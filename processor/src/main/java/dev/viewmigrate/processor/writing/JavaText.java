package dev.viewmigrate.processor.writing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * User text (view names, SQL, comments, descriptions) as Java source, safe for any content: javac must read back
 * exactly the text that was frozen, and no text may end a literal or a comment early.
 *
 * <ul>
 *   <li>Everything outside printable ASCII is escaped ({@code \\uXXXX} or an octal escape), so the generated file
 *       is ASCII whatever encoding the build compiles with, and JavaPoet never sees a character it would treat as
 *       a line break (U+2028, U+2029, U+0085).</li>
 *   <li>Backslashes are doubled, so a {@code \\u002a} in the SQL stays six characters and never becomes a Unicode
 *       escape that javac translates before lexing.</li>
 *   <li>Comments get HTML entities for the characters that could close or confuse them.</li>
 * </ul>
 */
final class JavaText {
    /** Per string constant: javac refuses constants over 65,535 bytes of modified UTF-8 (up to 3 per char). */
    static final int MAX_CONSTANT_CHARS = 20_000;

    private JavaText() {}

    /**
     * An expression for {@code text}: a text block for multi-line text that a text block holds exactly, else a
     * string literal; text longer than {@link #MAX_CONSTANT_CHARS} is joined at run time from parts.
     */
    static String expression(String text, String indent) {
        if (text.length() > MAX_CONSTANT_CHARS) {
            List<String> parts = new ArrayList<>();
            for (int start = 0; start < text.length(); start += MAX_CONSTANT_CHARS) {
                int end = Math.min(text.length(), start + MAX_CONSTANT_CHARS);
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--; // keep a surrogate pair in one part
                }
                parts.add(literal(text.substring(start, end)));
                start = end - MAX_CONSTANT_CHARS;
            }
            return "String.join(\"\",\n" + indent + String.join(",\n" + indent, parts) + ")";
        }
        return text.indexOf('\n') >= 0 && textBlockHolds(text) ? textBlock(text, indent) : literal(text);
    }

    /** A double-quoted string literal. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> escapeOther(out, c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * Whether a text block reads back {@code text} exactly: no line may end in whitespace (text blocks strip it),
     * and no control character other than tab may appear (CR would be normalised).
     */
    private static boolean textBlockHolds(String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                return false;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return false;
                }
            }
        }
        // The closing delimiter follows the last line: indentation is measured on the content lines only, so the
        // first non-blank line must carry the least of it (CanonicalSql guarantees one line without indentation).
        return text.lines().filter(line -> !line.isBlank())
                .anyMatch(line -> !Character.isWhitespace(line.charAt(0)));
    }

    /** {@code """\n<lines, each after indent>"""}: the text without a trailing line break. */
    private static String textBlock(String text, String indent) {
        StringBuilder out = new StringBuilder(text.length() + 16).append("\"\"\"\n");
        int quotesInRow = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append('\n');
                quotesInRow = 0;
                continue;
            }
            if (i == 0 || text.charAt(i - 1) == '\n') {
                out.append(indent);
            }
            if (c == '"') {
                // Never three unescaped quotes in a row, and never a quote right before the closing delimiter.
                quotesInRow++;
                if (quotesInRow == 3 || i == text.length() - 1) {
                    out.append("\\\"");
                    quotesInRow = 0;
                } else {
                    out.append('"');
                }
                continue;
            }
            quotesInRow = 0;
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\t') {
                out.append('\t');
            } else {
                escapeOther(out, c);
            }
        }
        return out.append("\"\"\"").toString();
    }

    private static void escapeOther(StringBuilder out, char c) {
        if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\%03o", (int) c));
        } else if (c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }

    /**
     * {@code text} for a Javadoc comment: HTML entities for what could end the comment ({@code *}{@code /}), start
     * a tag ({@code @}, braces), form an escape ({@code \\}), or be markup; line breaks of any kind become spaces;
     * everything outside printable ASCII becomes a character reference.
     */
    static String javadoc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '{' -> out.append("&#123;");
                case '}' -> out.append("&#125;");
                case '\\' -> out.append("&#92;");
                case '*' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '/' ? "&#42;" : "*");
                case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        out.append(' ');
                    } else if (c > 0x7e) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A Java constant name for a view: upper snake case of its name ({@code activeUsers} → {@code ACTIVE_USERS},
     * {@code "Sales Data"} → {@code SALES_DATA}), letters and digits only, never a keyword or starting with a
     * digit; {@code VIEW} when nothing usable is left.
     */
    static String constantName(String name) {
        StringBuilder out = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            } else {
                if (c >= 'A' && c <= 'Z' && previous >= 'a' && previous <= 'z' && out.length() > 0
                        && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toUpperCase(c));
            }
            previous = c;
        }
        String result = out.toString().replaceAll("_+$", "");
        if (result.isEmpty()) {
            return "VIEW";
        }
        return Character.isDigit(result.charAt(0)) ? "V_" + result : result;
    }
}
