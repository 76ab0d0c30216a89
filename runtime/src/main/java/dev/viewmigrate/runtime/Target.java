package dev.viewmigrate.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One place a {@link TargetRunner} migrates, with its own history table: a database, a tenant schema in the runner's
 * database, or a tenant schema in another database.
 *
 * <p>A tenant schema target runs every transaction with {@code search_path} set to the schema (followed by the
 * runner's shared schemas), so that views declared unqualified are created, replaced, verified and refreshed in the
 * tenant's schema, and keeps its history table in that schema.
 *
 * @param url    the database's JDBC URL; empty for the runner's own database
 * @param schema the tenant schema; empty for a whole database (its history where the runner's settings put it)
 */
public record Target(Optional<String> url, Optional<String> schema) {
    public Target {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schema, "schema");
        if (url.isEmpty() && schema.isEmpty()) {
            throw new IllegalArgumentException("a target needs a database URL, a schema, or both");
        }
        url.ifPresent(u -> {
            if (u.isBlank()) {
                throw new IllegalArgumentException("a target's database URL is blank");
            }
        });
        schema.ifPresent(s -> {
            if (s.isBlank()) {
                throw new IllegalArgumentException("a target's schema name is blank");
            }
        });
    }

    /** A whole database, e.g. {@code jdbc:postgresql://db1/shop}. */
    public static Target database(String url) {
        return new Target(Optional.of(url), Optional.empty());
    }

    /** A tenant schema of the runner's database. */
    public static Target schema(String schema) {
        return new Target(Optional.empty(), Optional.of(schema));
    }

    /** A tenant schema of another database. */
    public static Target schema(String url, String schema) {
        return new Target(Optional.of(url), Optional.of(schema));
    }

    /**
     * One target as written in a targets file or returned by a targets query: {@code jdbc:...} is a database,
     * {@code jdbc:... SCHEMA} a schema of that database, anything else a schema name of the runner's database (taken
     * as is: no quotes, case kept). Surrounding blanks are ignored.
     */
    public static Target parse(String text) {
        String line = text.strip();
        if (line.isEmpty()) {
            throw new IllegalArgumentException("a target is blank");
        }
        if (!line.startsWith("jdbc:")) {
            return schema(line);
        }
        int blank = indexOfWhitespace(line);
        return blank < 0 ? database(line) : schema(line.substring(0, blank), line.substring(blank).strip());
    }

    /**
     * The targets of a targets file: one per line as {@link #parse} reads it; blank lines and lines starting with
     * {@code #} are skipped.
     */
    public static List<Target> parseLines(List<String> lines) {
        List<Target> targets = new ArrayList<>();
        for (String line : lines) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                targets.add(parse(stripped));
            }
        }
        return targets;
    }

    /** How summaries name it: the schema, the URL (any password= parameter masked), or "SCHEMA in URL". */
    public String displayName() {
        Optional<String> shownUrl = url.map(u -> u.replaceAll("(?i)(password=)[^&]*", "$1***"));
        if (schema.isEmpty()) {
            return shownUrl.orElseThrow();
        }
        return shownUrl.map(u -> schema.get() + " in " + u).orElse(schema.get());
    }

    @Override
    public String toString() {
        return displayName();
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
