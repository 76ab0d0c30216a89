package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Applied and pending revisions, as {@link ViewMigrator#status()} found them.
 *
 * @param applied the applied revisions, oldest first (from the history table)
 * @param pending the known revisions not applied yet, in the order {@code upgrade} would apply them
 */
public record Status(List<AppliedRevision> applied, List<Migration> pending) {
    public Status {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    /** The newest applied revision; empty when nothing is applied. */
    public Optional<AppliedRevision> current() {
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
    }

    public boolean upToDate() {
        return pending.isEmpty();
    }
}
