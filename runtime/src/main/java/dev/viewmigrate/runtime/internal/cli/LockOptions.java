package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.LockMode;
import dev.viewmigrate.runtime.ViewMigrator;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How long the statements of upgrade, downgrade, stamp and refresh wait for table locks, how often they retry, and
 * how runs serialise. Only on those verbs (and {@code sql upgrade/downgrade/stamp}, whose scripts start with
 * {@code SET lock_timeout}).
 */
final class LockOptions {
    @Option(names = "--ddl-lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long each statement waits for a table lock held by another session (e.g. a long"
                    + " report on the view) before its transaction is rolled back and retried: 200ms, 10s, 2m."
                    + " Default: 10s.")
    Duration ddlLockTimeout;

    @Option(names = "--ddl-lock-retries", paramLabel = "N",
            description = "How many times a transaction that timed out waiting for a table lock is tried again,"
                    + " with a growing pause. Default: 3. Ignored by sql scripts (psql does not retry).")
    Integer ddlLockRetries;

    @Option(names = "--lock-mode", paramLabel = "MODE", converter = LockModeConverter.class,
            description = "transaction (default: an advisory lock per revision transaction; works behind PgBouncer"
                    + " in transaction mode) or session (one lock for the whole run; direct or session-pooled"
                    + " connections only).")
    LockMode lockMode;

    ViewMigrator.Builder applyTo(ViewMigrator.Builder builder) {
        if (ddlLockTimeout != null) {
            builder.ddlLockTimeout(ddlLockTimeout);
        }
        if (ddlLockRetries != null) {
            builder.ddlLockRetries(ddlLockRetries);
        }
        if (lockMode != null) {
            builder.lockMode(lockMode);
        }
        return builder;
    }

    /** "200ms", "10s", "2m", "1h", or ISO-8601 ("PT10S"); positive. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)");

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(text);
            Duration duration;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
            } else {
                try {
                    duration = Duration.parse(value.strip());
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration: write 200ms, 10s, 2m or 1h");
                }
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            return duration;
        }
    }

    static final class LockModeConverter implements ITypeConverter<LockMode> {
        @Override
        public LockMode convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "transaction" -> LockMode.TRANSACTION;
                case "session" -> LockMode.SESSION;
                default -> throw new TypeConversionException("'" + value + "' is not a lock mode: write transaction or"
                        + " session");
            };
        }
    }
}
