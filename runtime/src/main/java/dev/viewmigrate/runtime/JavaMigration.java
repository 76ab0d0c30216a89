package dev.viewmigrate.runtime;

/**
 * The body of a migration: what a hand-written migration class implements. Mark the class with
 * {@code @dev.viewmigrate.annotations.HandWrittenMigration}; the processor freezes it into the chain at the point
 * where it first appeared and generates the {@link Migration} that gives it its revision id, description and
 * checksum.
 *
 * <p>Issue SQL only through the {@link MigrationContext}, so that offline mode can print it.
 */
public interface JavaMigration {
    /** Moves the database from the previous revision to this one. */
    void upgrade(MigrationContext context) throws Exception;

    /** Moves the database from this revision back to the previous one: the exact inverse of {@link #upgrade}. */
    void downgrade(MigrationContext context) throws Exception;
}
