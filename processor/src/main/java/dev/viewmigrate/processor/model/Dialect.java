package dev.viewmigrate.processor.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The database a project's migrations are written for ({@code -Aviewmigrate.dialect}). It is frozen with the revisions:
 * a revision file records it (only when it is not PostgreSQL, so that PostgreSQL files keep their text) and the
 * generated migration tells the runtime, which refuses to run it on another database.
 */
public enum Dialect {
    POSTGRESQL("postgresql"),
    SQLITE("sqlite");

    private final String optionValue;

    Dialect(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The name in the option, the revision files and the runtime's {@code Migration.dialect()}. */
    public String optionValue() {
        return optionValue;
    }

    public static Optional<Dialect> ofOption(String value) {
        return Arrays.stream(values()).filter(d -> d.optionValue.equals(value)).findFirst();
    }

    /** Every accepted value, for messages. */
    public static List<String> optionValues() {
        return Arrays.stream(values()).map(Dialect::optionValue).toList();
    }
}
