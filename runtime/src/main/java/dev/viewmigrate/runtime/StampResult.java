package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ViewMigrator#stamp(String, boolean)} recorded.
 *
 * @param from     the newest applied revision before the stamp; empty at base
 * @param to       the revision now recorded as current; empty for {@code stamp base}
 * @param recorded the revisions whose history row the stamp inserted, oldest first
 * @param removed  the revisions whose history row the stamp deleted (stamping down, or rows the chain does not have
 *                 at that place), in the order they were listed
 * @param checked  whether the live views were compared with the target's frozen state first; false with
 *                 {@code force}
 */
public record StampResult(Optional<String> from, Optional<String> to, List<String> recorded, List<String> removed,
        boolean checked) {
    public StampResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        recorded = List.copyOf(recorded);
        removed = List.copyOf(removed);
    }

    /** The history already said exactly this: nothing was written. */
    public boolean unchanged() {
        return recorded.isEmpty() && removed.isEmpty();
    }
}
