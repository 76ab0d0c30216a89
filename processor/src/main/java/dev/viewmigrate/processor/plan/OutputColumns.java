package dev.viewmigrate.processor.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
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
 * The output column names of a view's {@code SELECT}, as PostgreSQL would name them, when they can be told from
 * the SQL alone. Used to know at compile time that {@code CREATE OR REPLACE VIEW} would be refused.
 */
public final class OutputColumns {
    private OutputColumns() {}

    /** The names in order, or empty when the SQL can't be parsed or a name depends on the database ({@code *}). */
    public static Optional<List<String>> of(String sql) {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return Optional.empty(); // PostgreSQL syntax JSqlParser doesn't know: the guarded replace decides
        }
        if (!(statement instanceof Select select)) {
            return Optional.empty();
        }
        PlainSelect plain = firstPlainSelect(select);
        if (plain == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (SelectItem<?> item : plain.getSelectItems()) {
            Optional<String> name = name(item);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            names.add(name.get());
        }
        return Optional.of(List.copyOf(names));
    }

    /**
     * True when PostgreSQL is known to refuse {@code CREATE OR REPLACE VIEW} from {@code oldSql} to {@code newSql}:
     * it only accepts keeping every existing column (same name, same position) and appending new ones.
     */
    public static boolean replaceKnownRefused(String oldSql, String newSql) {
        Optional<List<String>> before = of(oldSql);
        Optional<List<String>> after = of(newSql);
        if (before.isEmpty() || after.isEmpty()) {
            return false;
        }
        List<String> old = before.get();
        List<String> now = after.get();
        return now.size() < old.size() || !now.subList(0, old.size()).equals(old);
    }

    private static PlainSelect firstPlainSelect(Select select) {
        // The output names of a UNION/INTERSECT/EXCEPT are those of its first branch.
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

    private static Optional<String> name(SelectItem<?> item) {
        if (item.getAlias() != null) {
            return Optional.of(identifier(item.getAlias().getName()));
        }
        Expression expression = item.getExpression();
        if (expression instanceof AllColumns) {
            return Optional.empty(); // the columns of t.* come from the table, which the processor doesn't see
        }
        if (expression instanceof CastExpression cast && cast.getLeftExpression() != null) {
            expression = cast.getLeftExpression(); // x::int is still named x
        }
        if (expression instanceof Column column) {
            return Optional.of(identifier(column.getColumnName()));
        }
        if (expression instanceof Function function && function.getName() != null) {
            String name = function.getName();
            return Optional.of(identifier(name.substring(name.lastIndexOf('.') + 1)));
        }
        return Optional.empty(); // ?column? or a rule we don't model: unknown, decided at run time
    }

    /** Unquoted identifiers fold to lower case; quoted ones keep their case. */
    private static String identifier(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }
}
