package dev.viewmigrate.testdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.testdb.CatalogSnapshot.Difference;
import dev.viewmigrate.testdb.CatalogSnapshot.Entry;
import dev.viewmigrate.testdb.CatalogSnapshot.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

@ExtendWith(PostgresExtension.class)
class CatalogSnapshotTest {
    /** One of every kind of object the snapshot covers, each with the attributes a careless recreation loses. */
    private static final String SCHEMA = """
            CREATE SCHEMA reporting;
            COMMENT ON SCHEMA reporting IS 'read models';
            CREATE TYPE reporting.mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN reporting.positive AS integer NOT NULL CONSTRAINT positive_check CHECK (VALUE > 0);
            CREATE TYPE reporting.score_range AS RANGE (subtype = integer);
            CREATE TABLE accounts (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text COLLATE "C" NOT NULL CHECK (name <> ''),
                active boolean NOT NULL DEFAULT true,
                name_length integer GENERATED ALWAYS AS (length(name)) STORED,
                mood reporting.mood
            );
            COMMENT ON COLUMN accounts.name IS 'display name';
            CREATE INDEX accounts_name_idx ON accounts (name);
            COMMENT ON INDEX accounts_name_idx IS 'for lookups';
            CREATE SEQUENCE invoice_numbers START 100 INCREMENT 5;
            CREATE VIEW reporting.active_accounts WITH (security_barrier) AS
                SELECT id, name FROM accounts WHERE active;
            COMMENT ON VIEW reporting.active_accounts IS 'accounts that may log in';
            COMMENT ON COLUMN reporting.active_accounts.name IS 'as shown';
            GRANT SELECT ON reporting.active_accounts TO PUBLIC;
            GRANT SELECT (name) ON accounts TO PUBLIC;
            CREATE MATERIALIZED VIEW reporting.account_counts AS
                SELECT active, count(*) AS n FROM accounts GROUP BY active WITH NO DATA;
            CREATE UNIQUE INDEX account_counts_active ON reporting.account_counts (active);
            CREATE FUNCTION reporting.rename_account() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE accounts SET name = NEW.name WHERE id = OLD.id;
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER rename_through_view INSTEAD OF UPDATE ON reporting.active_accounts
                FOR EACH ROW EXECUTE FUNCTION reporting.rename_account();
            CREATE RULE no_deletes AS ON DELETE TO reporting.active_accounts DO INSTEAD NOTHING;
            CREATE AGGREGATE reporting.longest(text) (sfunc = text_larger, stype = text);
            """;

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String detail(CatalogSnapshot snapshot, Kind kind, String name, String member) {
        return snapshot.find(kind, name, member)
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " " + member + " in\n" + snapshot))
                .detail();
    }

    @Test
    void emptyDatabase_holdsOnlyThePublicSchema(TestDatabase db) throws SQLException {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        assertEquals(List.of("schema public"), empty.entries().stream().map(Entry::identity).toList(), empty::toString);
    }

    @Test
    void capture_coversEveryKindOfObject(TestDatabase db) throws SQLException {
        execute(db, SCHEMA);
        CatalogSnapshot snapshot = CatalogSnapshot.capture(db);

        assertTrue(detail(snapshot, Kind.SCHEMA, "reporting", "").endsWith("comment=read models"), snapshot::toString);
        assertEquals("enum ('sad', 'ok', 'happy') owner=" + db.user(),
                detail(snapshot, Kind.TYPE, "reporting.mood", ""));
        assertEquals("domain over integer not null positive_check CHECK ((VALUE > 0)) owner=" + db.user(),
                detail(snapshot, Kind.TYPE, "reporting.positive", ""));
        assertEquals("range of integer owner=" + db.user(), detail(snapshot, Kind.TYPE, "reporting.score_range", ""));

        assertEquals("#1 bigint not null generated always as identity",
                detail(snapshot, Kind.COLUMN, "public.accounts", "id"));
        assertEquals("#2 text collate \"C\" not null acl={=r/" + db.user() + "} comment=display name",
                detail(snapshot, Kind.COLUMN, "public.accounts", "name"));
        assertEquals("#3 boolean not null default true", detail(snapshot, Kind.COLUMN, "public.accounts", "active"));
        assertEquals("#4 integer generated always as (length(name)) stored",
                detail(snapshot, Kind.COLUMN, "public.accounts", "name_length"));
        assertEquals("#5 reporting.mood", detail(snapshot, Kind.COLUMN, "public.accounts", "mood"));
        assertTrue(detail(snapshot, Kind.RELATION, "public.accounts_id_seq", "")
                .endsWith("owned by public.accounts.id"), snapshot::toString);
        assertEquals("sequence owner=" + db.user() + " as bigint start 100 increment 5 min 1 "
                + "max 9223372036854775807 cache 1", detail(snapshot, Kind.RELATION, "public.invoice_numbers", ""));
        assertEquals("CREATE INDEX accounts_name_idx ON public.accounts USING btree (name) comment=for lookups",
                detail(snapshot, Kind.INDEX, "public.accounts", "accounts_name_idx"));
        assertEquals("PRIMARY KEY (id)", detail(snapshot, Kind.CONSTRAINT, "public.accounts", "accounts_pkey"));
        assertEquals("CHECK ((name <> ''::text))",
                detail(snapshot, Kind.CONSTRAINT, "public.accounts", "accounts_name_check"));

        // The owner's privilege letters depend on the server version (17 added MAINTAIN): compare around them.
        String view = detail(snapshot, Kind.RELATION, "reporting.active_accounts", "");
        assertTrue(view.startsWith("view owner=" + db.user() + " acl={" + db.user() + "=arwdDxt"), view);
        assertTrue(view.endsWith(",=r/" + db.user() + "} options=security_barrier=true "
                + "comment=accounts that may log in"), view);
        assertEquals("#2 text collate \"C\" comment=as shown",
                detail(snapshot, Kind.COLUMN, "reporting.active_accounts", "name"));
        assertEquals(" SELECT id,\n    name\n   FROM accounts\n  WHERE active;",
                detail(snapshot, Kind.DEFINITION, "reporting.active_accounts", ""));
        assertTrue(detail(snapshot, Kind.TRIGGER, "reporting.active_accounts", "rename_through_view")
                .startsWith("CREATE TRIGGER rename_through_view INSTEAD OF UPDATE ON reporting.active_accounts"));
        assertEquals("CREATE RULE no_deletes AS\n    ON DELETE TO reporting.active_accounts DO INSTEAD NOTHING;",
                detail(snapshot, Kind.RULE, "reporting.active_accounts", "no_deletes"));
        assertFalse(snapshot.find(Kind.RULE, "reporting.active_accounts", "_RETURN").isPresent(),
                "a view's own _RETURN rule is its definition, listed once");

        assertEquals("materialized view not populated owner=" + db.user(),
                detail(snapshot, Kind.RELATION, "reporting.account_counts", ""));
        assertEquals("CREATE UNIQUE INDEX account_counts_active ON reporting.account_counts USING btree (active)",
                detail(snapshot, Kind.INDEX, "reporting.account_counts", "account_counts_active"));
        assertTrue(detail(snapshot, Kind.FUNCTION, "reporting.rename_account()", "")
                .contains("UPDATE accounts SET name = NEW.name WHERE id = OLD.id;"), snapshot::toString);
        assertEquals("aggregate returns text owner=" + db.user(),
                detail(snapshot, Kind.FUNCTION, "reporting.longest(text)", ""));
    }

    @Test
    void sameSchemaInTwoDatabases_givesEqualSnapshots(TestDatabase db) throws SQLException {
        execute(db, SCHEMA);
        try (TestDatabase other = TestDatabase.create()) {
            execute(other, SCHEMA);
            CatalogSnapshot first = CatalogSnapshot.capture(db);
            CatalogSnapshot second = CatalogSnapshot.capture(other);
            assertEquals(first, second);
            assertEquals(first.hashCode(), second.hashCode());
            assertEquals(List.of(), first.differences(second));
            assertEquals("", first.diff(second));
            first.assertSameAs(second, "identical scripts");
        }
    }

    @Test
    void droppedAndReAddedColumn_isTheSameSchemaAsOneCreatedWithIt(TestDatabase db) throws SQLException {
        execute(db, "CREATE TABLE t (a int, b text); CREATE VIEW v AS SELECT a, b FROM t");
        CatalogSnapshot created = CatalogSnapshot.capture(db);
        execute(db, "DROP VIEW v; ALTER TABLE t DROP COLUMN b; ALTER TABLE t ADD COLUMN b text; "
                + "CREATE VIEW v AS SELECT a, b FROM t");
        assertEquals(created, CatalogSnapshot.capture(db));
    }

    @Test
    void diff_namesEveryObjectThatChanged_withBothSides(TestDatabase db) throws SQLException {
        execute(db, SCHEMA);
        CatalogSnapshot before = CatalogSnapshot.capture(db);
        // What a careless downgrade does: recreate the view without its grant and comment, leave a column behind.
        execute(db, """
                ALTER TABLE accounts ADD COLUMN email text;
                DROP VIEW reporting.active_accounts;
                CREATE VIEW reporting.active_accounts AS SELECT id, name, email FROM accounts WHERE active;
                DROP INDEX reporting.account_counts_active;
                """);
        CatalogSnapshot after = CatalogSnapshot.capture(db);
        assertNotEquals(before, after);

        List<String> changed = before.differences(after).stream().map(Difference::identity).toList();
        assertEquals(List.of("column email of public.accounts",
                "index account_counts_active of reporting.account_counts",
                "relation reporting.active_accounts",
                "column email of reporting.active_accounts",
                "column name of reporting.active_accounts",
                "definition of reporting.active_accounts",
                "rule no_deletes of reporting.active_accounts",
                "trigger rename_through_view of reporting.active_accounts"), changed);

        String diff = before.diff(after, "before", "after downgrade");
        assertTrue(diff.startsWith("""
                column email of public.accounts
                    before:          (absent)
                    after downgrade: #6 text
                """), diff);
        assertTrue(diff.contains("""
                definition of reporting.active_accounts
                    before:           SELECT id,
                                         name
                                        FROM accounts
                                       WHERE active;
                    after downgrade:  SELECT id,
                                         name,
                                         email
                                        FROM accounts
                                       WHERE active;
                """), diff);
        assertTrue(diff.contains("""
                column name of reporting.active_accounts
                    before:          #2 text collate "C" comment=as shown
                    after downgrade: #2 text collate "C"
                """), diff);

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> before.assertSameAs(after, "downgrade of revision 3"));
        assertTrue(failure.getMessage().startsWith("downgrade of revision 3: the catalog differs in 8 objects:\n"
                + "column email of public.accounts\n    expected: (absent)\n    actual:   #6 text\n"),
                failure.getMessage());
        assertEquals(before.toString(), failure.getExpected().getStringRepresentation());
        assertEquals(after.toString(), failure.getActual().getStringRepresentation());
    }

    @Test
    void without_leavesOutARelationWithEverythingOnIt_orJustASchemaEntry(TestDatabase db) throws SQLException {
        CatalogSnapshot empty = CatalogSnapshot.capture(db);
        execute(db, "CREATE SCHEMA tool; CREATE TABLE tool.history (revision text PRIMARY KEY, "
                + "rank int NOT NULL UNIQUE); COMMENT ON COLUMN tool.history.rank IS 'order'");
        CatalogSnapshot withHistory = CatalogSnapshot.capture(db);
        assertTrue(withHistory.hasRelation("tool.history"));
        assertEquals(7, withHistory.entriesOf("tool.history").size(), withHistory::toString);

        assertEquals(empty, withHistory.without("tool.history", "tool"));
        CatalogSnapshot schemaKept = withHistory.without("tool.history");
        assertEquals(List.of("schema public", "schema tool"),
                schemaKept.entries().stream().map(Entry::identity).toList());
        assertEquals(Optional.empty(), withHistory.without("tool").find(Kind.SCHEMA, "tool", ""));
        assertTrue(withHistory.without("tool").hasRelation("tool.history"));
    }

    @Test
    void objectsOfAnExtension_areLeftOut(TestDatabase db) throws SQLException {
        CatalogSnapshot before = CatalogSnapshot.capture(db);
        // plpgsql exists in every database: CREATE EXTENSION of another one needs its files, which the embedded
        // binaries may lack, so a dependency on an existing extension stands in for a full extension here.
        execute(db, "CREATE FUNCTION ext_member() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        assertTrue(CatalogSnapshot.capture(db).find(Kind.FUNCTION, "public.ext_member()", "").isPresent());
        execute(db, "ALTER EXTENSION plpgsql ADD FUNCTION ext_member()");
        assertEquals(before, CatalogSnapshot.capture(db));
    }
}
