package dev.viewmigrate.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TargetRunner} operation did on every target, in the order the targets were given.
 *
 * @param results  one per target, in the order given
 * @param duration wall-clock time of the whole run
 * @param <R>      the operation's result type on one target
 */
public record TargetsResult<R>(List<TargetResult<R>> results, Duration duration) {
    public TargetsResult {
        results = List.copyOf(results);
        Objects.requireNonNull(duration, "duration");
    }

    /** True when every target succeeded (none failed, none left unrun). */
    public boolean succeeded() {
        return results.stream().allMatch(TargetResult::ok);
    }

    public long count(TargetResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The targets that failed, in the order given. */
    public List<TargetResult<R>> failures() {
        return results.stream().filter(r -> r.outcome() == TargetResult.Outcome.FAILED).toList();
    }
}
