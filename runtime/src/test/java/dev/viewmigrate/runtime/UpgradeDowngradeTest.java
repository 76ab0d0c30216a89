package dev.viewmigrate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.testdb.CatalogSnapshot;
import dev.viewmigrate.testdb.CatalogSnapshot.Entry;
import dev.viewmigrate.testdb.CatalogSnapshot.Kind;
import dev.viewmigrate.testdb.ForwardingDataSource;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class UpgradeDowngradeTest {
    private static final String HISTORY = "public." + ViewMigrator.DEFAULT_HISTORY_TABLE;

    private static ViewMigrator migrator(TestDatabase db) {
        return ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE).build();
    }

    @Test
    void upgradeHead_downgradeStepwise_roundTripsTheCatalogExactly(TestDatabase db) throws Exception {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        List<String> events = new ArrayList<>();
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE)
                .listener(new MigrationListener() {
                    @Override
                    public void beforeRevision(Migration migration, Direction direction) {
                        events.add("before " + direction + " " + migration.revision());
                    }

                    @Override
                    public void afterRevision(Migration migration, Direction direction, Duration duration) {
                        events.add("after " + direction + " " + migration.revision());
                    }
                })
                .build();
        assertEquals(Optional.empty(), migrator.current());

        MigrationResult up = migrator.upgrade("head");
        assertEquals(Direction.UPGRADE, up.direction());
        assertEquals(List.of("1", "2", "3"), up.executed());
        assertEquals(Optional.empty(), up.from());
        assertEquals(Optional.of("3"), up.to());
        assertEquals(List.of("before UPGRADE 1", "after UPGRADE 1", "before UPGRADE 2", "after UPGRADE 2",
                "before UPGRADE 3", "after UPGRADE 3"), events);
        assertEquals("3", migrator.current().orElseThrow().revision());
        CatalogSnapshot atHead = CatalogSnapshot.capture(db);
        assertEquals(Optional.of("materialized view populated owner=" + db.user()),
                atHead.find(Kind.RELATION, "public.account_stats", "").map(Entry::detail), atHead::toString);
        assertEquals(Optional.of("#3 text"), atHead.find(Kind.COLUMN, "public.active_accounts", "email")
                .map(Entry::detail), atHead::toString);

        List<AppliedRevision> history = migrator.history();
        assertEquals(List.of("1", "2", "3"), history.stream().map(AppliedRevision::revision).toList());
        assertEquals(List.of(1, 2, 3), history.stream().map(AppliedRevision::rank).toList());
        for (int i = 0; i < 3; i++) {
            Migration migration = Chains.THREE.migrations().get(i);
            assertEquals(migration.checksum(), history.get(i).checksum());
            assertEquals(migration.description(), history.get(i).description());
            assertEquals("postgres".equals(db.user()) ? "postgres" : db.user(), history.get(i).appliedBy());
            assertTrue(history.get(i).appliedAt() != null && history.get(i).executionMillis() >= 0);
        }

        MigrationResult back = migrator.downgrade("-1");
        assertEquals(List.of("3"), back.executed());
        assertEquals(Optional.of("3"), back.from());
        assertEquals(Optional.of("2"), back.to());
        assertEquals("2", migrator.current().orElseThrow().revision());
        CatalogSnapshot atTwo = CatalogSnapshot.capture(db);
        assertFalse(atTwo.hasRelation("public.account_stats"), atTwo::toString);
        assertFalse(atTwo.find(Kind.COLUMN, "public.active_accounts", "email").isPresent(), atTwo::toString);
        // Recreated by the downgrade with its comment and its grant to PUBLIC (=r/owner), besides the owner's own.
        // The owner's privilege letters vary with the server version (MAINTAIN is new in 17).
        String owner = Pattern.quote(db.user());
        String activeAccounts = atTwo.find(Kind.RELATION, "public.active_accounts", "").orElseThrow().detail();
        assertTrue(activeAccounts.matches("view owner=" + owner + " acl=\\{" + owner + "=[a-zA-Z]+/" + owner + ",=r/"
                + owner + "} comment=accounts that may log in"), activeAccounts);

        MigrationResult toBase = migrator.downgrade("base");
        assertEquals(List.of("2", "1"), toBase.executed());
        assertEquals(Optional.empty(), toBase.to());
        assertEquals(Optional.empty(), migrator.current());
        assertEquals(List.of(), HistoryRows.of(db));
        empty.assertSameAs(CatalogSnapshot.capture(db).without(HISTORY), "downgrade to base");

        MigrationResult plusTwo = migrator.upgrade("+2");
        assertEquals(List.of("1", "2"), plusTwo.executed());
        assertEquals("2", migrator.current().orElseThrow().revision());
        // Reaching revision 2 forwards and backwards gives the same schema (and the same history).
        atTwo.assertSameAs(CatalogSnapshot.capture(db), "upgrade +2 from base");
    }

    @Test
    void alreadyAtTarget_isANoOpWithNothingExecuted(TestDatabase db) throws Exception {
        ViewMigrator migrator = migrator(db);
        migrator.upgrade();
        List<String> rows = HistoryRows.of(db);

        MigrationResult again = migrator.upgrade();
        assertEquals(List.of(), again.executed());
        assertEquals(Optional.of("3"), again.from());
        assertEquals(Optional.of("3"), again.to());
        assertEquals(List.of(), migrator.upgrade("3").executed());
        assertEquals(List.of(), migrator.downgrade("3").executed());
        assertEquals(List.of(), migrator.downgrade("head").executed());
        assertEquals(rows, HistoryRows.of(db));

        migrator.downgrade("base");
        assertEquals(List.of(), migrator.downgrade("base").executed());
        assertEquals(List.of(), migrator.upgrade("base").executed());
    }

    @Test
    void downgradeAtBaseOfAFreshDatabase_createsNoHistoryTable(TestDatabase db) throws Exception {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        assertEquals(List.of(), migrator(db).downgrade("base").executed());
        empty.assertSameAs(CatalogSnapshot.capture(db), "downgrade base at base");
        assertEquals(List.of(), migrator(db).history());
    }

    @Test
    void status_listsAppliedAndPendingInOrder(TestDatabase db) {
        ViewMigrator migrator = migrator(db);
        Status fresh = migrator.status();
        assertEquals(List.of(), fresh.applied());
        assertEquals(List.of("1", "2", "3"), fresh.pending().stream().map(Migration::revision).toList());
        assertFalse(fresh.upToDate());
        assertTrue(fresh.valid());

        migrator.upgrade("1");
        Status one = migrator.status();
        assertEquals("1", one.current().orElseThrow().revision());
        assertEquals(List.of("2", "3"), one.pending().stream().map(Migration::revision).toList());

        migrator.upgrade();
        assertTrue(migrator.status().upToDate());
        assertEquals(Chains.THREE.migrations(), migrator.migrations());
    }

    @Test
    void historyInAQuotedSchemaAndTable_isCreatedAndUsed(TestDatabase db) throws Exception {
        ViewMigrator migrator = ViewMigrator.builder().dataSource(db.dataSource()).catalog(Chains.THREE)
                .historySchema("Ops Team").historyTable("Migration \"History\"").build();
        assertEquals(List.of("1", "2", "3"), migrator.upgrade().executed());
        assertEquals(3, HistoryRows.of(db, "\"Ops Team\".\"Migration \"\"History\"\"\"").size());
        assertEquals("3", migrator.current().orElseThrow().revision());
        // The default table was not touched: the two histories are independent.
        ViewMigrator other = migrator(db);
        assertEquals(Optional.empty(), other.current());
        assertEquals(List.of("3", "2", "1"), migrator.downgrade("base").executed());
        assertEquals(List.of(), HistoryRows.of(db, "\"Ops Team\".\"Migration \"\"History\"\"\""));
    }

    @Test
    void urlBuilder_connectsThroughDriverManager(TestDatabase db) {
        ViewMigrator migrator = ViewMigrator.builder().url(db.url(), db.user(), db.password())
                .catalog(Chains.THREE).build();
        assertEquals(List.of("1", "2", "3"), migrator.upgrade().executed());
        assertEquals("3", migrator.current().orElseThrow().revision());
    }

    @Test
    void dataSourceConnectionInManualCommitMode_isHandledAndRestored(TestDatabase db) throws Exception {
        // A pool may hand out connections with autocommit off; no operation may break on it or give it back changed.
        List<Boolean> autoCommitAtClose = new ArrayList<>();
        javax.sql.DataSource manual = new ForwardingDataSource(db.dataSource()) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = super.getConnection();
                connection.setAutoCommit(false);
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                autoCommitAtClose.add(connection.getAutoCommit());
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        ViewMigrator migrator = ViewMigrator.builder().dataSource(manual).catalog(Chains.THREE).build();
        assertEquals(List.of("1", "2", "3"), migrator.upgrade().executed());
        assertTrue(migrator.status().upToDate());
        assertEquals(3, migrator.history().size());
        assertTrue(migrator.verify().clean());
        // Chains.THREE declares no views (hand-written migrations): nothing to refresh, but a connection all the same.
        assertEquals(List.of(), migrator.refresh().refreshed());
        assertEquals(List.of("3"), migrator.downgrade("-1").executed());

        assertEquals(2, HistoryRows.of(db).size());
        assertTrue(autoCommitAtClose.size() >= 6, autoCommitAtClose::toString);
        assertEquals(List.of(), autoCommitAtClose.stream().filter(autoCommit -> autoCommit).toList(),
                "connections given back with autocommit on: " + autoCommitAtClose);
    }
}
