package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Applied and pending revisions, as {@link ViewMigrator#status()} found them.
 *
 * <p>{@code status()} reports problems rather than throwing them, so that a broken state can still be looked at:
 * {@link #problems()} holds what {@code upgrade}/{@code downgrade} would refuse to run for (checksum mismatches,
 * applied revisions the code does not know, an applied order that is not the start of the chain), one message each.
 *
 * @param applied  the applied revisions, oldest first (from the history table)
 * @param pending  the known revisions not applied yet, in the order {@code upgrade} would apply them (when there are
 *                 problems: every known revision without a history row, in chain order)
 * @param problems why upgrade and downgrade would refuse to run; empty when the database agrees with the code
 */
public record Status(List<AppliedRevision> applied, List<Migration> pending, List<String> problems) {
    public Status {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        problems = List.copyOf(problems);
    }

    /** A status without problems. */
    public Status(List<AppliedRevision> applied, List<Migration> pending) {
        this(applied, pending, List.of());
    }

    /** The newest applied revision; empty when nothing is applied. */
    public Optional<AppliedRevision> current() {
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
    }

    /** Nothing pending (problems aside: check {@link #valid()} as well). */
    public boolean upToDate() {
        return pending.isEmpty();
    }

    /** The history agrees with the code: upgrade and downgrade would run. */
    public boolean valid() {
        return problems.isEmpty();
    }
}
