package dev.viewmigrate.processor.sql;

import dev.viewmigrate.processor.model.ViewKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Names as SQLite resolves them: identifiers compare without regard to (ASCII) case, quoted or not, and every managed
 * view lives in the {@code main} schema, so {@code v}, {@code V}, {@code "V"} and {@code main.v} all name the managed
 * view {@code v} (declared unqualified or with {@code schema = "main"}).
 */
public final class SqliteNames {
    private SqliteNames() {}

    /** The schema every managed SQLite view lives in. */
    public static final String MAIN = "main";

    /** {@code name} as SQLite compares it: ASCII letters folded (SQLite leaves other characters as they are). */
    public static String fold(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            folded.append(c < 128 ? Character.toLowerCase(c) : c);
        }
        return folded.toString();
    }

    /** True for the schema of a managed view: none (unqualified) or {@code main} in any case. */
    public static boolean isMain(String schema) {
        return schema.isEmpty() || fold(schema).equals(MAIN);
    }

    /** A resolver of references (as {@code ParsedSql} reads them) to the managed views {@code managed}. */
    public static Function<ViewKey, Optional<ViewKey>> resolver(Set<ViewKey> managed) {
        Map<String, ViewKey> byName = new HashMap<>();
        for (ViewKey key : managed) {
            if (isMain(key.schema())) {
                byName.putIfAbsent(fold(key.name()), key);
            }
        }
        return reference -> isMain(reference.schema())
                ? Optional.ofNullable(byName.get(fold(reference.name())))
                : Optional.empty();
    }
}
