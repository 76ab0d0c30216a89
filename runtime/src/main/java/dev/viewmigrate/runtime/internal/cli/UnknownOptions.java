package dev.viewmigrate.runtime.internal.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The usage error for unknown options, naming each unknown option but never its value: {@code --pasword secret} or
 * {@code --passwd=secret} is a mistyped password option, and picocli's own message would print the password. What
 * follows an unknown option (its {@code =value}, or the next argument when it does not look like an option) is
 * counted, not shown. The closest valid option is suggested.
 */
final class UnknownOptions {
    private static final Pattern COUNT_LIKE = Pattern.compile("[-+]+[0-9].*");

    private UnknownOptions() {}

    /**
     * E.g. "Unknown option '--pasword' (the argument after it is not shown). Did you mean --password?".
     *
     * @param unmatched the arguments picocli could not match, in command-line order
     * @param valid     the option names of the command, e.g. {@code --url}, {@code -h}
     */
    static String describe(List<String> unmatched, Collection<String> valid) {
        List<String> unknown = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int hidden = 0;
        boolean afterOption = false;
        for (String argument : unmatched) {
            if (looksLikeOption(argument)) {
                int equals = argument.indexOf('=');
                String name = equals < 0 ? argument : argument.substring(0, equals);
                unknown.add("'" + name + "'");
                if (equals >= 0) {
                    hidden++;
                }
                String closest = closest(name, valid);
                if (closest != null && !suggestions.contains(closest)) {
                    suggestions.add(closest);
                }
                afterOption = equals < 0;
            } else if (afterOption) {
                // Most likely the unknown option's value: it may be a password.
                hidden++;
                afterOption = false;
            } else {
                unexpected.add("'" + argument + "'");
            }
        }
        StringBuilder text = new StringBuilder("Unknown option").append(unknown.size() == 1 ? " " : "s ")
                .append(String.join(", ", unknown));
        if (hidden > 0) {
            text.append(" (").append(hidden == 1 ? "the value given with it is" : hidden + " values given with them are")
                    .append(" not shown)");
        }
        text.append('.');
        if (!unexpected.isEmpty()) {
            text.append(" Unexpected argument").append(unexpected.size() == 1 ? " " : "s ")
                    .append(String.join(", ", unexpected)).append('.');
        }
        if (!suggestions.isEmpty()) {
            text.append(" Did you mean ").append(String.join(" or ", suggestions)).append('?');
        }
        return text.toString();
    }

    /**
     * "Unknown verb 'X'." with the closest verb when it looks like a typo, and the list of verbs: picocli's own
     * message ("Unmatched argument at index 0") does not say that a verb was expected, and its suggestion comes on a
     * line of its own.
     */
    static String unknownVerb(String given, Collection<String> verbs) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String verb : verbs) {
            int distance = distance(given, verb);
            if (distance < bestDistance) {
                best = verb;
                bestDistance = distance;
            }
        }
        return "Unknown verb '" + given + "'."
                + (best != null && bestDistance <= Math.max(1, given.length() / 3) ? " Did you mean " + best + "?" : "")
                + " The verbs are " + String.join(", ", verbs) + ".";
    }

    /**
     * The first unmatched argument that is a count target gone wrong ({@code -1x}, {@code --1}, {@code +2.5}: signs,
     * then a digit), which picocli takes for an unknown option; null when there is none. An argument right after an
     * unknown option is that option's value (perhaps a password) and is never returned.
     */
    static String countLikeTarget(List<String> unmatched) {
        boolean afterOption = false;
        for (String argument : unmatched) {
            if (!afterOption && COUNT_LIKE.matcher(argument).matches()) {
                return argument;
            }
            afterOption = looksLikeOption(argument) && argument.indexOf('=') < 0;
        }
        return null;
    }

    /** {@code -x}, {@code --name}, {@code --name=value}; not {@code -} alone. */
    static boolean looksLikeOption(String argument) {
        return argument.startsWith("-") && argument.length() > 1;
    }

    /** The valid option nearest to {@code name} by edit distance, when it is near enough to be a typo; else null. */
    static String closest(String name, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        if (!name.startsWith("--")) {
            // One letter says too little to guess from: -p is not a typo of -h.
            return null;
        }
        for (String candidate : valid.stream().filter(option -> option.startsWith("--")).sorted().toList()) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Two edits, or a third of the name for long ones: --passwd, --pasword, --urll, --histroy-table.
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance, with a swap of two neighbouring characters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
