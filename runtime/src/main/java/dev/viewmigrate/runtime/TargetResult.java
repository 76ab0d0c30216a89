package dev.viewmigrate.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TargetRunner} did on one target.
 *
 * @param target    the target
 * @param outcome   whether it succeeded, failed or was not run
 * @param revisions revisions applied (upgrade) or reverted (downgrade) on it in this run; 0 for the other operations
 * @param duration  wall-clock time spent on it (zero when not run)
 * @param message   one line for a summary: {@code upgraded from 2 to 5}, {@code already at head (5)}, {@code no drift
 *                  (4 views checked)}, the failure's first sentence, ...
 * @param value     the operation's own result for this target: a {@link MigrationResult}, {@link Status},
 *                  {@link VerifyReport} or {@link RefreshResult}; empty when it failed or was not run
 * @param failure   the failure, with its whole message; empty unless {@code outcome} is {@link Outcome#FAILED}
 * @param <R>       the operation's result type
 */
public record TargetResult<R>(Target target, Outcome outcome, int revisions, Duration duration, String message,
        Optional<R> value, Optional<RuntimeException> failure) {
    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(failure, "failure");
    }

    /** The outcome on one target. */
    public enum Outcome {
        /** The operation completed (possibly with nothing to do: "already at head"). */
        OK,
        /**
         * The operation failed: an exception (the revision that failed was rolled back, those before it stay
         * committed), drift found by verify, or a history that disagrees with the code in status.
         */
        FAILED,
        /** Never started: the run stopped after another target failed ({@link TargetRunner.OnFailure#STOP}). */
        NOT_RUN
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
