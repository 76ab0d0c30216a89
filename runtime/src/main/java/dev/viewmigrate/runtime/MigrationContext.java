package dev.viewmigrate.runtime;

import java.sql.Connection;
import java.util.Optional;

/**
 * What a {@link Migration} runs its SQL through. Online, statements execute on the connection of the revision's
 * transaction; offline ({@code sql upgrade|downgrade}), they are appended to the printed script.
 */
public interface MigrationContext {
    /**
     * Executes one SQL statement (no trailing semicolon needed). A failure aborts the revision: its transaction is
     * rolled back and the error names the revision and this statement.
     */
    void execute(String sql) throws Exception;

    /** True when statements are printed rather than executed. */
    boolean isOffline();

    /**
     * The connection of the running revision's transaction, for migrations that need to read the catalog; empty
     * offline. Do not commit, roll back or close it.
     */
    Optional<Connection> connection();

    /** The revision being applied or rolled back. */
    String revision();

    /** True while the revision's downgrade runs. */
    boolean isDowngrade();

    /**
     * The view steps of this revision (create, drop, replace, ...), which execute their SQL through
     * {@link #execute(String)}. Generated migrations are made of these.
     */
    ViewSteps views();
}
