package dev.viewmigrate.runtime.internal.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the CLI writes durations, times, counts and revisions. */
final class Formats {
    // UTC, so that output is the same wherever the command runs; the column header says so.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {}

    static String millis(long millis) {
        if (millis < 10_000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String duration(Duration duration) {
        return millis(duration.toMillis());
    }

    static String timestamp(Instant instant) {
        return instant == null ? "" : TIMESTAMP.format(instant);
    }

    /** "1 revision", "3 revisions". */
    static String revisions(int count) {
        return count + (count == 1 ? " revision" : " revisions");
    }

    /** "revision 3", or "base" when nothing is applied. */
    static String position(Optional<String> revision) {
        return revision.map(r -> "revision " + r).orElse("base");
    }
}
