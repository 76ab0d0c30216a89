package dev.viewmigrate.integrations;

import static dev.viewmigrate.integrations.Views.number;
import static dev.viewmigrate.integrations.Views.oid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.liquibase.ViewMigrateChangeExecListener;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Liquibase 4.33 changesets on a real PostgreSQL, with viewmigrate's change listener: a {@code modifyDataType}
 * change (SQL Liquibase generates) under managed views succeeds like a fresh build, the views that do not read the
 * column keep their OIDs; a {@code <sql>} change under a view viewmigrate does not manage fails by name and leaves
 * the database as it was.
 */
@ExtendWith(PostgresExtension.class)
class LiquibaseTableChangeTest {
    private static final String TABLES = changeSet("1", "<sql>" + Views.TABLES + "</sql>");
    private static final String RETYPE = changeSet("2", """
            <modifyDataType tableName="users" columnName="username" newDataType="varchar(200)"/>
            <addColumn tableName="posts"><column name="draft" type="boolean"/></addColumn>""");

    @TempDir
    Path changelogs;

    private static String changeSet(String id, String changes) {
        return "<changeSet id=\"" + id + "\" author=\"test\">" + changes + "</changeSet>\n";
    }

    private void update(TestDatabase db, ViewMigrator migrator, String... changeSets) throws Exception {
        Files.writeString(changelogs.resolve("changelog.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """ + String.join("", changeSets) + "</databaseChangeLog>\n");
        try (Connection connection = db.connect()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase("changelog.xml", new DirectoryResourceAccessor(changelogs), database);
            liquibase.setChangeExecListener(new ViewMigrateChangeExecListener(migrator));
            liquibase.update(new Contexts(), new LabelExpression());
        }
    }

    private static CatalogSnapshot catalog(TestDatabase db) throws Exception {
        return Views.catalog(db, "public.databasechangelog").without("public.databasechangeloglock");
    }

    @Test
    void retypeUnderManagedViews_recreatesOnlyTheReaders_likeAFreshBuild(TestDatabase db) throws Exception {
        ViewMigrator migrator = Views.migrator(db);
        update(db, migrator, TABLES);
        migrator.upgrade("head");
        Views.decorate(db);
        long names = oid(db, "user_names");
        long posts = oid(db, "post_counts");
        long ids = oid(db, "user_ids");

        update(db, migrator, TABLES, RETYPE);

        assertNotEquals(names, oid(db, "user_names"), "the reader of username was created again");
        assertEquals(posts, oid(db, "post_counts"), "a view over another table is not touched");
        assertEquals(ids, oid(db, "user_ids"), "a view reading another column of users is not touched");
        assertEquals(2, number(db, "SELECT count(*) FROM user_search"), "the materialized view has its data");
        assertEquals(200, number(db, "SELECT character_maximum_length FROM information_schema.columns"
                + " WHERE table_name = 'user_names' AND column_name = 'username'"));
        assertTrue(migrator.verify().clean(), () -> migrator.verify().toString());

        try (TestDatabase fresh = TestDatabase.create()) {
            ViewMigrator freshMigrator = Views.migrator(fresh);
            update(fresh, freshMigrator, TABLES, RETYPE);
            freshMigrator.upgrade("head");
            Views.decorate(fresh);
            catalog(fresh).assertSameAs(catalog(db), "Liquibase retype under the views");
        }
    }

    @Test
    void unmanagedReaderOfTheColumn_failsTheChangeSetByName_andNothingChanges(TestDatabase db) throws Exception {
        ViewMigrator migrator = Views.migrator(db);
        update(db, migrator, TABLES);
        migrator.upgrade("head");
        Views.sql(db, "CREATE VIEW hand_made AS SELECT username FROM users");
        CatalogSnapshot before = CatalogSnapshot.capture(db);

        LiquibaseException e = assertThrows(LiquibaseException.class, () -> update(db, migrator, TABLES,
                changeSet("2", "<sql>ALTER TABLE users ALTER COLUMN username TYPE text</sql>")));
        String message = FlywayTableChangeTest.messages(e);
        assertTrue(message.contains("view public.hand_made reads users (username)"), message);
        assertTrue(message.contains("Liquibase changeset changelog.xml::2::test"), message);
        before.assertSameAs(CatalogSnapshot.capture(db), "refused changeset");
        assertEquals(0, number(db, "SELECT count(*) FROM databasechangelog WHERE id = '2'"));
    }
}
