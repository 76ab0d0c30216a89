package dev.viewmigrate.sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL string literals that read back the same whatever {@code standard_conforming_strings} says: text with a
 * backslash uses the escape form {@code E'...'} (backslashes doubled), which both settings read alike; other text
 * the plain form. The only literal rule of viewmigrate: generated migrations, the runtime's steps, its history
 * statements and offline scripts all go through here.
 */
public final class Literals {
    private Literals() {}

    /** {@code 'it''s'}, or {@code E'a\\b'} when the value holds a backslash. */
    public static String string(String value) {
        String quoted = value.replace("'", "''");
        if (value.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }

    /** {@code ARRAY['a', 'b']::text[]}, or {@code ARRAY[]::text[]} for no values. */
    public static String textArray(List<String> values) {
        return "ARRAY[" + values.stream().map(Literals::string).collect(Collectors.joining(", ")) + "]::text[]";
    }
}
