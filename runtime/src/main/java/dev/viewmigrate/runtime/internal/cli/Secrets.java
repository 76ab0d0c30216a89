package dev.viewmigrate.runtime.internal.cli;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords out of everything the CLI prints: URLs, error messages, stack traces. */
final class Secrets {
    static final String MASK = "***";
    static final int MIN_LITERAL_LENGTH = 4;

    // pgjdbc accepts the password as a URL parameter (?password=... or &password=...); the value ends at the next
    // parameter. Also catches "password=" in driver messages that echo the URL.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s'\"]*");

    private Secrets() {}

    /** The text with every {@code password=...} value masked. */
    static String maskUrlPasswords(String text) {
        if (text == null) {
            return null;
        }
        return PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /**
     * The text with {@code password=...} values and every occurrence of each password as a whole word masked: not
     * where it is only a part of a longer word, so that the common password {@code postgres} leaves
     * {@code jdbc:postgresql} and {@code org.postgresql.util.PSQLException} readable. Used on error output only: a
     * password equal to some other word (e.g. the user name) masks that word too, which is the lesser evil.
     * Passwords shorter than {@value #MIN_LITERAL_LENGTH} characters are not masked as literals: they would turn
     * every message into asterisks.
     */
    static String mask(String text, Collection<String> passwords) {
        String masked = maskUrlPasswords(text);
        if (masked == null) {
            return null;
        }
        for (String password : passwords) {
            if (password != null && password.length() >= MIN_LITERAL_LENGTH) {
                masked = Pattern.compile("(?<![\\p{Alnum}_])" + Pattern.quote(password) + "(?![\\p{Alnum}_])")
                        .matcher(masked).replaceAll(Matcher.quoteReplacement(MASK));
            }
        }
        return masked;
    }
}
