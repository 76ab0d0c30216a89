package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One upgrade or downgrade under the lock: the chain, the direction, the connection, from which state to which, and
 * the revisions done so far. The runner's steps and the messages about them read what they need from here instead of
 * threading it through their parameters.
 */
final class Run {
    private final Chain chain;
    private final Direction direction;
    private final Connection connection;
    private final int from;
    private final int goal;
    private final boolean createsHistoryTable;
    private final long startedNanos;
    private final List<String> executed = new ArrayList<>();

    Run(Chain chain, Direction direction, Connection connection, int from, int goal, boolean createsHistoryTable,
            long startedNanos) {
        this.chain = chain;
        this.direction = direction;
        this.connection = connection;
        this.from = from;
        this.goal = goal;
        this.createsHistoryTable = createsHistoryTable;
        this.startedNanos = startedNanos;
    }

    Chain chain() {
        return chain;
    }

    Direction direction() {
        return direction;
    }

    boolean up() {
        return direction == Direction.UPGRADE;
    }

    /** "upgrade" or "downgrade", as the user runs it. */
    String verb() {
        return up() ? "upgrade" : "downgrade";
    }

    Connection connection() {
        return connection;
    }

    /** True when the history table does not exist yet: the first revision's transaction creates it. */
    boolean createsHistoryTable() {
        return createsHistoryTable;
    }

    /** The chain positions to apply (upgrade, oldest first) or revert (downgrade, newest first), in order. */
    List<Integer> positions() {
        List<Integer> positions = new ArrayList<>(Math.abs(goal - from));
        if (up()) {
            for (int i = from; i < goal; i++) {
                positions.add(i);
            }
        } else {
            for (int i = from - 1; i >= goal; i--) {
                positions.add(i);
            }
        }
        return positions;
    }

    /** The revisions applied or reverted so far in this run, in the order they ran. */
    List<String> executed() {
        return Collections.unmodifiableList(executed);
    }

    void done(int index) {
        executed.add(chain.get(index).revision());
    }

    /**
     * Where the database stands after the revision at chain position {@code index} failed and was rolled back:
     * "the database stays at revision 1 (applied in this run: 1)." for an upgrade, "the database stays at revision
     * 3." for a downgrade.
     */
    String standing(int index) {
        if (!up()) {
            return "the database stays at revision " + chain.get(index).revision() + ".";
        }
        String text = "the database stays at " + (index == 0 ? "base (no revision applied)"
                : "revision " + chain.stateName(index));
        if (!executed.isEmpty()) {
            text += " (applied in this run: " + String.join(", ", executed) + ")";
        }
        return text + ".";
    }

    /** The result once every revision ran. */
    MigrationResult result() {
        return result(chain, direction, from, goal, executed, startedNanos);
    }

    /** A result; also for a run that found nothing to do and so never became a {@code Run}. */
    static MigrationResult result(Chain chain, Direction direction, int from, int to, List<String> executed,
            long startedNanos) {
        return new MigrationResult(direction, state(chain, from), state(chain, to), List.copyOf(executed),
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private static Optional<String> state(Chain chain, int n) {
        return n == 0 ? Optional.empty() : Optional.of(chain.get(n - 1).revision());
    }
}
