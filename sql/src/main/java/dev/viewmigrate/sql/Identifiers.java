package dev.viewmigrate.sql;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgreSQL identifiers: quoting only where needed, and the checks that make a name usable at all. The one list of
 * reserved key words of viewmigrate: the processor validates names with it, the runtime quotes with it.
 */
public final class Identifiers {
    /** PostgreSQL silently truncates longer names (NAMEDATALEN - 1 bytes), which would make a name differ. */
    public static final int MAX_BYTES = 63;

    private static final Pattern BARE = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * Key words that cannot name a relation without quotes: PostgreSQL's "reserved" and "reserved (can be function
     * or type)" categories (Appendix C of the PostgreSQL 17 manual; unchanged in 18). Quoting one more word than
     * needed is harmless; quoting one less is a syntax error, so the list errs on the side of quoting.
     */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
            "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading",
            "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset",
            "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning",
            "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample",
            "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
            "where", "window", "with");

    private Identifiers() {}

    /** {@code name} bare when PostgreSQL reads it back unchanged, else double-quoted with {@code "} doubled. */
    public static String quote(String name) {
        if (BARE.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, each quoted as needed, or just the name when {@code schema} is empty or null. */
    public static String qualified(String schema, String name) {
        return schema == null || schema.isEmpty() ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** Why {@code name} cannot be used as an identifier, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name.isBlank()) {
            return Optional.of("it is blank");
        }
        if (!name.equals(name.strip())) {
            return Optional.of("it starts or ends with whitespace");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("it contains a control character");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("it is " + bytes + " bytes long; PostgreSQL would truncate it to " + MAX_BYTES);
        }
        return Optional.empty();
    }
}
