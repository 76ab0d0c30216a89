package dev.viewmigrate.processor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SQL text as SQLite's tokenizer reads it: string literals {@code '...'}, identifiers quoted three ways
 * ({@code "..."}, {@code [...]}, {@code `...`}), blobs {@code x'..'}, comments {@code -- ...} and {@code /* ... *}
 * {@code /} (which do not nest), parameters ({@code ?1}, {@code :a}, {@code @a}, {@code $a}). Used for what only the
 * text can tell: the select list's items as written (SQLite names an unaliased expression's column by its text), and
 * a spelling of the query that JSqlParser reads (the parser knows neither {@code [...]} nor {@code GLOB}).
 */
public final class SqliteText {
    private SqliteText() {}

    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, COMMENT, PUNCTUATION }

    /** One token: where it starts and ends in the text. */
    public record Token(Kind kind, String text, int start, int end) {
        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }
    }

    /**
     * The tokens of a text.
     *
     * @param unterminated what the text ends inside of (e.g. "a string literal"), or null
     */
    public record Lexed(List<Token> tokens, String unterminated) {
        public List<Token> code() {
            return tokens.stream().filter(t -> t.kind() != Kind.COMMENT).toList();
        }
    }

    private static final List<String> OPERATORS = List.of("->>", "->", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>");

    public static Lexed lex(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                kind = Kind.COMMENT;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                // SQLite accepts a block comment left open at the end of the text.
                end = close < 0 ? n : close + 2;
                kind = Kind.COMMENT;
            } else if (c == '\'' || ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                end = closing(sql, c == '\'' ? i : i + 1, '\'');
                if (end < 0) {
                    return new Lexed(tokens, "a string literal");
                }
                kind = Kind.STRING;
            } else if (c == '"' || c == '`') {
                end = closing(sql, i, c);
                if (end < 0) {
                    return new Lexed(tokens, "a quoted identifier");
                }
                kind = Kind.QUOTED_IDENTIFIER;
            } else if (c == '[') {
                int close = sql.indexOf(']', i + 1);
                if (close < 0) {
                    return new Lexed(tokens, "a [quoted] identifier");
                }
                end = close + 1;
                kind = Kind.QUOTED_IDENTIFIER;
            } else if (isIdentifierStart(c)) {
                end = i + 1;
                while (end < n && isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.WORD;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.'
                        || sql.charAt(end) == '_'
                        || ((sql.charAt(end) == '+' || sql.charAt(end) == '-')
                                && Character.toLowerCase(sql.charAt(end - 1)) == 'e'))) {
                    end++;
                }
                kind = Kind.NUMBER;
            } else if ((c == '?' || c == ':' || c == '@' || c == '$') && i + 1 < n
                    && isIdentifierPart(sql.charAt(i + 1))) {
                end = i + 1;
                while (end < n && isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.PARAMETER;
            } else {
                end = i + 1;
                for (String operator : OPERATORS) {
                    if (sql.startsWith(operator, i)) {
                        end = i + operator.length();
                        break;
                    }
                }
                kind = Kind.PUNCTUATION;
            }
            tokens.add(new Token(kind, sql.substring(i, end), i, end));
            i = end;
        }
        return new Lexed(List.copyOf(tokens), null);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
    }

    /** The index after the quote closing the one at {@code open}; a doubled quote is text. -1 when unterminated. */
    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** An identifier as SQLite reads it: the quotes of {@code "a"}, {@code [a]}, {@code `a`} or {@code 'a'} removed. */
    public static String unquote(String identifier) {
        if (identifier.length() >= 2) {
            char first = identifier.charAt(0);
            char last = identifier.charAt(identifier.length() - 1);
            String inner = identifier.substring(1, identifier.length() - 1);
            if (first == '[' && last == ']') {
                return inner;
            }
            if ((first == '"' || first == '`' || first == '\'') && last == first) {
                return inner.replace(String.valueOf(first) + first, String.valueOf(first));
            }
        }
        return identifier;
    }

    /** The words that end a select list at the top level. */
    private static final Set<String> AFTER_SELECT_LIST = Set.of("from", "where", "group", "having", "window", "order",
            "limit", "union", "intersect", "except");

    /**
     * The items of the select list of the query's first (leftmost) {@code SELECT}, each as SQLite takes its text for
     * a column name: from its first token to the token that ends it ({@code ,}, {@code FROM}, ...), comments between
     * included, surrounding white space trimmed. Empty when the text has no such select list (e.g. {@code VALUES}).
     */
    public static Optional<List<String>> selectItems(String sql) {
        Lexed lexed = lex(sql);
        if (lexed.unterminated() != null) {
            return Optional.empty();
        }
        List<Token> code = lexed.code();
        int depth = 0;
        int select = -1;
        for (int i = 0; i < code.size(); i++) {
            Token token = code.get(i);
            if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                depth--;
            } else if (depth == 0 && token.isWord("select")) {
                select = i;
                break;
            }
        }
        if (select < 0) {
            return Optional.empty();
        }
        int i = select + 1;
        if (i < code.size() && (code.get(i).isWord("distinct") || code.get(i).isWord("all"))) {
            i++;
        }
        List<String> items = new ArrayList<>();
        int itemStart = i;
        depth = 0;
        for (; ; i++) {
            Token token = i < code.size() ? code.get(i) : null;
            boolean ends = token == null || (depth == 0 && (token.is(",") || token.is(";") || (token.kind() == Kind.WORD
                    && AFTER_SELECT_LIST.contains(token.text().toLowerCase(Locale.ROOT))
                    && !(token.isWord("from") && i > 0 && code.get(i - 1).isWord("distinct")))));
            if (ends) {
                if (itemStart >= i) {
                    return Optional.empty(); // an empty item: not a select list SQLite accepts
                }
                int start = code.get(itemStart).start();
                int end = token == null ? sql.length() : token.start();
                items.add(sql.substring(start, end).strip());
                if (token == null || !token.is(",")) {
                    return Optional.of(List.copyOf(items));
                }
                itemStart = i + 1;
            } else if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                depth--;
                if (depth < 0) {
                    return Optional.empty(); // the select was inside parentheses after all
                }
            }
        }
    }

    /**
     * The same query spelled so that JSqlParser reads it, for the processor's own reading only (the frozen SQL is
     * never changed): {@code [a]} and {@code `a`} become {@code "a"}; {@code GLOB}, {@code REGEXP} and {@code MATCH}
     * become {@code LIKE}; {@code IS [NOT] x} of two values becomes {@code =} / {@code <>}. Each keeps the number and
     * order of select items and relations.
     */
    public static String forParser(String sql) {
        return rewrite(sql, true);
    }

    /**
     * The same text with {@code [a]} and {@code `a`} spelled {@code "a"}, so that a reader of PostgreSQL's lexical
     * rules (the one-query rule) sees SQLite's quoted identifiers as identifiers.
     */
    public static String quotesAsDoubleQuotes(String sql) {
        return rewrite(sql, false);
    }

    private static String rewrite(String sql, boolean operators) {
        Lexed lexed = lex(sql);
        if (lexed.unterminated() != null) {
            return sql;
        }
        List<Token> tokens = lexed.tokens();
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String replacement = null;
            int last = i;
            if (token.kind() == Kind.QUOTED_IDENTIFIER && !token.text().startsWith("\"")) {
                replacement = "\"" + unquote(token.text()).replace("\"", "\"\"") + "\"";
            } else if (!operators) {
                continue;
            } else if (token.isWord("glob") || token.isWord("regexp") || token.isWord("match")) {
                replacement = "LIKE";
            } else if (token.isWord("is")) {
                int next = nextCode(tokens, i);
                boolean not = next >= 0 && tokens.get(next).isWord("not");
                int operand = not ? nextCode(tokens, next) : next;
                Token value = operand < 0 ? null : tokens.get(operand);
                boolean special = value == null || value.isWord("null") || value.isWord("distinct")
                        || value.isWord("true") || value.isWord("false");
                if (!special) {
                    replacement = not ? "<>" : "=";
                    last = not ? next : i;
                }
            }
            if (replacement != null) {
                out.append(sql, copied, token.start()).append(replacement);
                copied = tokens.get(last).end();
                i = last;
            }
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private static int nextCode(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).kind() != Kind.COMMENT) {
                return j;
            }
        }
        return -1;
    }
}
