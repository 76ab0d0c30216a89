package dev.viewmigrate.sql;

/**
 * Small, quote-aware helpers over SQL text: where a statement really ends (ignoring trailing comments), and how to
 * point at a position PostgreSQL reported. Understands the lexical forms that can hide a semicolon or a comment
 * marker: {@code '...'} and {@code E'...'} strings, {@code "..."} identifiers, dollar-quoted bodies
 * ({@code $$...$$}, {@code $tag$...$tag$}), {@code --} line comments and nested block comments.
 */
public final class SqlText {
    private SqlText() {}

    /**
     * {@code sql} made into one script statement: a semicolon is added right after its last token when it does not
     * already end with one. Inserting it before a trailing {@code -- comment} (rather than after) matters: appended
     * to the comment, the terminator would be commented out and psql would glue the next statement onto this one.
     * Text that holds no token at all (blank, or only comments) comes back without a semicolon.
     */
    public static String terminate(String sql) {
        String text = stripTrailing(sql);
        int end = endOfLastToken(text);
        if (end == 0 || text.charAt(end - 1) == ';') {
            return text;
        }
        return text.substring(0, end) + ";" + text.substring(end);
    }

    /** Index just after the last character that is not whitespace or inside a comment; 0 when there is none. */
    static int endOfLastToken(String sql) {
        return scan(sql).endOfLastToken();
    }

    /**
     * How many statements {@code sql} holds: semicolons outside quotes, comments and parentheses separate them
     * (a trailing semicolon does not start another). 0 for text without tokens.
     */
    public static int statementCount(String sql) {
        return scan(sql).statements();
    }

    private record Scan(int endOfLastToken, int statements) {}

    private static Scan scan(String sql) {
        int n = sql.length();
        int last = 0;
        int statements = 0;
        int depth = 0;
        boolean open = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierChar(sql.charAt(i - 2)));
                i = skipQuoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                i = skipQuoted(sql, i, '"', false);
            } else if (c == '$' && (i == 0 || !isIdentifierChar(sql.charAt(i - 1))) && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')' && depth > 0) {
                    depth--;
                }
                i++;
            }
            last = i;
            if (c == ';' && depth == 0) {
                if (open) {
                    statements++;
                }
                open = false;
            } else {
                open = true;
            }
        }
        return new Scan(last, open ? statements + 1 : statements);
    }

    static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** End (exclusive) of a dollar-quote opening tag starting at {@code start}, or -1 when there is none. */
    static int dollarTagEnd(String sql, int start) {
        int i = start + 1;
        int n = sql.length();
        if (i < n && sql.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= n || !(Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            return -1;
        }
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < n && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    static String stripTrailing(String sql) {
        int end = sql.length();
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        return sql.substring(0, end);
    }

    /**
     * Where PostgreSQL's error position (1-based, counted in characters) falls in {@code sql}: "line L, column C",
     * followed by that line and a caret under the column. Empty when the position is outside the text (PostgreSQL
     * counts within the statement it received, which may be one part of a multi-statement string).
     */
    public static String pointAt(String sql, int position) {
        int codePoints = sql.codePointCount(0, sql.length());
        if (position < 1 || position > codePoints) {
            return "";
        }
        int index = sql.offsetByCodePoints(0, position - 1);
        int lineStart = sql.lastIndexOf('\n', index - 1) + 1;
        int lineEnd = sql.indexOf('\n', index);
        if (lineEnd < 0) {
            lineEnd = sql.length();
        }
        int line = lineOf(sql, lineStart);
        // Tabs become single spaces so that the caret lines up with the column.
        String lineText = sql.substring(lineStart, lineEnd).replace("\r", "").replace('\t', ' ');
        int column = sql.codePointCount(lineStart, index) + 1;
        // Long lines (a whole view on one line) are cut around the position so the caret stays readable.
        int from = 0;
        String prefix = "";
        if (column > 80) {
            from = column - 60;
            prefix = "...";
        }
        String shown = prefix + abbreviate(lineText.substring(Math.min(from, lineText.length())), 120);
        String caretPad = " ".repeat(prefix.length() + column - 1 - from);
        return "line " + line + ", column " + column + ":\n    " + shown + "\n    " + caretPad + "^";
    }

    /**
     * For a {@code DO} statement, the line of {@code sql} (1-based) on which its code block begins: PL/pgSQL counts
     * the lines of the block from there (line 1 is the line of the opening quote), so block line N is line
     * {@code result + N - 1} of {@code sql}. 0 when {@code sql} is not a {@code DO} statement.
     */
    public static int doBlockStartLine(String sql) {
        int i = skipSpaceAndComments(sql, 0);
        if (!sql.regionMatches(true, i, "DO", 0, 2) || (i + 2 < sql.length() && isIdentifierChar(sql.charAt(i + 2)))) {
            return 0;
        }
        i += 2;
        // DO [LANGUAGE name] code: the code is the first string constant.
        while (i < sql.length()) {
            i = skipSpaceAndComments(sql, i);
            if (i >= sql.length()) {
                return 0;
            }
            char c = sql.charAt(i);
            boolean escapeString = (c == 'E' || c == 'e') && i + 1 < sql.length() && sql.charAt(i + 1) == '\'';
            if (c == '\'' || escapeString || (c == '$' && dollarTagEnd(sql, i) > 0)) {
                return lineOf(sql, i);
            }
            if (c == '"') {
                i = skipQuoted(sql, i, '"', false);
            } else if (isIdentifierChar(c)) {
                while (i < sql.length() && isIdentifierChar(sql.charAt(i)) && sql.charAt(i) != '$') {
                    i++;
                }
            } else {
                return 0;
            }
        }
        return 0;
    }

    /** Line {@code line} (1-based) of {@code sql}, without its line break; empty when there is no such line. */
    public static String line(String sql, int line) {
        String[] lines = sql.split("\r?\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    private static int lineOf(String sql, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int skipSpaceAndComments(String sql, int start) {
        int i = start;
        int n = sql.length();
        while (i < n) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                i = skipBlockComment(sql, i);
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * {@code body} dollar-quoted with a tag that does not occur in it: {@code $vm$...$vm$}, else {@code $vm1$}, ...
     * The body is kept exactly (no escaping is needed inside dollar quotes).
     */
    public static String dollarQuote(String body) {
        String tag = "$vm$";
        // The closing tag must be the first occurrence after the body, also when the body ends in part of it.
        for (int n = 1; (body + tag).indexOf(tag) != body.length(); n++) {
            tag = "$vm" + n + "$";
        }
        return tag + body + tag;
    }

    /** {@code text} cut to at most {@code max} characters, marking the cut. */
    public static String abbreviate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 25)) + " ... [" + (text.length() - max + 25) + " more characters]";
    }
}
