package dev.viewmigrate.runtime.internal.steps;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.sql.Identifiers;
import dev.viewmigrate.sql.Literals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The DDL of views, their options, comments and indexes: the one place that spells it, used by the steps of every
 * migration and by {@code verify} (which creates the frozen definitions as temporary views to compare them). Each
 * statement comes without a trailing semicolon.
 */
public final class ViewDdl {
    /** An index column written as a plain name is taken literally and quoted as needed; anything else is SQL. */
    private static final Pattern COLUMN_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");
    /** An option value PostgreSQL reads as a word or number without quotes. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_.+-]+");

    private ViewDdl() {}

    public static String kind(FrozenView view) {
        return view.materialized() ? "MATERIALIZED VIEW" : "VIEW";
    }

    /** The statements that create {@code view} under {@code name}: the view, its comment, its indexes. */
    public static List<String> create(FrozenView view) {
        return create(view, view.name(), false);
    }

    /**
     * The statements that create {@code view} as {@code name} (verify uses a temporary name); {@code orReplace}
     * for a plain view's {@code CREATE OR REPLACE}.
     */
    public static List<String> create(FrozenView view, ViewName name, boolean orReplace) {
        List<String> statements = new ArrayList<>();
        String with = view.options().isEmpty() ? "" : " WITH (" + options(view.options()) + ")";
        if (view.materialized()) {
            statements.add("CREATE MATERIALIZED VIEW " + name.sql() + with + " AS\n" + view.sql() + "\nWITH "
                    + (view.withData() ? "DATA" : "NO DATA"));
        } else {
            statements.add("CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + name.sql() + with + " AS\n"
                    + view.sql());
        }
        if (!orReplace) {
            view.comment().ifPresent(comment -> statements.add(comment(view, name, comment)));
            for (FrozenIndex index : view.indexes()) {
                statements.add(createIndex(name, index));
            }
        }
        return statements;
    }

    public static String drop(FrozenView view) {
        return "DROP " + kind(view) + " " + view.name().sql();
    }

    /** {@code COMMENT ON [MATERIALIZED] VIEW name IS 'text'} (or {@code IS NULL} for a null comment). */
    public static String comment(FrozenView view, ViewName name, String comment) {
        return "COMMENT ON " + kind(view) + " " + name.sql() + " IS "
                + (comment == null ? "NULL" : Literals.string(comment));
    }

    /** {@code CREATE [UNIQUE] INDEX name ON view [USING method] (columns) [INCLUDE (...)] [WHERE ...]}. */
    public static String createIndex(ViewName view, FrozenIndex index) {
        return createIndex(index, Identifiers.quote(index.name()), view.sql());
    }

    /** The index as the steps create it, but named {@code name} on {@code on} (both SQL): verify's scratch copies. */
    public static String createIndex(FrozenIndex index, String name, String on) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.unique()) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ").append(name).append(" ON ").append(on);
        if (!index.method().isEmpty()) {
            sql.append(" USING ").append(Identifiers.quote(index.method()));
        }
        sql.append(" (").append(index.columns().stream().map(ViewDdl::indexColumn)
                .collect(Collectors.joining(", "))).append(')');
        if (!index.include().isEmpty()) {
            sql.append(" INCLUDE (").append(index.include().stream().map(Identifiers::quote)
                    .collect(Collectors.joining(", "))).append(')');
        }
        if (!index.where().isEmpty()) {
            sql.append(" WHERE ").append(index.where());
        }
        return sql.toString();
    }

    /** An index lives in the schema of its table, so it is qualified like the view. */
    public static String dropIndex(ViewName view, FrozenIndex index) {
        return "DROP INDEX " + indexName(view, index.name());
    }

    /** The index's name as SQL, qualified with the view's schema when the view is. */
    public static String indexName(ViewName view, String index) {
        return view.schema().map(schema -> Identifiers.quote(schema) + ".").orElse("") + Identifiers.quote(index);
    }

    /**
     * {@code userId} → {@code "userId"}: an entry that is one plain name is a column, taken literally and quoted as
     * needed. Anything else — a name with an operator class or ordering ({@code name gin_trgm_ops},
     * {@code created_at DESC}), an expression ({@code lower(email)}) — is SQL, written as declared (PostgreSQL folds
     * its unquoted names to lower case). The processor's index checks follow the same rule.
     */
    static String indexColumn(String column) {
        return COLUMN_NAME.matcher(column).matches() ? Identifiers.quote(column) : column;
    }

    /**
     * The statements that turn the declared options and comment of {@code from} into those of {@code to} on the
     * existing view: {@code ALTER ... RESET} of dropped options, {@code ALTER ... SET} of new or changed ones,
     * {@code COMMENT ON} when the declared comment changed (to {@code NULL} when it is no longer declared).
     */
    public static List<String> alter(FrozenView from, FrozenView to) {
        List<String> statements = new ArrayList<>();
        Map<String, String> before = optionMap(from.options());
        Map<String, String> after = optionMap(to.options());
        List<String> reset = before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
        if (!reset.isEmpty()) {
            statements.add("ALTER " + kind(to) + " " + to.name().sql() + " RESET (" + String.join(", ", reset) + ")");
        }
        List<String> set = new ArrayList<>();
        after.forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                set.add(name + "=" + value);
            }
        });
        if (!set.isEmpty()) {
            statements.add("ALTER " + kind(to) + " " + to.name().sql() + " SET (" + options(set) + ")");
        }
        if (!from.comment().equals(to.comment())) {
            statements.add(comment(to, to.name(), to.comment().orElse(null)));
        }
        return statements;
    }

    /** {@code name=value, ...}, values quoted unless PostgreSQL reads them plain. */
    static String options(List<String> options) {
        List<String> rendered = new ArrayList<>();
        optionMap(options).forEach((name, value) -> rendered.add(name + "="
                + (PLAIN_VALUE.matcher(value).matches() ? value : Literals.string(value))));
        return String.join(", ", rendered);
    }

    /** Option names (lower case, as PostgreSQL stores them) to values, in declaration order. */
    public static Map<String, String> optionMap(List<String> options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            String name = (eq < 0 ? option : option.substring(0, eq)).strip().toLowerCase(java.util.Locale.ROOT);
            map.put(name, eq < 0 ? "true" : option.substring(eq + 1).strip());
        }
        return map;
    }

    /** The names of {@code options}, for the save step (options declared are not "set by hand"). */
    public static List<String> optionNames(List<String> options) {
        return List.copyOf(optionMap(options).keySet());
    }
}
