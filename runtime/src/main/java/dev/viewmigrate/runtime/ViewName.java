package dev.viewmigrate.runtime;

import dev.viewmigrate.sql.Identifiers;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity of a managed view: an optional schema and a name, each exactly as PostgreSQL stores it (unquoted,
 * case preserved). A name may contain any character, dots included: {@code ViewName.of("a.b")} is the view
 * {@code "a.b"} in the search_path, not view {@code b} of schema {@code a}.
 *
 * @param schema the schema; empty when the view is unqualified (the connection's search_path decides)
 * @param name   the view name
 */
public record ViewName(Optional<String> schema, String name) implements Comparable<ViewName> {
    private static final Comparator<ViewName> ORDER =
            Comparator.comparing((ViewName view) -> view.schema.orElse("")).thenComparing(ViewName::name);

    public ViewName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (schema.isPresent() && schema.get().isEmpty()) {
            schema = Optional.empty();
        }
    }

    /** An unqualified view, resolved through the connection's search_path. */
    public static ViewName of(String name) {
        return new ViewName(Optional.empty(), name);
    }

    /** A view in {@code schema} (an empty schema means unqualified). */
    public static ViewName of(String schema, String name) {
        return new ViewName(Optional.of(schema), name);
    }

    /** The name as SQL: each part quoted where PostgreSQL needs it, e.g. {@code "Sales Data".totals}. */
    public String sql() {
        return Identifiers.qualified(schema.orElse(""), name);
    }

    /** For messages: {@code schema.name} or {@code name}, unquoted. */
    @Override
    public String toString() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    @Override
    public int compareTo(ViewName other) {
        return ORDER.compare(this, other);
    }
}
