package dev.viewmigrate.integrations;

import static dev.viewmigrate.integrations.Views.catalog;
import static dev.viewmigrate.integrations.Views.number;
import static dev.viewmigrate.integrations.Views.oid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.flyway.ViewMigrateFlywayCallback;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Flyway 13 migrations on a real PostgreSQL, with viewmigrate's callback: a V-migration that retypes a column
 * managed views read succeeds and leaves the catalog a fresh build would have; the views that do not read it keep
 * their OIDs; an unmanaged reader, or a change that breaks a view as frozen, fails the migration by name and leaves
 * the database as it was (the drops and creations run in Flyway's transaction).
 */
@ExtendWith(PostgresExtension.class)
class FlywayTableChangeTest {
    private static final String HISTORY = "public.flyway_schema_history";
    private static final String RETYPE = "ALTER TABLE users ALTER COLUMN username TYPE varchar(200);\n"
            + "ALTER TABLE posts ADD COLUMN draft boolean;\n";

    @TempDir
    Path scripts;

    private Flyway flyway(TestDatabase db, ViewMigrator migrator) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + scripts).callbacks(ViewMigrateFlywayCallback.of(migrator)).load();
    }

    private void script(String name, String sql) throws Exception {
        Files.writeString(scripts.resolve(name), sql);
    }

    @Test
    void retypeUnderManagedViews_recreatesOnlyTheReaders_likeAFreshBuild(TestDatabase db) throws Exception {
        ViewMigrator migrator = Views.migrator(db);
        script("V1__tables.sql", Views.TABLES);
        flyway(db, migrator).migrate();
        migrator.upgrade("head");
        Views.decorate(db);
        long names = oid(db, "user_names");
        long posts = oid(db, "post_counts");
        long ids = oid(db, "user_ids");

        script("V2__widen_usernames.sql", RETYPE);
        assertEquals(1, flyway(db, migrator).migrate().migrationsExecuted);

        assertNotEquals(names, oid(db, "user_names"), "the reader of username was created again");
        assertEquals(posts, oid(db, "post_counts"), "a view over another table is not touched");
        assertEquals(ids, oid(db, "user_ids"), "a view reading another column of users is not touched");
        assertEquals(2, number(db, "SELECT count(*) FROM user_search"), "the materialized view has its data");
        assertEquals(200, number(db, "SELECT character_maximum_length FROM information_schema.columns"
                + " WHERE table_name = 'user_names' AND column_name = 'username'"));
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());

        // The same tables and views built from scratch, in the order a new database gets them.
        try (TestDatabase fresh = TestDatabase.create()) {
            ViewMigrator freshMigrator = Views.migrator(fresh);
            flyway(fresh, freshMigrator).migrate();
            freshMigrator.upgrade("head");
            Views.decorate(fresh);
            catalog(fresh, HISTORY).assertSameAs(catalog(db, HISTORY), "Flyway retype under the views");
        }
    }

    @Test
    void unmanagedReaderOfTheColumn_failsTheMigrationByName_andNothingChanges(TestDatabase db) throws Exception {
        ViewMigrator migrator = Views.migrator(db);
        script("V1__tables.sql", Views.TABLES);
        flyway(db, migrator).migrate();
        migrator.upgrade("head");
        Views.sql(db, "CREATE VIEW hand_made AS SELECT username FROM users");
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        script("V2__widen_usernames.sql", RETYPE);
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(db, migrator).migrate());
        String message = messages(e);
        assertTrue(message.contains("view public.hand_made reads users (username)"), message);
        assertTrue(message.contains("Flyway migration V2__widen_usernames.sql"), message);
        before.assertSameAs(CatalogSnapshot.capture(db), "refused Flyway migration");
        assertEquals(0, number(db, "SELECT count(*) FROM flyway_schema_history WHERE version = '2' AND success"));
    }

    @Test
    void droppingAColumnAViewReturns_failsNamingTheView_andRollsBack(TestDatabase db) throws Exception {
        ViewMigrator migrator = Views.migrator(db);
        script("V1__tables.sql", Views.TABLES);
        flyway(db, migrator).migrate();
        migrator.upgrade("head");
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        script("V2__drop_usernames.sql", "ALTER TABLE users DROP COLUMN username;\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(db, migrator).migrate());
        String message = messages(e);
        assertTrue(message.contains("column \"username\" does not exist"), message);
        assertTrue(message.contains("Edit the view's @View SQL"), message);
        before.assertSameAs(CatalogSnapshot.capture(db), "the failed migration rolled back, views included");
    }

    /** Flyway wraps what a callback throws; the message may sit on a cause. */
    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
