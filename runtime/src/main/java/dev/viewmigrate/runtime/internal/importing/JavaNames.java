package dev.viewmigrate.runtime.internal.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Java identifiers for any PostgreSQL name: views become UpperCamelCase classes, columns lowerCamelCase fields.
 *
 * <p>Words are split at every character that cannot be part of a Java identifier ({@code _}, spaces, punctuation)
 * and where a lower-case letter or digit meets an upper-case one; a word written in capitals only is read as a word
 * ({@code TOTAL} → {@code Total}). Letters of any script stay ({@code größe} → {@code größe}). A name that would
 * start with a digit gets a prefix ({@code View} for classes, {@code c} for fields); a field that is a Java keyword
 * ({@code class}, {@code default}) gets a trailing {@code _}; a class that would hide a type the generated source
 * uses ({@code String}, {@code Entity}, {@code View}, ...) gets the suffix {@code View}. Collisions are the
 * caller's ({@link #unique}).
 */
public final class JavaNames {
    /** Types the generated class names in its source (imports and java.lang): a class of that name would hide them. */
    private static final Set<String> TAKEN = Set.of("View", "Entity", "Table", "Column", "Id", "Immutable", "Index",
            "String", "Object", "Short", "Integer", "Long", "Float", "Double", "Boolean", "Byte", "Character",
            "BigDecimal", "Instant", "LocalDate", "LocalDateTime", "LocalTime", "OffsetTime", "OffsetDateTime",
            "UUID", "Duration", "Override", "Class", "Record", "Enum", "Math", "System", "Void", "Number",
            "Exception", "Error", "Deprecated", "SuppressWarnings");

    /** Java's keywords and literals (not javax.lang.model: the runtime must not need the java.compiler module). */
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
            "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
            "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_", "non-sealed");

    private JavaNames() {}

    public static String className(String name) {
        String joined = join(words(name), true);
        if (joined.isEmpty()) {
            return "UnnamedView";
        }
        if (!Character.isJavaIdentifierStart(joined.codePointAt(0))) {
            joined = "View" + joined;
        }
        return TAKEN.contains(joined) ? joined + "View" : joined;
    }

    public static String fieldName(String name) {
        String joined = join(words(name), false);
        if (joined.isEmpty()) {
            return "column";
        }
        if (!Character.isJavaIdentifierStart(joined.codePointAt(0))) {
            joined = "c" + joined;
        }
        return KEYWORDS.contains(joined) ? joined + "_" : joined;
    }

    /** {@code candidate}, or {@code candidate2}, {@code candidate3}... whichever {@code taken} does not hold. */
    public static String unique(String candidate, Set<String> takenLowerCase) {
        String name = candidate;
        for (int n = 2; takenLowerCase.contains(name.toLowerCase(Locale.ROOT)); n++) {
            name = candidate + n;
        }
        takenLowerCase.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int previous = -1;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                previous = -1;
                continue;
            }
            boolean boundary = previous >= 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(previous) || Character.isDigit(previous));
            if (boundary) {
                flush(word, words);
            }
            word.appendCodePoint(c);
            previous = c;
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static String join(List<String> words, boolean capitalizeFirst) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            String w = word.chars().anyMatch(Character::isLowerCase) ? word : word.toLowerCase(Locale.ROOT);
            if (out.length() == 0 && !capitalizeFirst) {
                out.append(w.substring(0, 1).toLowerCase(Locale.ROOT)).append(w.substring(1));
            } else {
                out.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
            }
        }
        return out.toString();
    }
}
