package dev.viewmigrate.runtime;

/**
 * Every failure the runtime reports. The message is one paragraph meant for a person: what failed, what the
 * database says, what the code says, what to do. {@link #code()} lets programs (and tests) tell failures apart.
 */
public final class ViewMigrateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ViewMigrateException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ViewMigrateException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public enum ErrorCode {
        /** No database configured, wrong URL, unreachable server, bad credentials. */
        CONNECTION_FAILED,
        /** No generated catalog on the classpath, or more than one. */
        CATALOG_NOT_FOUND,
        /** The catalog is malformed: duplicate or blank revision ids. */
        INVALID_CATALOG,
        /** An applied revision's checksum differs from the one in the code. */
        CHECKSUM_MISMATCH,
        /** A revision in the history table is not in the code (or the applied order differs from the chain). */
        UNKNOWN_APPLIED_REVISION,
        /** A target (head, +N, -N, REV, base) that is malformed or does not exist in the chain. */
        INVALID_TARGET,
        /** A statement of a revision failed; the revision was rolled back. */
        MIGRATION_FAILED,
        /** The advisory lock could not be acquired in time. */
        LOCK_TIMEOUT,
        /** Reading or writing the history table failed. */
        HISTORY_FAILED,
        /** A view named on the command line (or in {@link RefreshOptions}) is not a managed materialized view. */
        UNKNOWN_VIEW,
        /**
         * {@code refresh} refused before running anything: a materialized view is missing, or cannot be refreshed
         * {@code CONCURRENTLY} (no usable unique index, never populated).
         */
        REFRESH_REFUSED,
        /** A {@code REFRESH MATERIALIZED VIEW} statement failed; the views refreshed before it stay refreshed. */
        REFRESH_FAILED,
        /** {@code verify} could not compare (e.g. no privilege to create its temporary scratch views). */
        VERIFY_FAILED,
        /** {@code stamp} refused: the live views differ from the target revision's frozen state; nothing recorded. */
        STAMP_REFUSED,
        /** {@code import} failed: classes already there (without force), the catalog could not be read, a write failed. */
        IMPORT_FAILED,
        /**
         * A migration's {@link Migration#dialect() dialect} is not the database's (a SQLite chain on PostgreSQL or
         * the other way round), or the verb does not exist on that database ({@code refresh} on SQLite).
         */
        WRONG_DIALECT,
        /** SQLite: copying the database file to a backup before anything changed failed; nothing was changed. */
        BACKUP_FAILED
    }
}
