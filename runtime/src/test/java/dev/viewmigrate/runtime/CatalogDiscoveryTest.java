package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog is found with ServiceLoader through real {@code META-INF/services} files (test resources under
 * {@code catalogs/<name>/}, put on a class loader of their own so that each test sees exactly the files it names).
 */
@ExtendWith(PostgresExtension.class)
class CatalogDiscoveryTest {
    private static final String SERVICE = "META-INF/services/" + MigrationCatalog.class.getName();

    /** A second catalog, as a second module with @View classes would generate. */
    public static final class SecondCatalog implements MigrationCatalog {
        public SecondCatalog() {}

        @Override
        public List<Migration> migrations() {
            return List.of(SqlMigration.of("a", "other", "SELECT 1", "SELECT 1"));
        }
    }

    /**
     * A class loader that sees the test classes but only the service files of {@code catalogs/<dirs>}: any service
     * file elsewhere on the test classpath is hidden from it.
     */
    private static ClassLoader loaderWith(String... dirs) {
        ClassLoader tests = CatalogDiscoveryTest.class.getClassLoader();
        ClassLoader hiding = new ClassLoader(tests) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(SERVICE) ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };
        URL[] urls = Arrays.stream(dirs)
                .map(dir -> Objects.requireNonNull(tests.getResource("catalogs/" + dir + "/"), dir))
                .toArray(URL[]::new);
        return new URLClassLoader(urls, hiding);
    }

    @Test
    void catalogInTheContextClassLoader_isFoundByDefault_andMigrates(TestDatabase db) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loaderWith("one"));
        try {
            ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).build();
            assertEquals(List.of("1", "2", "3"), migrator.migrations().stream().map(Migration::revision).toList());
            assertEquals(List.of("1", "2", "3"), migrator.upgrade().executed());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void builderClassLoader_isSearched() {
        ViewMigrator migrator = ViewMigrator.builder().classLoader(loaderWith("second")).build();
        assertEquals(List.of("a"), migrator.migrations().stream().map(Migration::revision).toList());
    }

    @Test
    void explicitCatalog_winsOverServiceFiles() {
        ViewMigrator migrator = ViewMigrator.builder().classLoader(loaderWith("one", "second"))
                .catalog(new SecondCatalog()).build();
        assertEquals(List.of("a"), migrator.migrations().stream().map(Migration::revision).toList());
    }

    @Test
    void noCatalog_explainsThatTheProcessorGeneratesIt() {
        ViewMigrator migrator = ViewMigrator.builder().classLoader(loaderWith()).build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::migrations);
        assertEquals(ErrorCode.CATALOG_NOT_FOUND, e.code());
        assertTrue(e.getMessage().startsWith("No viewmigrate migration catalog on the classpath (no "
                + SERVICE + " names one). viewmigrate-processor generates it when the module with the @View "
                + "classes is compiled with the processor on the compiler's annotationProcessorPaths"),
                e.getMessage());
        // Offline mode needs the catalog too, and says the same.
        assertEquals(ErrorCode.CATALOG_NOT_FOUND,
                assertThrows(ViewMigrateException.class, () -> migrator.upgradeSql(null, "head")).code());
    }

    @Test
    void twoCatalogs_areNamedWithWhereTheyComeFrom() {
        ViewMigrator migrator = ViewMigrator.builder().classLoader(loaderWith("one", "second")).build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::migrations);
        assertEquals(ErrorCode.CATALOG_NOT_FOUND, e.code());
        assertTrue(e.getMessage().startsWith("Found 2 viewmigrate migration catalogs on the classpath: "
                + "dev.viewmigrate.runtime.Chains (from file:"), e.getMessage());
        assertTrue(e.getMessage().contains(", dev.viewmigrate.runtime.CatalogDiscoveryTest$SecondCatalog (from "
                + "file:"), e.getMessage());
        assertTrue(e.getMessage().contains("choose one with ViewMigrator.builder().catalog(...)"), e.getMessage());
    }

    @Test
    void serviceFileNamingAMissingClass_isAnInvalidCatalog() {
        ViewMigrator migrator = ViewMigrator.builder().classLoader(loaderWith("broken")).build();
        ViewMigrateException e = assertThrows(ViewMigrateException.class, migrator::migrations);
        assertEquals(ErrorCode.INVALID_CATALOG, e.code());
        assertTrue(e.getMessage().contains("dev.viewmigrate.runtime.NoSuchCatalog"), e.getMessage());
    }

    @Test
    void malformedChains_areRejectedWithTheOffendingMigration() {
        SqlMigration one = SqlMigration.of("1", "first", "SELECT 1", "SELECT 1");
        assertInvalid("Revision id '1' appears twice in the catalog given to ViewMigrator.Builder.catalog(...) (a "
                + "lambda or anonymous class): at position 1", () -> List.of(one, SqlMigration.of("1", "again", "", "")));
        assertInvalid("has a blank revision id", () -> List.of(one, SqlMigration.of(" ", "blank", "", "")));
        for (String reserved : List.of("head", "base", "+1", "-2", " 3")) {
            assertInvalid("has revision id '" + reserved + "', which cannot be told apart from a target",
                    () -> List.of(SqlMigration.of(reserved, "looks like a target", "", "")));
        }
        assertInvalid("returned null instead of a list of migrations", () -> null);
        List<Migration> withNull = new ArrayList<>();
        withNull.add(one);
        withNull.add(null);
        assertInvalid("has a null entry at position 2", () -> withNull);
    }

    private static void assertInvalid(String expected, MigrationCatalog catalog) {
        ViewMigrateException e = assertThrows(ViewMigrateException.class,
                () -> ViewMigrator.builder().catalog(catalog).build().migrations());
        assertEquals(ErrorCode.INVALID_CATALOG, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
