package dev.viewmigrate.test;

import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole migration chain of an application, tested against a real PostgreSQL by one line of user code:
 *
 * <pre>{@code
 * class ViewMigrationsTest extends ViewMigrationTests {}
 * }</pre>
 *
 * <p>The chain is the one the processor generated (found with {@link java.util.ServiceLoader}, as
 * {@link ViewMigrator} finds it). Every check is a separately named dynamic test, run in this order on one database
 * (a fresh one after a failure, so that one broken revision does not hide the state of the others):
 * <ol>
 *   <li>{@code chain: ...} — exactly one catalog, unique revision ids, and the frozen views of the revisions add up
 *       (no revision removes a view that no earlier one created);</li>
 *   <li>per revision, oldest first: {@code revision 2 (change view active_users): upgrade → downgrade → upgrade is
 *       exact} — the revision upgrades from the one before it; its downgrade restores the catalog exactly as it was
 *       before (columns, types, definitions, indexes, grants, comments, owners, functions, ...); upgrading again
 *       gives exactly the catalog of the first upgrade. A failure names the revision and lists the differences;</li>
 *   <li>{@code head (revision N): live views match the frozen @View definitions} — after {@code upgrade head},
 *       {@link ViewMigrator#verify()} finds every view the revisions define, with the right kind, its declared
 *       indexes and its frozen definition;</li>
 *   <li>{@code head → base: ...} — downgrading the whole chain in one run restores the database as it was before
 *       revision 1.</li>
 * </ol>
 *
 * <p>The database is embedded PostgreSQL by default, or a fresh database on the server that
 * {@code VIEWMIGRATE_TEST_DB_URL} (with {@code _USER} and {@code _PASSWORD}) names; see
 * {@link dev.viewmigrate.testdb.PostgresServer}. A SQLite chain (generated with {@code -Aviewmigrate.dialect=sqlite})
 * runs on a temporary database file instead, its catalog compared through {@code sqlite_master} and
 * {@code pragma table_info} ({@link dev.viewmigrate.testdb.SqliteCatalogSnapshot}); {@link #createDatabase()} and
 * {@link #historySchema()} do not apply there. Override the {@code protected} methods to configure the run, e.g.
 * tables the views read that no revision creates:
 *
 * <pre>{@code
 * class ViewMigrationsTest extends ViewMigrationTests {
 *     @Override
 *     protected String setupSql() {
 *         return "CREATE TABLE users (id bigint PRIMARY KEY, name text, active boolean)";
 *     }
 * }
 * }</pre>
 */
public abstract class ViewMigrationTests {

    /** The checks, one dynamic test each; see the class documentation. */
    @TestFactory
    @DisplayName("viewmigrate")
    public final Stream<DynamicTest> viewMigrations() {
        return ChainChecks.of(this).tests();
    }

    /**
     * The chain to test; default: empty, so that the catalog is found with {@link java.util.ServiceLoader} in
     * {@link #classLoader()}, exactly as the application finds it. Return a catalog to test another chain.
     */
    protected Optional<MigrationCatalog> catalog() {
        return Optional.empty();
    }

    /** Where {@link java.util.ServiceLoader} looks for the catalog; default: the loader of this test class. */
    protected ClassLoader classLoader() {
        return getClass().getClassLoader();
    }

    /** Schema of the history table, as given to {@link ViewMigrator.Builder#historySchema}; default: none. */
    protected Optional<String> historySchema() {
        return Optional.empty();
    }

    /** Name of the history table, as given to {@link ViewMigrator.Builder#historyTable}. */
    protected String historyTable() {
        return ViewMigrator.DEFAULT_HISTORY_TABLE;
    }

    /**
     * SQL that prepares every fresh database before revision 1: the tables, schemas or extensions the views need that
     * no revision creates. One string; several statements separated by semicolons are fine. Default: none.
     */
    protected String setupSql() {
        return "";
    }

    /**
     * Prepares every fresh database before revision 1, on an auto-commit connection; default: runs
     * {@link #setupSql()}. Override for setup that SQL alone cannot express.
     */
    protected void setUp(Connection connection) throws Exception {
        String sql = setupSql();
        if (!sql.isBlank()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    /**
     * A new, empty database for the run (closed, and so dropped, when the run ends); default:
     * {@link TestDatabase#create()}.
     */
    protected TestDatabase createDatabase() {
        return TestDatabase.create();
    }

    /** A migrator builder configured from the methods above, without a database (enough to load the chain). */
    final ViewMigrator.Builder configuredMigrator() {
        ViewMigrator.Builder builder = ViewMigrator.builder().classLoader(classLoader()).historyTable(historyTable());
        catalog().ifPresent(builder::catalog);
        historySchema().ifPresent(builder::historySchema);
        return builder;
    }
}
