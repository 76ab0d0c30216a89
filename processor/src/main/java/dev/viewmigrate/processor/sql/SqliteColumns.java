package dev.viewmigrate.processor.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * The output column names of a view's query as SQLite names them ({@code sqlite3ColumnsFromExprList}), when they can
 * be told from the SQL alone:
 * <ul>
 *   <li>an alias ({@code AS x}, or {@code x}, quoted any way, even {@code 'x'}) names its column;</li>
 *   <li>a column reference ({@code name}, {@code u.name}, {@code (u.name)}, {@code name COLLATE nocase}) is named
 *       after the column (SQLite takes the case of the table's declaration; names compare without case anyway);</li>
 *   <li>any other expression is named by its text as written, e.g. {@code count(*)} or {@code a || ' ' || b};</li>
 *   <li>{@code true} and {@code false} become {@code columnN}; a name already taken gets {@code :1}, {@code :2}, ...
 *       ({@code name}, {@code name:1}).</li>
 * </ul>
 * {@code *}, {@code t.*} and {@code rowid} (named after the table's {@code INTEGER PRIMARY KEY} when it has one) depend
 * on the tables: unknown rather than guessed.
 */
public final class SqliteColumns {
    private static final SqlTextCache<OutputColumns.Reading> CACHE = new SqlTextCache<>(SqliteColumns::compute);
    private static final Set<String> ROWID = Set.of("rowid", "oid", "_rowid_");

    private static final java.util.concurrent.ExecutorService PARSER_THREAD =
            java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "viewmigrate-sqlite-parser");
                thread.setDaemon(true);
                return thread;
            });

    private SqliteColumns() {}

    /** The names in select order, or why they can't be told from the SQL. */
    public static OutputColumns.Reading read(String sql) {
        return CACHE.get(sql);
    }

    private static OutputColumns.Reading compute(String sql) {
        Optional<List<String>> texts = SqliteText.selectItems(sql);
        if (texts.isEmpty()) {
            return OutputColumns.unknown("the query has no select list the processor can read (e.g. VALUES)");
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(SqliteText.forParser(sql), PARSER_THREAD, null);
        } catch (Exception | StackOverflowError e) {
            return OutputColumns.unknown("the SQL uses syntax the parser (JSqlParser) does not understand");
        }
        PlainSelect plain = statement instanceof Select select ? firstPlainSelect(select) : null;
        if (plain == null || plain.getSelectItems().size() != texts.get().size()) {
            return OutputColumns.unknown("the processor could not read the select list");
        }
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<SelectItem<?>> items = plain.getSelectItems();
        for (int i = 0; i < items.size(); i++) {
            SelectItem<?> item = items.get(i);
            String text = texts.get().get(i);
            String name;
            if (item.getAlias() != null) {
                name = SqliteText.unquote(item.getAlias().getName());
            } else {
                Expression expression = unwrap(item.getExpression());
                if (expression instanceof AllColumns) {
                    return OutputColumns.unknown("select item " + (i + 1) + " (" + text + ") takes its columns from"
                            + " the tables, which the processor can't see");
                }
                if (expression instanceof Column column) {
                    name = SqliteText.unquote(column.getColumnName());
                    if (ROWID.contains(SqliteNames.fold(name))) {
                        return OutputColumns.unknown("select item " + (i + 1) + " (" + text + ") is named after"
                                + " the table's INTEGER PRIMARY KEY when it has one; give it an alias (AS name)");
                    }
                } else {
                    name = text;
                }
            }
            if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
                name = "column" + (i + 1);
            }
            Optional<String> unique = unique(name, taken);
            if (unique.isEmpty()) {
                return OutputColumns.unknown("select item " + (i + 1) + " (" + text + ") repeats a name so often"
                        + " that SQLite gives it a random suffix; give it an alias (AS name)");
            }
            taken.add(SqliteNames.fold(unique.get()));
            names.add(unique.get());
        }
        return new OutputColumns.Reading(List.copyOf(names), null);
    }

    /** SQLite's suffix for a name already taken: {@code :1}, {@code :2}, ... (random after the third try). */
    private static Optional<String> unique(String name, Set<String> taken) {
        String candidate = name;
        int count = 0;
        while (taken.contains(SqliteNames.fold(candidate))) {
            if (count == 3) {
                return Optional.empty();
            }
            int length = candidate.length();
            int j = length - 1;
            while (j > 0 && Character.isDigit(candidate.charAt(j))) {
                j--;
            }
            if (candidate.charAt(j) == ':') {
                length = j;
            }
            candidate = candidate.substring(0, length) + ":" + (++count);
        }
        return Optional.of(candidate);
    }

    /** What SQLite looks through to find a column reference: parentheses, COLLATE, likely() and its kin. */
    private static Expression unwrap(Expression expression) {
        Expression current = expression;
        for (int depth = 0; depth < 32 && current != null; depth++) {
            if (current instanceof Parenthesis parenthesis) {
                current = parenthesis.getExpression();
            } else if (current instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                current = list.get(0);
            } else if (current instanceof CollateExpression collate) {
                current = collate.getLeftExpression();
            } else if (current instanceof Function function && function.getName() != null
                    && List.of("likely", "unlikely", "likelihood").contains(SqliteNames.fold(function.getName()))
                    && function.getParameters() != null && !function.getParameters().isEmpty()) {
                current = function.getParameters().get(0);
            } else {
                return current;
            }
        }
        return current;
    }

    private static PlainSelect firstPlainSelect(Select select) {
        Select current = select;
        for (int depth = 0; depth < 32; depth++) {
            if (current instanceof PlainSelect plain) {
                return plain;
            } else if (current instanceof SetOperationList setOperation && !setOperation.getSelects().isEmpty()) {
                current = setOperation.getSelects().get(0);
            } else if (current instanceof ParenthesedSelect parenthesed) {
                current = parenthesed.getSelect();
            } else {
                return null;
            }
        }
        return null;
    }
}
