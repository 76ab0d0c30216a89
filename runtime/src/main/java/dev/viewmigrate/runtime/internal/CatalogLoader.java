package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationCatalog;
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
            throw Messages.catalogUnloadable(SERVICE_FILE, e);
        }
        if (found.isEmpty()) {
            throw Messages.noCatalog(SERVICE_FILE);
        }
        if (found.size() > 1) {
            StringBuilder names = new StringBuilder();
            for (MigrationCatalog catalog : found) {
                names.append(names.length() == 0 ? "" : ", ").append(catalog.getClass().getName())
                        .append(" (from ").append(location(catalog.getClass())).append(')');
            }
            throw Messages.severalCatalogs(found.size(), names.toString());
        }
        return found.get(0);
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown location" : source.getLocation().toString();
    }
}
