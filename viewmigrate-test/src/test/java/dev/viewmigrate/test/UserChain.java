package dev.viewmigrate.test;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.ViewName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's chain as the processor would generate it, over a {@code users} table that the application's JPA schema
 * owns (so it is not in the chain: tests create it with {@link #SETUP_SQL}). Registered in this module's test
 * {@code META-INF/services} file, so that {@code ServiceLoader} finds it exactly as it finds a generated catalog.
 */
public final class UserChain implements MigrationCatalog {
    static final String SETUP_SQL = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, "
            + "active boolean NOT NULL DEFAULT true)";

    static final String ACTIVE_USERS_V1 = "SELECT id, name FROM users WHERE active";
    static final String ACTIVE_USERS_V2 = "SELECT id, created_at, name FROM users WHERE active";
    static final String USER_COUNTS = "SELECT active, count(*) AS users FROM users GROUP BY active";

    static final FrozenView ACTIVE_USERS_1 = FrozenView.view(ViewName.of("active_users"), ACTIVE_USERS_V1);
    static final FrozenView ACTIVE_USERS_2 = FrozenView.view(ViewName.of("active_users"), ACTIVE_USERS_V2);
    static final FrozenView USER_COUNTS_VIEW = FrozenView.materializedView(ViewName.of("user_counts"), USER_COUNTS)
            .withIndexes(FrozenIndex.uniqueOn("user_counts_active", "active"));

    /** Creates the view with the comment and grant that every recreation must restore. */
    private static List<String> createActiveUsers(String sql) {
        return List.of("CREATE VIEW active_users AS " + sql,
                "COMMENT ON VIEW active_users IS 'users who may log in'",
                "GRANT SELECT ON active_users TO PUBLIC");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static final TestMigration CREATE_ACTIVE_USERS = new TestMigration("1", "create view active_users",
            createActiveUsers(ACTIVE_USERS_V1), List.of("DROP VIEW active_users"), List.of(ACTIVE_USERS_1),
            List.of());

    /** Hand-written: a table change between two view revisions. */
    static final TestMigration ADD_CREATED_AT = TestMigration.sql("2", "add users.created_at",
            List.of("ALTER TABLE users ADD COLUMN created_at timestamptz"),
            List.of("ALTER TABLE users DROP COLUMN created_at"));

    /** A column inserted in the middle: CREATE OR REPLACE cannot do it, so the view is dropped and recreated. */
    static final TestMigration CHANGE_ACTIVE_USERS = new TestMigration("3",
            "change view active_users; create materialized view user_counts",
            concat(concat(List.of("DROP VIEW active_users"), createActiveUsers(ACTIVE_USERS_V2)),
                    List.of("CREATE MATERIALIZED VIEW user_counts AS " + USER_COUNTS,
                            "CREATE UNIQUE INDEX user_counts_active ON user_counts (active)")),
            concat(List.of("DROP MATERIALIZED VIEW user_counts", "DROP VIEW active_users"),
                    createActiveUsers(ACTIVE_USERS_V1)),
            List.of(ACTIVE_USERS_2, USER_COUNTS_VIEW), List.of());

    static final TestMigration REMOVE_ACTIVE_USERS = new TestMigration("4", "remove view active_users",
            List.of("DROP VIEW active_users"), createActiveUsers(ACTIVE_USERS_V2), List.of(),
            List.of(ViewName.of("active_users")));

    static final List<Migration> MIGRATIONS = List.of(CREATE_ACTIVE_USERS, ADD_CREATED_AT, CHANGE_ACTIVE_USERS,
            REMOVE_ACTIVE_USERS);

    /** Found by ServiceLoader: needs a public no-argument constructor. */
    public UserChain() {}

    @Override
    public List<Migration> migrations() {
        return MIGRATIONS;
    }

    /** The chain with revision {@code position} (1-based) replaced. */
    static MigrationCatalog replacing(int position, Migration replacement) {
        List<Migration> changed = new ArrayList<>(MIGRATIONS);
        changed.set(position - 1, replacement);
        List<Migration> result = List.copyOf(changed);
        return () -> result;
    }
}
