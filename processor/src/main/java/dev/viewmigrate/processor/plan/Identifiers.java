package dev.viewmigrate.processor.plan;

import dev.viewmigrate.processor.model.ViewKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** PostgreSQL identifiers: quoting only where needed, and the checks that make a name usable at all. */
public final class Identifiers {
    /** PostgreSQL silently truncates longer names, which would make the frozen name differ from the real one. */
    public static final int MAX_BYTES = 63;

    private static final Pattern BARE = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * Key words that cannot name a relation without quotes: PostgreSQL's "reserved" and "reserved (can be function
     * or type)" categories (Appendix C of the PostgreSQL 17 manual).
     */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    private Identifiers() {}

    /** {@code name} bare when PostgreSQL reads it back unchanged, else double-quoted with {@code "} doubled. */
    public static String quote(String name) {
        if (BARE.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name} (each quoted as needed), or just the name when the schema is unset. */
    public static String qualified(ViewKey key) {
        return key.schema().isEmpty() ? quote(key.name()) : quote(key.schema()) + "." + quote(key.name());
    }

    /** Why {@code name} cannot be used as an identifier, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name.isBlank()) {
            return Optional.of("it is blank");
        }
        if (!name.equals(name.strip())) {
            return Optional.of("it starts or ends with whitespace");
        }
        if (name.chars().anyMatch(c -> c < 0x20)) {
            return Optional.of("it contains a control character");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("it is " + bytes + " bytes long; PostgreSQL would truncate it to " + MAX_BYTES);
        }
        return Optional.empty();
    }
}
