package dev.viewmigrate.processor.columns;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Hibernate's physical naming strategy, as chosen with {@code -Aviewmigrate.naming}: how a logical column name (the
 * attribute name, or {@code @Column(name)}) becomes the name in SQL, and then the name PostgreSQL stores.
 */
public enum Naming {
    /** Hibernate's default ({@code PhysicalNamingStrategyStandardImpl}): the logical name as is. */
    EXACT("exact"),
    /**
     * Spring Boot's default ({@code CamelCaseToUnderscoresNamingStrategy}): an underscore between a lower-case letter
     * and an upper-case one followed by a lower-case letter, dots become underscores, then lower case. It applies to
     * every name, explicit {@code @Column(name)} included.
     */
    SNAKE_CASE("snake_case");

    private final String optionValue;

    Naming(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }

    public static Optional<Naming> ofOption(String value) {
        for (Naming naming : values()) {
            if (naming.optionValue.equals(value)) {
                return Optional.of(naming);
            }
        }
        return Optional.empty();
    }

    public Naming other() {
        return this == EXACT ? SNAKE_CASE : EXACT;
    }

    /**
     * The names PostgreSQL may store for this logical name, most likely first. Unquoted names fold to lower case;
     * a name quoted in the mapping ({@code "\"Name\""} or backticks) keeps its case. Spring's strategy changed
     * between versions on digits ({@code line2Text}); both spellings are accepted so that neither is a false error.
     */
    public Set<String> columnNames(String logical) {
        boolean quoted = isQuoted(logical);
        String text = quoted ? logical.substring(1, logical.length() - 1) : logical;
        if (quoted && logical.charAt(0) == '"') {
            // Hibernate writes the text between the quotes as it is, so a quote inside is doubled, SQL's way:
            // "\"x\"\"y\"" is the column x"y.
            text = text.replace("\"\"", "\"");
        }
        Set<String> names = new LinkedHashSet<>();
        if (this == EXACT) {
            names.add(quoted ? text : fold(text));
        } else {
            // Spring lower-cases quoted names too (isCaseInsensitive() is true by default).
            names.add(fold(underscores(text, true)));
            names.add(fold(underscores(text, false)));
        }
        return names;
    }

    /**
     * The name PostgreSQL stores for a table or schema name of the mapping ({@code @Table(name, schema)}), by the same
     * rules as a column name: the name the entity's queries resolve to.
     */
    public String relationName(String logical) {
        return columnNames(logical).iterator().next();
    }

    static boolean isQuoted(String name) {
        return name.length() >= 2 && ((name.startsWith("\"") && name.endsWith("\""))
                || (name.startsWith("`") && name.endsWith("`")));
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code CamelCaseToUnderscoresNamingStrategy.apply}, with or without the later rule for digits. */
    static String underscores(String name, boolean digits) {
        StringBuilder builder = new StringBuilder(name.replace('.', '_'));
        for (int i = 1; i < builder.length() - 1; i++) {
            char before = builder.charAt(i - 1);
            char current = builder.charAt(i);
            char after = builder.charAt(i + 1);
            boolean required = digits
                    ? (Character.isLowerCase(before) || Character.isDigit(before)) && Character.isUpperCase(current)
                            && (Character.isLowerCase(after) || Character.isDigit(after))
                    : Character.isLowerCase(before) && Character.isUpperCase(current) && Character.isLowerCase(after);
            if (required) {
                builder.insert(i++, '_');
            }
        }
        return builder.toString();
    }
}
