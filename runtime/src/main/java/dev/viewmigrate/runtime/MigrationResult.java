package dev.viewmigrate.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an {@code upgrade} or {@code downgrade} did.
 *
 * @param direction whether revisions were applied or rolled back
 * @param from      the current revision before the run; empty at base
 * @param to        the current revision after the run; empty at base
 * @param executed  the revision ids executed, in execution order (empty when already at the target)
 * @param duration  wall-clock time of the whole run, lock wait included
 */
public record MigrationResult(
        Direction direction, Optional<String> from, Optional<String> to, List<String> executed, Duration duration) {
    public MigrationResult {
        executed = List.copyOf(executed);
    }

    public enum Direction {
        UPGRADE,
        DOWNGRADE
    }
}
