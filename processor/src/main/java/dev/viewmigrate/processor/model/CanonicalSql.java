package dev.viewmigrate.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical form of a view's SQL, so that re-indenting a text block or trailing whitespace is not a change:
 * trailing whitespace stripped per line, the common indentation removed, leading and trailing blank lines and a
 * trailing {@code ;} trimmed, line breaks normalised to {@code \n}. Everything else is kept exactly.
 */
public final class CanonicalSql {
    private CanonicalSql() {}

    public static String of(String sql) {
        List<String> lines = new ArrayList<>();
        for (String line : sql.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        // Blank edges first: stripIndent() would count a trailing empty line as zero indentation.
        String text = trimBlankLines(String.join("\n", lines)).stripIndent();
        while (text.endsWith(";")) {
            text = trimBlankLines(text.substring(0, text.length() - 1).stripTrailing());
        }
        return text;
    }

    private static String trimBlankLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }
}
