package dev.viewmigrate.runtime.internal.cli;

/**
 * A failure the CLI detected itself and already explained: the message is printed as is, the exit code says whether
 * the command line was wrong ({@link #USAGE}) or the operation failed ({@link #FAILED}).
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int FAILED = 1;
    static final int USAGE = 2;

    private final int exitCode;

    private CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The command line is wrong (missing or malformed argument): exit 2. */
    static CliFailure usage(String message) {
        return new CliFailure(USAGE, message, null);
    }

    /** The command line is fine but the operation failed (e.g. the database is unreachable): exit 1. */
    static CliFailure failed(String message, Throwable cause) {
        return new CliFailure(FAILED, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
