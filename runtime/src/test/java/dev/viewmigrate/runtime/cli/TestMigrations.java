package dev.viewmigrate.runtime.cli;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.SqlMigration;
import java.util.List;

/** Hand-written chains for the CLI tests: a table and a view that changes in a way CREATE OR REPLACE cannot undo. */
public final class TestMigrations implements MigrationCatalog {
    /** Listed in the separate-JVM test's service file: needs a public no-argument constructor. */
    public TestMigrations() {}

    static final Migration CREATE_TABLE = new SqlMigration("1", "create table users",
            List.of("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, active boolean NOT NULL)"),
            List.of("DROP TABLE users"));

    static final Migration CREATE_VIEW = new SqlMigration("2", "create view active_users",
            List.of("CREATE VIEW active_users AS SELECT id, name FROM users WHERE active"),
            List.of("DROP VIEW active_users"));

    // Downgrade removes a column: CREATE OR REPLACE cannot, so it drops and recreates.
    static final Migration CHANGE_VIEW = new SqlMigration("3", "change view active_users",
            List.of("CREATE OR REPLACE VIEW active_users AS SELECT id, name, upper(name) AS shout FROM users"
                    + " WHERE active"),
            List.of("DROP VIEW active_users",
                    "CREATE VIEW active_users AS SELECT id, name FROM users WHERE active"));

    static final Migration BROKEN = new SqlMigration("4", "create view broken",
            List.of("CREATE VIEW broken AS SELECT * FROM no_such_table"),
            List.of("DROP VIEW broken"));

    /** The three good revisions. */
    static final MigrationCatalog CHAIN = () -> List.of(CREATE_TABLE, CREATE_VIEW, CHANGE_VIEW);

    /** The good chain plus a revision that fails. */
    static final MigrationCatalog CHAIN_WITH_BROKEN_HEAD =
            () -> List.of(CREATE_TABLE, CREATE_VIEW, CHANGE_VIEW, BROKEN);

    @Override
    public List<Migration> migrations() {
        return CHAIN.migrations();
    }
}
