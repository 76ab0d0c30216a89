package dev.viewmigrate.processor.model;

import java.util.Comparator;
import java.util.Objects;

/** The identity of a view in the database: schema ({@code ""} = unqualified, the search_path) and name. */
public record ViewKey(String schema, String name) implements Comparable<ViewKey> {
    private static final Comparator<ViewKey> ORDER =
            Comparator.comparing(ViewKey::schema).thenComparing(ViewKey::name);

    public ViewKey {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code name} or {@code schema.name}, unquoted: for messages and descriptions. */
    public String display() {
        return schema.isEmpty() ? name : schema + "." + name;
    }

    @Override
    public int compareTo(ViewKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return display();
    }
}
