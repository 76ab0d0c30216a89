package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult.Direction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prints one line per revision while an upgrade or downgrade runs ({@code Applying revision 2: change view
 * active_users ... 12 ms}), and per view while a refresh runs. The line is started before the work, so a slow or
 * failing revision or view is visible.
 */
final class ProgressPrinter implements MigrationListener {
    private final PrintWriter out;
    private boolean lineOpen;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void beforeRevision(Migration migration, Direction direction) {
        closeLine("interrupted");
        out.print((direction == Direction.UPGRADE ? "Applying" : "Reverting") + " revision " + migration.revision()
                + ": " + migration.description() + " ... ");
        out.flush();
        lineOpen = true;
    }

    @Override
    public void afterRevision(Migration migration, Direction direction, Duration duration) {
        if (lineOpen) {
            out.println(Formats.duration(duration));
        } else {
            out.println((direction == Direction.UPGRADE ? "Applied" : "Reverted") + " revision "
                    + migration.revision() + " in " + Formats.duration(duration));
        }
        out.flush();
        lineOpen = false;
    }

    @Override
    public void beforeRefresh(String view, boolean concurrently) {
        closeLine("interrupted");
        out.print("Refreshing materialized view " + view + (concurrently ? " concurrently" : "") + " ... ");
        out.flush();
        lineOpen = true;
    }

    @Override
    public void afterRefresh(String view, boolean concurrently, Duration duration) {
        if (lineOpen) {
            out.println(Formats.duration(duration));
        } else {
            out.println("Refreshed materialized view " + view + " in " + Formats.duration(duration));
        }
        out.flush();
        lineOpen = false;
    }

    @Override
    public void backedUp(Path backup) {
        closeLine("interrupted");
        out.println("Backed up the database to " + backup);
        out.flush();
    }

    @Override
    public void lockWaitRetry(String step, int retry, int retries, Duration pause, String blockers) {
        closeLine("timed out waiting for a lock");
        out.println("  Retry " + retry + " of " + retries + " of " + step + " in " + Formats.duration(pause) + ". "
                + blockers.strip());
        out.flush();
    }

    /** Ends a line left open by a revision that did not finish (it failed), so the error starts on a fresh line. */
    void closeLine(String outcome) {
        if (lineOpen) {
            out.println(outcome);
            out.flush();
            lineOpen = false;
        }
    }
}
