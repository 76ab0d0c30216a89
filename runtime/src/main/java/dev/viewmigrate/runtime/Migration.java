package dev.viewmigrate.runtime;

import java.util.List;

/**
 * One revision in the chain: its identity ({@link #revision}, {@link #description}, {@link #checksum}) and its body
 * ({@link JavaMigration#upgrade}, {@link JavaMigration#downgrade}). The processor generates one per frozen revision
 * (wrapping hand-written {@link JavaMigration}s); tests may implement it directly.
 *
 * <p>Implementations must be deterministic and issue their SQL through the given {@link MigrationContext} only
 * (never through a connection of their own), so that offline mode can print the script instead of running it.
 */
public interface Migration extends JavaMigration {
    /** The revision id, unique in the chain (generated revisions use {@code "1"}, {@code "2"}, ...). */
    String revision();

    /** One line saying what the revision does, e.g. {@code "create view active_users"}. */
    String description();

    /**
     * A checksum of the revision's frozen content (CRC32 of the canonical SQL for generated migrations). The runtime
     * records it when the revision is applied and refuses to run when an applied revision's checksum changed.
     */
    int checksum();

    /**
     * The views this revision creates or changes, each with its definition after the revision. Empty for
     * hand-written migrations. Read by {@code verify} and the test kit to know what the database should hold;
     * upgrade and downgrade never use it.
     */
    default List<FrozenView> viewsAfter() {
        return List.of();
    }

    /**
     * The views this revision removes (a renamed view is removed under its old name and created under its new
     * one). Empty for hand-written migrations.
     */
    default List<ViewName> viewsRemoved() {
        return List.of();
    }

    /**
     * The SQL dialect this migration's statements are written for: {@code "postgresql"} (the default) or
     * {@code "sqlite"}. The runtime refuses to run a migration on a database of another dialect.
     */
    default String dialect() {
        return "postgresql";
    }
}
