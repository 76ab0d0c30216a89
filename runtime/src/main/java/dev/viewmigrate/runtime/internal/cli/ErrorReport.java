package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.internal.Messages;
import java.sql.SQLException;

/**
 * Turns whatever a verb threw into the one paragraph the user reads and the exit code scripts read. The runtime's
 * {@link ViewMigrateException} messages are already written for people and are printed as they are.
 */
record ErrorReport(int exitCode, String message) {
    static ErrorReport of(Throwable failure) {
        if (failure instanceof CliFailure cli) {
            return new ErrorReport(cli.exitCode(), cli.getMessage());
        }
        if (failure instanceof ViewMigrateException e) {
            return new ErrorReport(exitCode(e.code()), e.getMessage());
        }
        SQLException sql = find(failure, SQLException.class);
        if (sql != null) {
            return new ErrorReport(CliFailure.FAILED, "The database reported an error: " + Messages.postgres(sql)
                    + ". Nothing after the failing statement ran; run again with --verbose for details.");
        }
        // Could come from a hand-written migration as well as from viewmigrate: the stack trace tells which.
        return new ErrorReport(CliFailure.FAILED, "Unexpected error: " + failure.getClass().getName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                + ". Run again with --verbose to see where it was thrown; if it comes from viewmigrate rather than"
                + " from your migrations, please report it with that stack trace.");
    }

    private static int exitCode(ViewMigrateException.ErrorCode code) {
        return switch (code) {
            // The user asked for something that does not exist or is not there yet: the command line is wrong.
            case INVALID_TARGET, UNKNOWN_VIEW -> CliFailure.USAGE;
            default -> CliFailure.FAILED;
        };
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
