package dev.viewmigrate.runtime;

import java.nio.file.Path;
import java.time.Duration;

/** Progress callbacks, e.g. for printing "applying revision 2 ..." while an upgrade runs. All methods optional. */
public interface MigrationListener {
    default void beforeRevision(Migration migration, MigrationResult.Direction direction) {}

    default void afterRevision(Migration migration, MigrationResult.Direction direction, Duration duration) {}

    /** Before {@code REFRESH MATERIALIZED VIEW} of {@code view} (its qualified name as the revisions write it). */
    default void beforeRefresh(String view, boolean concurrently) {}

    /** After {@code view} was refreshed and committed. */
    default void afterRefresh(String view, boolean concurrently, Duration duration) {}

    /**
     * SQLite only: before {@code upgrade}, {@code downgrade} or {@code stamp} changed anything, the database file was
     * copied to {@code backup}.
     */
    default void backedUp(Path backup) {}

    /**
     * A step ({@code step}: "revision 2 (create view x)", "stamp", "refresh of view x") timed out waiting for a table
     * lock held by other sessions ({@code blockers}, one sentence, may be empty when they could not be seen), was
     * rolled back, and is tried again after {@code pause}: this is retry {@code retry} of at most {@code retries}.
     */
    default void lockWaitRetry(String step, int retry, int retries, Duration pause, String blockers) {}
}
