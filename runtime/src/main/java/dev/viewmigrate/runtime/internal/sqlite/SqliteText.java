package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.ViewName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQLite's text rules, in one place: how names are quoted, how a view's DDL is rendered, and a small tokenizer that
 * finds the names a stored statement mentions (SQLite quotes identifiers with {@code "..."}, {@code `...`} or
 * {@code [...]}; strings with {@code '...'}; names are compared case-insensitively for ASCII letters).
 */
public final class SqliteText {
    private SqliteText() {}

    /** {@code "name"}, inner double quotes doubled. Always quoted: keywords and odd characters need no special case. */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A string literal, inner single quotes doubled. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The view's name as SQL: {@code "name"}, or {@code "schema"."name"} for a view of an attached database. */
    public static String name(ViewName view) {
        return view.schema().filter(s -> !s.equalsIgnoreCase("main")).map(s -> quote(s) + ".").orElse("")
                + quote(view.name());
    }

    /** How SQLite compares names: ASCII case folded. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code CREATE VIEW "name" AS\nquery}: the text SQLite keeps in {@code sqlite_master} as written. */
    public static String createView(FrozenView view) {
        return "CREATE VIEW " + name(view.name()) + " AS\n" + view.sql();
    }

    /** {@code DROP VIEW "name"}. */
    public static String dropView(FrozenView view) {
        return "DROP VIEW " + name(view.name());
    }

    /** {@code DROP VIEW IF EXISTS "name"}. */
    public static String dropViewIfExists(ViewName view) {
        return "DROP VIEW IF EXISTS " + name(view);
    }

    /**
     * The query of a stored {@code CREATE VIEW} statement: the text after the {@code AS} that ends the view's name
     * (and optional column list), trimmed, without a trailing semicolon. SQLite stores the statement as it was
     * written, so this is the user's text; the whole statement when it has no such {@code AS}.
     */
    public static String viewQuery(String createView) {
        int depth = 0;
        for (Token token : tokens(createView)) {
            if (token.kind() == Kind.OTHER && token.text().equals("(")) {
                depth++;
            } else if (token.kind() == Kind.OTHER && token.text().equals(")")) {
                depth--;
            } else if (depth == 0 && token.kind() == Kind.WORD && token.text().equalsIgnoreCase("as")) {
                return normalise(createView.substring(token.end()));
            }
        }
        return normalise(createView);
    }

    /** Trimmed, without trailing semicolons, line ends as {@code \n}, trailing blanks of lines removed. */
    public static String normalise(String query) {
        String text = query.replace("\r\n", "\n").strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** Whether {@code sql} mentions {@code name} as a name (bare or quoted), outside strings and comments. */
    public static boolean mentions(String sql, String name) {
        String wanted = key(name);
        for (Token token : tokens(sql)) {
            if ((token.kind() == Kind.WORD || token.kind() == Kind.QUOTED) && key(token.text()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    enum Kind { WORD, QUOTED, STRING, OTHER }

    /** A token; for {@link Kind#QUOTED} the text is the name without its quotes. */
    record Token(Kind kind, String text, int start, int end) {}

    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            text.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                    j++;
                }
                int end = Math.min(j + 1, n);
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, text.toString(), i, end));
                i = end;
            } else if (c == '[') {
                int end = sql.indexOf(']', i + 1);
                end = end < 0 ? n : end;
                tokens.add(new Token(Kind.QUOTED, sql.substring(i + 1, end), i, Math.min(end + 1, n)));
                i = Math.min(end + 1, n);
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$' || sql.charAt(j) > 127)) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, j), i, j));
                i = j;
            } else {
                tokens.add(new Token(Kind.OTHER, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return tokens;
    }
}
