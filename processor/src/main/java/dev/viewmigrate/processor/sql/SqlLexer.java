package dev.viewmigrate.processor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into tokens the way PostgreSQL's lexer does where it matters for telling statements apart: a
 * {@code ;} inside a string literal ({@code '...'}, {@code E'...'} with backslash escapes), a quoted identifier
 * ({@code "..."}), a dollar-quoted string ({@code $tag$...$tag$}) or a comment ({@code -- ...}, nested
 * {@code /* ... *}{@code /}) is text, not a separator. Anything else is a word, a number, a parameter ({@code $1}) or
 * one punctuation character. Text that ends inside a literal, identifier or comment is {@link Lexed#unterminated}.
 */
public final class SqlLexer {
    private SqlLexer() {}

    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, COMMENT, PUNCTUATION }

    /** One token and where it starts in the text. */
    public record Token(Kind kind, String text, int start) {
        /** A word as PostgreSQL reads it (folded to lower case), e.g. to compare with keywords. */
        public String lower() {
            return text.toLowerCase(Locale.ROOT);
        }

        public boolean is(String punctuationOrKeyword) {
            return (kind == Kind.PUNCTUATION || kind == Kind.WORD) && text.equalsIgnoreCase(punctuationOrKeyword);
        }
    }

    /**
     * The tokens of a text.
     *
     * @param unterminated what the text ends inside of (e.g. "a string literal"), or null
     */
    public record Lexed(List<Token> tokens, String unterminated) {
        /** The tokens without comments. */
        public List<Token> code() {
            return tokens.stream().filter(t -> t.kind() != Kind.COMMENT).toList();
        }

        public boolean hasComment() {
            return tokens.stream().anyMatch(t -> t.kind() == Kind.COMMENT);
        }
    }

    public static Lexed lex(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                tokens.add(new Token(Kind.COMMENT, sql.substring(i, end), i));
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = blockCommentEnd(sql, i);
                if (end < 0) {
                    return new Lexed(tokens, "a /* comment");
                }
                tokens.add(new Token(Kind.COMMENT, sql.substring(i, end), i));
                i = end;
            } else if (c == '\'' || (isStringPrefix(sql, i) && quoteAfterPrefix(sql, i) >= 0)) {
                int quote = c == '\'' ? i : quoteAfterPrefix(sql, i);
                boolean backslashes = quote == i + 1 && (c == 'e' || c == 'E');
                int end = stringEnd(sql, quote, backslashes);
                if (end < 0) {
                    return new Lexed(tokens, "a string literal");
                }
                tokens.add(new Token(Kind.STRING, sql.substring(i, end), i));
                i = end;
            } else if (c == '"' || ((c == 'u' || c == 'U') && sql.startsWith("&\"", i + 1))) {
                int quote = c == '"' ? i : i + 2;
                int end = stringEnd(sql, quote, false);
                if (end < 0) {
                    return new Lexed(tokens, "a quoted identifier");
                }
                tokens.add(new Token(Kind.QUOTED_IDENTIFIER, sql.substring(i, end), i));
                i = end;
            } else if (c == '$') {
                int tagEnd = dollarTagEnd(sql, i);
                if (tagEnd > 0) {
                    String tag = sql.substring(i, tagEnd);
                    int close = sql.indexOf(tag, tagEnd);
                    if (close < 0) {
                        return new Lexed(tokens, "a dollar-quoted string (" + tag + ")");
                    }
                    tokens.add(new Token(Kind.STRING, sql.substring(i, close + tag.length()), i));
                    i = close + tag.length();
                } else if (i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < n && Character.isDigit(sql.charAt(end))) {
                        end++;
                    }
                    tokens.add(new Token(Kind.PARAMETER, sql.substring(i, end), i));
                    i = end;
                } else {
                    tokens.add(new Token(Kind.PUNCTUATION, "$", i));
                    i++;
                }
            } else if (isIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.'
                        || sql.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(i, end), i));
                i = end;
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), i));
                i++;
            }
        }
        return new Lexed(List.copyOf(tokens), null);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
    }

    /** E'...', B'...', X'...', N'...', U&'...': a prefix glued to the quote. */
    private static boolean isStringPrefix(String sql, int i) {
        char c = Character.toLowerCase(sql.charAt(i));
        if (i > 0 && isIdentifierPart(sql.charAt(i - 1))) {
            return false;
        }
        return c == 'e' || c == 'b' || c == 'x' || c == 'n' || c == 'u';
    }

    private static int quoteAfterPrefix(String sql, int i) {
        char c = Character.toLowerCase(sql.charAt(i));
        if (c == 'u') {
            return sql.startsWith("&'", i + 1) ? i + 2 : -1;
        }
        return i + 1 < sql.length() && sql.charAt(i + 1) == '\'' ? i + 1 : -1;
    }

    /** The index after the closing quote of the literal opened at {@code quote}; a doubled quote is text. */
    private static int stringEnd(String sql, int quote, boolean backslashes) {
        char q = sql.charAt(quote);
        int i = quote + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
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

    /** Block comments nest in PostgreSQL. */
    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i + 1 < sql.length()) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The index after a dollar-quote opening tag ({@code $$}, {@code $tag$}) at {@code i}, or -1. */
    private static int dollarTagEnd(String sql, int i) {
        if (i > 0 && isIdentifierPart(sql.charAt(i - 1))) {
            return -1; // part of an identifier such as a$b
        }
        int j = i + 1;
        if (j < sql.length() && sql.charAt(j) == '$') {
            return j + 1;
        }
        if (j >= sql.length() || !(Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) > 127)) {
            return -1;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                || sql.charAt(j) > 127)) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
}
