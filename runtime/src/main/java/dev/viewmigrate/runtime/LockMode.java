package dev.viewmigrate.runtime;

/**
 * How upgrade, downgrade and stamp serialise with other runs on the same history table (a PostgreSQL advisory lock
 * keyed on the table's name, either way; the two modes exclude each other, so mixing them is safe).
 */
public enum LockMode {
    /**
     * The default. A transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) taken at the start of every
     * revision's transaction, which then reads the history again to decide whether that revision is still pending:
     * each revision is applied exactly once however many runs start together, and no state outlives a transaction.
     * Works on direct connections and behind a transaction pooler (PgBouncer {@code pool_mode = transaction}).
     * Another run may apply revisions between two of this run's revisions.
     */
    TRANSACTION,
    /**
     * A session advisory lock ({@code pg_advisory_lock}) held for the whole run: no other run interleaves between its
     * revisions. Needs the same server connection for the whole run: a direct connection or a session pooler. Behind
     * a transaction pooler the lock would be taken on one server connection and left there.
     */
    SESSION
}
