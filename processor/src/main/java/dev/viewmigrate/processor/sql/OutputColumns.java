package dev.viewmigrate.processor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
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
 * the SQL alone. Used to know at compile time that {@code CREATE OR REPLACE VIEW} would be refused, and to check
 * that a JPA entity only maps columns its view returns.
 *
 * <p>The names follow PostgreSQL's {@code FigureColname}: an alias; else the column of a column reference, the name
 * of a function, {@code case}, {@code exists}, the column of a scalar subquery, the type of a cast whose operand
 * has no better name; else {@code ?column?} for operators and literals. Anything else is unknown rather than
 * guessed.
 */
public final class OutputColumns {
    /** PostgreSQL's name for an output column it can't name otherwise ({@code SELECT a + 1}). */
    public static final String UNNAMED = "?column?";

    /** The names SQL keyword type names get in the catalog: what {@code x::int} is named when x has no name. */
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("smallint", "int2"),
            Map.entry("bigint", "int8"), Map.entry("real", "float4"), Map.entry("double precision", "float8"),
            Map.entry("float", "float8"), Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"),
            Map.entry("dec", "numeric"), Map.entry("character varying", "varchar"), Map.entry("char", "bpchar"),
            Map.entry("character", "bpchar"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time with time zone", "timetz"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("time without time zone", "time"));

    private OutputColumns() {}

    /**
     * What could be read from a view's SQL: the output names in select order, or why they can't be known.
     *
     * @param names the names (unquoted identifiers folded to lower case), or null when unknown
     * @param unknownReason why the names can't be known from the SQL alone, or null when they are known
     */
    public record Reading(List<String> names, String unknownReason) {
        public Optional<List<String>> known() {
            return Optional.ofNullable(names);
        }
    }

    /** The names in order, or empty when the SQL can't be parsed or a name depends on the database ({@code *}). */
    public static Optional<List<String>> of(String sql) {
        return read(sql).known();
    }

    /** The names in order, or the reason they can't be told from the SQL. */
    public static Reading read(String sql) {
        return ParsedSql.of(sql).outputColumns();
    }

    /** The names of a parsed statement (see {@link ParsedSql}, which parses each text once). */
    static Reading read(Statement statement) {
        if (!(statement instanceof Select select)) {
            return unknown("the SQL is not a SELECT");
        }
        PlainSelect plain = firstPlainSelect(select);
        if (plain == null) {
            return unknown("the SELECT has no select list the parser can read (e.g. VALUES)");
        }
        List<String> names = new ArrayList<>();
        List<SelectItem<?>> items = plain.getSelectItems();
        for (int i = 0; i < items.size(); i++) {
            SelectItem<?> item = items.get(i);
            if (item.getAlias() == null && item.getExpression() instanceof AllColumns) {
                return unknown("select item " + (i + 1) + " (" + item + ") takes its columns from the tables,"
                        + " which the processor can't see");
            }
            Optional<String> name = name(item);
            if (name.isEmpty()) {
                return unknown("the name PostgreSQL gives select item " + (i + 1) + " (" + item + ") is not known"
                        + " to the processor; give it an alias (AS name)");
            }
            names.add(name.get());
        }
        return new Reading(List.copyOf(names), null);
    }

    static Reading unknown(String reason) {
        return new Reading(null, reason);
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
        Named named = figure(item.getExpression(), 0);
        return named == null ? Optional.empty() : Optional.of(named.name());
    }

    /**
     * A derived name with PostgreSQL's strength: 2 for a real name (column, function), 1 for a fallback keyword
     * ({@code case}), 0 for {@code ?column?}. A cast keeps its operand's name only when that has strength 2.
     */
    private record Named(String name, int strength) {}

    /** The derived name, or null when PostgreSQL's rule for this expression isn't modelled. */
    private static Named figure(Expression expression, int depth) {
        if (depth > 32 || expression == null) {
            return null;
        }
        if (expression instanceof AllColumns) {
            return null; // the columns of t.* come from the table, which the processor doesn't see
        }
        if (expression instanceof Column column) {
            return literalKeyword(column.getColumnName())
                    .orElseGet(() -> new Named(identifier(column.getColumnName()), 2));
        }
        if (expression instanceof Function function) {
            List<String> parts = function.getMultipartName();
            String name = parts == null || parts.isEmpty() ? function.getName() : parts.get(parts.size() - 1);
            return name == null ? null : new Named(identifier(name), 2);
        }
        if (expression instanceof AnalyticExpression analytic) {
            return analytic.getName() == null ? null : new Named(identifier(analytic.getName()), 2);
        }
        if (expression instanceof CastExpression cast) {
            Named operand = figure(cast.getLeftExpression(), depth + 1);
            if (operand != null && operand.strength() == 2) {
                return operand; // x::int is still named x
            }
            String type = cast.getColDataType() == null ? null : typeName(cast.getColDataType().getDataType());
            return type == null ? null : new Named(type, 1);
        }
        if (expression instanceof Parenthesis parenthesis) {
            return figure(parenthesis.getExpression(), depth + 1); // (a) is a
        }
        if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return figure(list.get(0), depth + 1); // how JSqlParser 5 reads (a); (a, b) is a row, not modelled
        }
        if (expression instanceof CollateExpression collate) {
            return figure(collate.getLeftExpression(), depth + 1);
        }
        if (expression instanceof CaseExpression) {
            return new Named("case", 1);
        }
        if (expression instanceof ExistsExpression) {
            return new Named("exists", 2);
        }
        if (expression instanceof ParenthesedSelect subquery) {
            // A scalar subquery is named after its own (first) output column.
            PlainSelect inner = firstPlainSelect(subquery);
            if (inner == null || inner.getSelectItems().isEmpty()) {
                return null;
            }
            SelectItem<?> first = inner.getSelectItems().get(0);
            if (first.getAlias() == null && first.getExpression() instanceof AllColumns) {
                return null;
            }
            Optional<String> name = name(first);
            return name.map(n -> new Named(n, 2)).orElse(null);
        }
        if (expression instanceof BinaryExpression || expression instanceof SignedExpression
                || expression instanceof NotExpression || expression instanceof IsNullExpression
                || expression instanceof InExpression || expression instanceof Between
                || expression instanceof LongValue || expression instanceof DoubleValue
                || expression instanceof StringValue || expression instanceof NullValue
                || expression instanceof BooleanValue) {
            return new Named(UNNAMED, 0);
        }
        return null; // a rule we don't model: unknown, never guessed
    }

    /** {@code true} and {@code false} are constants (since PostgreSQL 15 unnamed), in case they parse as columns. */
    private static Optional<Named> literalKeyword(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Optional.of(new Named(UNNAMED, 0));
        }
        return Optional.empty();
    }

    /** The catalog name of a cast's type as written: keyword types mapped, others as written (unqualified). */
    private static String typeName(String written) {
        if (written == null || written.isBlank()) {
            return null;
        }
        String type = written.strip().replaceAll("\\s+", " ").replaceAll("\\s*\\(.*\\)$", "");
        if (type.startsWith("\"")) {
            return null; // quoted type names are rare; not worth modelling
        }
        type = type.toLowerCase(Locale.ROOT);
        type = type.substring(type.lastIndexOf('.') + 1);
        if (!type.matches("[a-z_][a-z0-9_ ]*")) {
            return null; // arrays (int[]) and other forms we don't model
        }
        return TYPE_NAMES.getOrDefault(type, type.contains(" ") ? null : type);
    }

    private static String identifier(String raw) {
        return ParsedSql.identifier(raw);
    }
}
