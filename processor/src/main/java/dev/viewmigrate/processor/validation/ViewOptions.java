package dev.viewmigrate.processor.validation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code WITH (...)} parameters PostgreSQL accepts on a view ({@code CREATE VIEW}) and on a materialized view
 * (the table storage parameters of {@code CREATE TABLE}, PostgreSQL 15 to 18), with the values each takes. A value is
 * written into the generated DDL, so only plain words and numbers pass: nothing that could close the parenthesis.
 */
final class ViewOptions {
    private ViewOptions() {}

    private enum Type { BOOLEAN, NUMBER, CHECK_OPTION, INDEX_CLEANUP }

    private static final Map<String, Type> VIEW = Map.of(
            "check_option", Type.CHECK_OPTION,
            "security_barrier", Type.BOOLEAN,
            "security_invoker", Type.BOOLEAN);

    /** Parameters that also exist for the materialized view's TOAST table, as {@code toast.<name>}. */
    private static final List<String> TOAST_TOO = List.of("autovacuum_enabled", "vacuum_index_cleanup",
            "vacuum_truncate", "autovacuum_vacuum_threshold", "autovacuum_vacuum_max_threshold",
            "autovacuum_vacuum_scale_factor", "autovacuum_vacuum_insert_threshold",
            "autovacuum_vacuum_insert_scale_factor", "autovacuum_vacuum_cost_delay", "autovacuum_vacuum_cost_limit",
            "autovacuum_freeze_min_age", "autovacuum_freeze_max_age", "autovacuum_freeze_table_age",
            "autovacuum_multixact_freeze_min_age", "autovacuum_multixact_freeze_max_age",
            "autovacuum_multixact_freeze_table_age", "log_autovacuum_min_duration");

    private static final Map<String, Type> MATERIALIZED = materialized();

    private static Map<String, Type> materialized() {
        Map<String, Type> types = new TreeMap<>();
        for (String name : TOAST_TOO) {
            Type type = switch (name) {
                case "autovacuum_enabled", "vacuum_truncate" -> Type.BOOLEAN;
                case "vacuum_index_cleanup" -> Type.INDEX_CLEANUP;
                default -> Type.NUMBER;
            };
            types.put(name, type);
            types.put("toast." + name, type);
        }
        types.put("fillfactor", Type.NUMBER);
        types.put("toast_tuple_target", Type.NUMBER);
        types.put("parallel_workers", Type.NUMBER);
        types.put("autovacuum_analyze_threshold", Type.NUMBER);
        types.put("autovacuum_analyze_scale_factor", Type.NUMBER);
        return Map.copyOf(types);
    }

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Set<String> TRUE = Set.of("true", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "off", "0");

    /** An option as frozen ({@code name=value}, normalised), or why it can't be. */
    record Checked(String name, String normalised, String problem) {}

    /** Checks one entry of {@code options}; {@code materialized} selects the parameters that apply. */
    static Checked check(String entry, boolean materialized) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            return problem("", "it is not name=value");
        }
        String name = entry.substring(0, equals).strip().toLowerCase(Locale.ROOT);
        String value = entry.substring(equals + 1).strip();
        if (!NAME.matcher(name).matches()) {
            return problem(name, "\"" + name + "\" is not a parameter name");
        }
        Map<String, Type> known = materialized ? MATERIALIZED : VIEW;
        Type type = known.get(name);
        if (type == null) {
            String where = materialized ? "a materialized view's storage parameters (" + MATERIALIZED.keySet().stream()
                    .filter(n -> !n.startsWith("toast.")).sorted().toList() + ", and toast.<name> for the autovacuum"
                    + " and vacuum ones)" : "a view's parameters (check_option, security_barrier, security_invoker)";
            String hint = !materialized && MATERIALIZED.containsKey(name)
                    ? "; " + name + " is a storage parameter, which only a materialized view has"
                    : materialized && VIEW.containsKey(name) ? "; " + name + " applies to plain views only" : "";
            return problem(name, name + " is not one of " + where + hint);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String normalised = switch (type) {
            case BOOLEAN -> TRUE.contains(lower) ? "true" : FALSE.contains(lower) ? "false" : null;
            case CHECK_OPTION -> lower.equals("local") || lower.equals("cascaded") ? lower : null;
            case INDEX_CLEANUP -> lower.equals("auto") ? "auto" : TRUE.contains(lower) ? "on"
                    : FALSE.contains(lower) ? "off" : null;
            case NUMBER -> NUMBER.matcher(value).matches() ? value : null;
        };
        if (normalised == null) {
            String expected = switch (type) {
                case BOOLEAN -> "true or false (on/off, 1/0)";
                case CHECK_OPTION -> "local or cascaded";
                case INDEX_CLEANUP -> "auto, on or off";
                case NUMBER -> "a number";
            };
            return problem(name, "the value of " + name + " must be " + expected + ", not \"" + value + "\"");
        }
        return new Checked(name, name + "=" + normalised, null);
    }

    private static Checked problem(String name, String problem) {
        return new Checked(name, null, problem);
    }
}
