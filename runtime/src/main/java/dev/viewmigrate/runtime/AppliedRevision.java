package dev.viewmigrate.runtime;

import java.time.Instant;

/**
 * One row of the history table: a revision that is applied to the database.
 *
 * @param rank            position in the applied chain, 1 for the oldest
 * @param revision        the revision id
 * @param description     the revision's description when it was applied
 * @param checksum        the revision's checksum when it was applied
 * @param appliedAt       when the revision was applied (database clock)
 * @param appliedBy       the database user that applied it
 * @param executionMillis how long its upgrade took
 */
public record AppliedRevision(
        int rank, String revision, String description, int checksum, Instant appliedAt, String appliedBy,
        long executionMillis) {}
