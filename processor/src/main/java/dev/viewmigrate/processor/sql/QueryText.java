package dev.viewmigrate.processor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one-query rule: a view's SQL is exactly one query ({@code SELECT}, {@code WITH ... SELECT}, {@code VALUES},
 * {@code TABLE}), and an index entry or predicate is one expression. The generated migrations run this text inside
 * {@code CREATE VIEW ... AS} and {@code CREATE INDEX}, and pgjdbc runs every statement of a string: a second
 * statement would run on every upgrade that creates the view. Read with {@link SqlLexer}, so {@code ;} inside
 * literals, quoted identifiers, dollar quotes and comments is text.
 */
public final class QueryText {
    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "table");
    private static final Set<String> MAIN_STATEMENTS =
            Set.of("select", "values", "table", "insert", "update", "delete", "merge");
    private static final Set<String> DATA_MODIFYING = Set.of("insert", "update", "delete", "merge");

    private QueryText() {}

    /** Why a text is not one query. */
    public enum Refusal {
        /** More than one statement. */
        SECOND_STATEMENT,
        /** One statement that is no query (DDL, DML, a utility command). */
        NOT_A_QUERY,
        /** {@code WITH [LOCAL|CASCADED] CHECK OPTION} after the query: that is {@code options}'s job. */
        CHECK_OPTION,
        /** The text ends inside a literal, quoted identifier or comment. */
        UNTERMINATED
    }

    /** What is wrong and the text found, e.g. {@code SECOND_STATEMENT, "DROP TABLE audit_log"}. */
    public record Problem(Refusal refusal, String found) {}

    /** Why {@code sql} is not exactly one query, or empty when it is. */
    public static Optional<Problem> checkQuery(String sql) {
        SqlLexer.Lexed lexed = SqlLexer.lex(sql);
        if (lexed.unterminated() != null) {
            return Optional.of(new Problem(Refusal.UNTERMINATED, lexed.unterminated()));
        }
        List<List<SqlLexer.Token>> statements = new ArrayList<>();
        List<SqlLexer.Token> statement = new ArrayList<>();
        SqlLexer.Token separator = null;
        for (SqlLexer.Token token : lexed.code()) {
            if (token.is(";")) {
                separator = separator == null ? token : separator;
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                statement = new ArrayList<>();
            } else {
                statement.add(token);
            }
        }
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        if (statements.isEmpty()) {
            return Optional.empty(); // no SQL at all is reported as empty elsewhere
        }
        if (statements.size() > 1) {
            return Optional.of(new Problem(Refusal.SECOND_STATEMENT, text(sql, statements.get(1))));
        }
        if (separator != null) {
            // Only comments after it: still a separator the generated statement would run into.
            return Optional.of(new Problem(Refusal.SECOND_STATEMENT, sql.substring(separator.start()).strip()
                    .replaceAll("\\s+", " ")));
        }
        List<SqlLexer.Token> tokens = statements.get(0);
        Optional<String> checkOption = trailingCheckOption(sql, tokens);
        if (checkOption.isPresent()) {
            return Optional.of(new Problem(Refusal.CHECK_OPTION, checkOption.get()));
        }
        String first = firstWord(tokens, 0);
        if (first == null || !QUERY_STARTS.contains(first)) {
            return Optional.of(new Problem(Refusal.NOT_A_QUERY, text(sql, tokens)));
        }
        if (first.equals("with")) {
            String main = mainStatementOfWith(tokens);
            if (main != null && DATA_MODIFYING.contains(main)) {
                return Optional.of(new Problem(Refusal.NOT_A_QUERY, text(sql, tokens)));
            }
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            // WITH d AS (DELETE FROM t RETURNING *) SELECT ...: a data-modifying statement inside the query
            if (tokens.get(i).is("(") && isDataModifying(tokens, i + 1)) {
                return Optional.of(new Problem(Refusal.NOT_A_QUERY, text(sql, tokens.subList(i + 1, tokens.size()))));
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code entry} is not one index column or expression (optionally followed by a collation, an operator
     * class, ASC|DESC, NULLS FIRST|LAST), or empty when it is one.
     */
    public static Optional<String> checkIndexEntry(String entry) {
        return checkExpression(entry, true);
    }

    /** Why {@code expression} (a partial index's predicate) is not one expression, or empty when it is one. */
    public static Optional<String> checkPredicate(String expression) {
        return checkExpression(expression, false);
    }

    private static Optional<String> checkExpression(String text, boolean oneEntry) {
        SqlLexer.Lexed lexed = SqlLexer.lex(text);
        if (lexed.unterminated() != null) {
            return Optional.of("it ends inside " + lexed.unterminated());
        }
        if (lexed.hasComment()) {
            return Optional.of("it holds a comment (-- or /*), which can hide the text after it");
        }
        int depth = 0;
        List<SqlLexer.Token> tokens = lexed.code();
        if (tokens.isEmpty()) {
            return Optional.of("it is blank");
        }
        for (SqlLexer.Token token : tokens) {
            if (token.is(";")) {
                return Optional.of("it holds a ; (a statement separator)");
            } else if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                depth--;
                if (depth < 0) {
                    return Optional.of("it closes a parenthesis it did not open");
                }
            } else if (oneEntry && depth == 0 && token.is(",")) {
                return Optional.of("it lists several entries; write each column or expression as an entry of its own");
            }
        }
        if (depth > 0) {
            return Optional.of("it leaves a parenthesis open");
        }
        return Optional.empty();
    }

    /**
     * The column of an index entry when the entry is a plain column name ({@code "name"}, {@code "name DESC"},
     * {@code "name gin_trgm_ops"}, {@code "\"Name\""}), as PostgreSQL will read it; empty for an expression. An entry
     * that is one bare name is quoted as written by the migrations ({@code userId} is the column {@code "userId"});
     * followed by more words it is written as is, so PostgreSQL folds it to lower case.
     */
    public static Optional<String> indexColumnName(String entry) {
        SqlLexer.Lexed lexed = SqlLexer.lex(entry);
        List<SqlLexer.Token> tokens = lexed.code();
        if (lexed.unterminated() != null || tokens.isEmpty()) {
            return Optional.empty();
        }
        SqlLexer.Token first = tokens.get(0);
        if (first.kind() != SqlLexer.Kind.WORD && first.kind() != SqlLexer.Kind.QUOTED_IDENTIFIER) {
            return Optional.empty();
        }
        if (first.text().startsWith("U&") || first.text().startsWith("u&")) {
            return Optional.empty();
        }
        for (SqlLexer.Token token : tokens.subList(1, tokens.size())) {
            if (token.kind() != SqlLexer.Kind.WORD && token.kind() != SqlLexer.Kind.QUOTED_IDENTIFIER
                    && !token.is(".")) {
                return Optional.empty(); // an operator, a call, a cast: an expression
            }
        }
        if (tokens.size() > 1 && tokens.get(1).is(".")) {
            return Optional.empty(); // schema-qualified: not a column of the view
        }
        if (tokens.size() == 1 && first.kind() == SqlLexer.Kind.WORD) {
            return Optional.of(first.text());
        }
        return Optional.of(ParsedSql.identifier(first.text()));
    }

    private static boolean isDataModifying(List<SqlLexer.Token> tokens, int i) {
        String word = firstWord(tokens, i);
        if (word == null || !DATA_MODIFYING.contains(word) || tokens.get(i).kind() != SqlLexer.Kind.WORD) {
            return false;
        }
        String next = i + 1 < tokens.size() ? tokens.get(i + 1).lower() : "";
        return switch (word) {
            case "insert", "merge" -> next.equals("into");
            case "delete" -> next.equals("from");
            default -> tokens.stream().skip(i + 1).limit(4).anyMatch(t -> t.is("set")); // UPDATE t [AS x] SET
        };
    }

    /** The first word, skipping opening parentheses ({@code (SELECT ...) UNION (...)}), lower case. */
    private static String firstWord(List<SqlLexer.Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            SqlLexer.Token token = tokens.get(i);
            if (token.is("(")) {
                continue;
            }
            return token.kind() == SqlLexer.Kind.WORD ? token.lower() : null;
        }
        return null;
    }

    /** The statement after the CTEs of a {@code WITH}: the first statement keyword outside parentheses. */
    private static String mainStatementOfWith(List<SqlLexer.Token> tokens) {
        int depth = 0;
        for (SqlLexer.Token token : tokens.subList(1, tokens.size())) {
            if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                depth--;
            } else if (depth == 0 && token.kind() == SqlLexer.Kind.WORD && MAIN_STATEMENTS.contains(token.lower())) {
                return token.lower();
            }
        }
        return null;
    }

    /** {@code WITH [LOCAL|CASCADED] CHECK OPTION} at the end of the statement, as written. */
    private static Optional<String> trailingCheckOption(String sql, List<SqlLexer.Token> tokens) {
        int n = tokens.size();
        if (n < 3 || !tokens.get(n - 1).is("option") || !tokens.get(n - 2).is("check")) {
            return Optional.empty();
        }
        int with = n - 3;
        if (tokens.get(with).is("local") || tokens.get(with).is("cascaded")) {
            with--;
        }
        if (with < 0 || !tokens.get(with).is("with")) {
            return Optional.empty();
        }
        return Optional.of(text(sql, tokens.subList(with, n)));
    }

    /** The source text from the first to the last token, on one line, shortened for a message. */
    private static String text(String sql, List<SqlLexer.Token> tokens) {
        SqlLexer.Token last = tokens.get(tokens.size() - 1);
        String text = sql.substring(tokens.get(0).start(), last.start() + last.text().length())
                .replaceAll("\\s+", " ");
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
