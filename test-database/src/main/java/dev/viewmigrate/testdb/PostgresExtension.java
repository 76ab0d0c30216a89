package dev.viewmigrate.testdb;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands each test (or lifecycle method) that declares a {@link TestDatabase} parameter a
 * fresh, empty database, dropped when the test finishes:
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MyTest {
 *     @Test void works(TestDatabase db) { ... }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // One database per test: stored in the test's own store, closed (dropped) when the test's context ends.
        return extensionContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent("database", key -> new ClosingDatabase(TestDatabase.create()), ClosingDatabase.class)
                .database;
    }

    private record ClosingDatabase(TestDatabase database)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }
}
