package dev.viewmigrate.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.runtime.ReportingChain;
import dev.viewmigrate.runtime.cli.CliRunner.Result;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** stamp and sql stamp through the command line. */
@ExtendWith(PostgresExtension.class)
class CliStampTest {
    private static final MigrationCatalog CHAIN = ReportingChain.CHAIN;

    private static void buildByHand(TestDatabase db, String... extra) throws SQLException {
        List<String> statements = new ArrayList<>(ReportingChain.TABLES.up());
        statements.addAll(ReportingChain.VIEWS.up());
        statements.addAll(List.of(extra));
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void stampHead_onAHandBuiltDatabase_thenVerifyIsClean(TestDatabase db) throws SQLException {
        buildByHand(db);

        Result stamp = CliRunner.runOn(db, CHAIN, "stamp", "head");

        assertEquals(0, stamp.exitCode(), stamp::toString);
        assertEquals("Stamped revision 2 (was base): recorded 1, 2. The live views match it; no migration ran.\n",
                stamp.out());
        assertEquals("", stamp.err());
        Result again = CliRunner.runOn(db, CHAIN, "stamp", "head");
        assertEquals("The history already records revision 2; nothing written (the live views match it).\n",
                again.out());
        Result verify = CliRunner.runOn(db, CHAIN, "verify");
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    @Test
    void mismatch_exitsOne_withTheFindings_andForceSaysWhatItSkipped(TestDatabase db) throws SQLException {
        buildByHand(db, "DROP INDEX lazy_counts_id");

        Result refused = CliRunner.runOn(db, CHAIN, "stamp", "head");

        assertEquals(1, refused.exitCode(), refused::toString);
        assertEquals("", refused.out());
        assertTrue(refused.err().startsWith("viewmigrate stamp failed: Refusing to stamp revision 2 (create reporting views), "
                + "nothing was recorded"), refused::toString);
        assertTrue(refused.err().contains("\n  - missing index: Index lazy_counts_id declared on materialized view "
                + "lazy_counts"), refused::toString);

        Result forced = CliRunner.runOn(db, CHAIN, "stamp", "head", "--force");

        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals("Stamped revision 2 (was base): recorded 1, 2. No migration ran.\n", forced.out());
        assertEquals("stamp --force: the live views were NOT compared with revision 2; run 'viewmigrate verify' to "
                + "see whether the database really is there.\n", forced.err());
    }

    @Test
    void unknownTarget_exitsTwo() {
        Result result = CliRunner.run(java.util.Map.of(), CHAIN, "sql", "stamp", "9");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("viewmigrate sql stamp: Unknown stamp target '9': no revision with that id in the chain. Stamp takes "
                + "head, base or a revision id (revisions: 1, 2).\n", result.err());
    }

    @Test
    void sqlStamp_printsTheHistoryStatements_withoutConnecting() {
        Result result = CliRunner.run(java.util.Map.of(), CHAIN, "sql", "stamp", "1", "--history-table", "h");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("""
                BEGIN;
                DELETE FROM h
                WHERE (rank, revision, checksum) NOT IN (VALUES
                    (1, '1', %d));
                INSERT INTO h (rank, revision, description, checksum, execution_ms)
                VALUES
                    (1, '1', 'create tables', %d, 0)
                ON CONFLICT DO NOTHING;
                COMMIT;
                """.formatted(ReportingChain.TABLES.checksum(), ReportingChain.TABLES.checksum())),
                result::toString);
    }
}
