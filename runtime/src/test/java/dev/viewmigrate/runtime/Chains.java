package dev.viewmigrate.runtime;

import java.util.List;

/** The chains the runtime tests migrate: small, but with the shapes real chains have. */
public final class Chains implements MigrationCatalog {
    /** Listed in a test service file (catalogs/one/...): needs a public no-argument constructor. */
    public Chains() {}

    /** A table with an index, a primary key and a check constraint. */
    public static final SqlMigration ACCOUNTS = new SqlMigration("1", "create table accounts",
            List.of("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL CHECK (name <> ''), "
                            + "created_at timestamptz, active boolean NOT NULL DEFAULT true)",
                    "CREATE INDEX accounts_name_idx ON accounts (name)"),
            List.of("DROP TABLE accounts"));

    /** A view, with a comment and a grant (things a recreation loses when done carelessly). */
    public static final SqlMigration ACTIVE_ACCOUNTS = new SqlMigration("2", "create view active_accounts",
            List.of("CREATE VIEW active_accounts AS SELECT id, name FROM accounts WHERE active",
                    "COMMENT ON VIEW active_accounts IS 'accounts that may log in'",
                    "GRANT SELECT ON active_accounts TO PUBLIC"),
            List.of("DROP VIEW active_accounts"));

    /**
     * A column added to the table, the view recreated with it (CREATE OR REPLACE cannot drop it again on the way
     * down), a materialized view with a unique index, and a function with a dollar-quoted body: statements with and
     * without a trailing semicolon, and one with a trailing comment, as offline mode must print them.
     */
    public static final SqlMigration EMAIL = new SqlMigration("3", "add accounts.email; account stats",
            List.of("ALTER TABLE accounts ADD COLUMN email text",
                    "CREATE OR REPLACE VIEW active_accounts AS SELECT id, name, email FROM accounts WHERE active;",
                    "CREATE MATERIALIZED VIEW account_stats AS SELECT count(*) AS accounts, 1 AS id FROM accounts "
                            + "-- one row",
                    "CREATE UNIQUE INDEX account_stats_id ON account_stats (id)",
                    """
                    CREATE FUNCTION account_count() RETURNS bigint LANGUAGE plpgsql AS $body$
                    BEGIN
                        -- a semicolon inside the body must not end the statement;
                        RETURN (SELECT count(*) FROM accounts);
                    END;
                    $body$
                    """),
            List.of("DROP FUNCTION account_count()",
                    "DROP MATERIALIZED VIEW account_stats",
                    "DROP VIEW active_accounts",
                    "CREATE VIEW active_accounts AS SELECT id, name FROM accounts WHERE active",
                    "COMMENT ON VIEW active_accounts IS 'accounts that may log in'",
                    "GRANT SELECT ON active_accounts TO PUBLIC",
                    "ALTER TABLE accounts DROP COLUMN email"));

    public static final MigrationCatalog THREE = () -> List.of(ACCOUNTS, ACTIVE_ACCOUNTS, EMAIL);

    @Override
    public List<Migration> migrations() {
        return THREE.migrations();
    }
}
