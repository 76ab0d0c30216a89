package dev.viewmigrate.runtime;

import java.util.List;

/**
 * The ordered chain of migrations of an application. The processor generates one implementation per compiled
 * module and registers it in {@code META-INF/services/dev.viewmigrate.runtime.MigrationCatalog}; the runtime loads
 * it with {@link java.util.ServiceLoader} (no classpath scanning). Tests and unusual setups may pass a catalog to
 * {@link ViewMigrator.Builder#catalog(MigrationCatalog)} directly.
 */
public interface MigrationCatalog {
    /** The migrations, oldest first. Revision ids are unique. */
    List<Migration> migrations();
}
