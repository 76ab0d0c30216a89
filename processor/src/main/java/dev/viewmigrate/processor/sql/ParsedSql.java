package dev.viewmigrate.processor.sql;

import dev.viewmigrate.processor.model.ViewKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * A view's SQL text parsed once (by JSqlParser): the relations it names and its output columns. Every compile plans
 * every revision from the full state before it, so the same texts are read again and again; the readings are cached
 * per text ({@link SqlTextCache}) and immutable.
 */
public final class ParsedSql {
    private static final SqlTextCache<ParsedSql> CACHE = new SqlTextCache<>(ParsedSql::parse);

    private final Optional<Set<ViewKey>> relations; // empty when the SQL can't be parsed
    private final OutputColumns.Reading outputColumns;

    private ParsedSql(Set<ViewKey> references, OutputColumns.Reading outputColumns) {
        this.relations = Optional.ofNullable(references);
        this.outputColumns = outputColumns;
    }

    /** The reading of {@code sql} (canonical SQL), parsed on first use. */
    public static ParsedSql of(String sql) {
        return CACHE.get(sql);
    }

    /**
     * Records what a revision file froze of the reading of {@code sql} (its {@code reads} and {@code columns} or
     * {@code columnsUnknown}), so that the text is not parsed again: a compile whose views equal the frozen ones parses
     * nothing. A text already read in this JVM keeps its reading.
     *
     * @param relations the relations named, or empty when the SQL could not be parsed
     */
    public static void remember(String sql, Optional<Set<ViewKey>> relations, OutputColumns.Reading outputColumns) {
        CACHE.putIfAbsent(sql, new ParsedSql(relations.map(r -> Collections.unmodifiableSet(new TreeSet<>(r)))
                .orElse(null), outputColumns));
    }

    /** The output column names in select order, or why they can't be told from the SQL. */
    public OutputColumns.Reading outputColumns() {
        return outputColumns;
    }

    /**
     * The relations named in the SQL (FROM, JOIN, subqueries, CTE bodies, set operations, LATERAL; a CTE's own name is
     * not a relation), each as schema (empty when unqualified) and name with PostgreSQL's case folding applied; empty
     * when the SQL can't be parsed.
     */
    public Optional<Set<ViewKey>> relations() {
        return relations;
    }

    /** Runs the parser under JSqlParser's time-out; a daemon thread, so it never keeps a JVM alive. */
    private static final java.util.concurrent.ExecutorService PARSER_THREAD =
            java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "viewmigrate-sql-parser");
                thread.setDaemon(true);
                return thread;
            });

    private static final java.util.regex.Pattern ENCOUNTERED = java.util.regex.Pattern.compile(
            "Encountered:? (?:<[^>]*> / )?(\".*?\"),? at line (\\d+), column (\\d+)");

    /**
     * Where JSqlParser stopped reading {@code sql}, in its words without its list of expected tokens (e.g.
     * {@code unexpected "," at line 2, column 28}), or empty when it reads the SQL, timed out, or said nothing
     * useful. Parses again: only for the warning about a view whose SQL was not parsed, so rarely.
     */
    public static Optional<String> parseError(String sql) {
        try {
            CCJSqlParserUtil.parse(sql, PARSER_THREAD, null);
            return Optional.empty();
        } catch (Exception | StackOverflowError e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (!(cause instanceof net.sf.jsqlparser.parser.ParseException) || cause.getMessage() == null) {
                return Optional.empty();
            }
            String message = cause.getMessage();
            int expecting = message.indexOf("Was expecting");
            message = (expecting < 0 ? message : message.substring(0, expecting)).replaceAll("\\s+", " ").strip();
            if (message.endsWith(".")) {
                message = message.substring(0, message.length() - 1);
            }
            // JSqlParser 5: Encountered: <K_COMMA> / ",", at line 2, column 28, in lexical state DEFAULT
            java.util.regex.Matcher encountered = ENCOUNTERED.matcher(message);
            if (encountered.find()) {
                message = "unexpected " + encountered.group(1) + " at line " + encountered.group(2) + ", column "
                        + encountered.group(3);
            }
            return message.isEmpty() || message.length() > 300 ? Optional.empty() : Optional.of(message);
        }
    }

    private static ParsedSql parse(String sql) {
        Statement statement;
        try {
            // One parser thread for the whole compile: parse(String) starts (and stops) a thread per call for its
            // time-out, which cost a quarter of the parse time of 500 views in the processor benchmark.
            statement = CCJSqlParserUtil.parse(sql, PARSER_THREAD, null);
        } catch (Exception | StackOverflowError e) {
            // PostgreSQL syntax JSqlParser doesn't know: dependsOn orders the view, the guarded replace decides
            return new ParsedSql(null, OutputColumns.unknown(
                    "the SQL uses syntax the parser (JSqlParser) does not understand"));
        }
        Set<ViewKey> references;
        try {
            references = references(statement);
        } catch (RuntimeException | StackOverflowError e) {
            references = null;
        }
        return new ParsedSql(references, OutputColumns.read(statement));
    }

    private static Set<ViewKey> references(Statement statement) {
        Collector collector = new Collector();
        // getTables leaves out the names of WITH items; the collector keeps each Table to read its parts.
        Set<String> names = collector.getTables(statement);
        Set<ViewKey> keys = new TreeSet<>();
        for (Map.Entry<String, Table> entry : collector.tables.entrySet()) {
            if (names.contains(entry.getKey())) {
                Table table = entry.getValue();
                String schema = table.getSchemaName() == null ? "" : identifier(table.getSchemaName());
                keys.add(new ViewKey(schema, identifier(table.getName())));
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    /** Unquoted identifiers fold to lower case; quoted ones keep their case. */
    static String identifier(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    /** Remembers every table the finder extracts, by the name the finder reports it under. */
    private static final class Collector extends TablesNamesFinder<Void> {
        private final Map<String, Table> tables = new LinkedHashMap<>();

        @Override
        protected String extractTableName(Table table) {
            String name = super.extractTableName(table);
            tables.putIfAbsent(name, table);
            return name;
        }
    }
}
