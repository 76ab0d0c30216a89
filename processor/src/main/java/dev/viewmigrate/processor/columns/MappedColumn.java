package dev.viewmigrate.processor.columns;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * A column a JPA entity reads from its table (here: its view), with where it comes from.
 *
 * @param attribute the attribute path from the entity, e.g. {@code postCount}, {@code address.city}
 * @param names the names PostgreSQL may store for it (after the naming strategy and case folding), most likely first;
 *     the entity is fine when the view returns any of them
 * @param derivation how the name was derived, for messages, e.g. {@code @Column(name = "post_count")}
 * @param element where to report a problem: the attribute (field or getter) when the entity declares it, the
 *     embedding attribute for an embeddable's attribute, else the entity class
 */
public record MappedColumn(String attribute, Set<String> names, String derivation, Element element) {
    public MappedColumn {
        Objects.requireNonNull(attribute, "attribute");
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names)); // keeps "most likely first"
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a mapped column needs at least one name");
        }
        Objects.requireNonNull(derivation, "derivation");
        Objects.requireNonNull(element, "element");
    }

    /** The most likely name, as shown in messages. */
    public String expected() {
        return names.iterator().next();
    }
}
