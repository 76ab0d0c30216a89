package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the generated {@link MigrationCatalog} with {@link ServiceLoader}: exactly one must be on the classpath. */
public final class CatalogLoader {
    static final String SERVICE_FILE = "META-INF/services/" + MigrationCatalog.class.getName();

    private CatalogLoader() {}

    public static MigrationCatalog load(ClassLoader classLoader) {
        List<MigrationCatalog> found = new ArrayList<>();
        Iterator<MigrationCatalog> providers = ServiceLoader.load(MigrationCatalog.class, classLoader).iterator();
        try {
            while (providers.hasNext()) {
                found.add(providers.next());
            }
        } catch (ServiceConfigurationError e) {
            throw new ViewMigrateException(ErrorCode.INVALID_CATALOG, "A migration catalog listed in " + SERVICE_FILE
                    + " could not be loaded: " + e.getMessage() + ". The file names a class that is missing or "
                    + "cannot be instantiated; recompile the module with viewmigrate-processor so that the catalog "
                    + "and the file are generated together.", e);
        }
        if (found.isEmpty()) {
            throw new ViewMigrateException(ErrorCode.CATALOG_NOT_FOUND, "No viewmigrate migration catalog on the "
                    + "classpath (no " + SERVICE_FILE + " names one). viewmigrate-processor generates it when the "
                    + "module with the @View classes is compiled with the processor on the compiler's "
                    + "annotationProcessorPaths (maven-compiler-plugin: <annotationProcessorPaths><path><groupId>"
                    + "dev.viewmigrate</groupId><artifactId>viewmigrate-processor</artifactId><version>...</version>"
                    + "</path></annotationProcessorPaths>). Check that the module is compiled that way and that its "
                    + "classes are on this classpath, or pass a catalog with ViewMigrator.builder().catalog(...).");
        }
        if (found.size() > 1) {
            StringBuilder names = new StringBuilder();
            for (MigrationCatalog catalog : found) {
                names.append(names.length() == 0 ? "" : ", ").append(catalog.getClass().getName())
                        .append(" (from ").append(location(catalog.getClass())).append(')');
            }
            throw new ViewMigrateException(ErrorCode.CATALOG_NOT_FOUND, "Found " + found.size() + " viewmigrate "
                    + "migration catalogs on the classpath: " + names + ". One database has one chain of migrations: "
                    + "keep the @View classes of an application in one module, remove the other jars from the "
                    + "classpath, or choose one with ViewMigrator.builder().catalog(...).");
        }
        return found.get(0);
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown location" : source.getLocation().toString();
    }
}
