package dev.viewmigrate.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.testdb.PostgresExtension;
import dev.viewmigrate.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wording rules every runtime message shares. */
@ExtendWith(PostgresExtension.class)
class MessagesTest {
    @Test
    void postgres_quotesTheServersMessageWithoutTheDriversPrefixAndDetail(TestDatabase db) throws Exception {
        SQLException e;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            e = assertThrows(SQLException.class,
                    () -> s.execute("SELECT no_such_column FROM pg_class"));
        }

        assertEquals("column \"no_such_column\" does not exist (SQLState 42703)", Messages.postgres(e));
    }

    @Test
    void postgres_ofAnErrorWithoutServerMessage_usesTheDriversMessage_andOmitsAMissingSqlState() {
        assertEquals("Connection refused (SQLState 08001)", Messages.postgres(new SQLException("Connection refused",
                "08001")));
        assertEquals("no state", Messages.postgres(new SQLException("no state")));
    }

    @Test
    void advice_forARefusedDowngrade_talksAboutTheDowngrade() {
        SQLException refused = new SQLException("refused", "2BP01");

        assertEquals("Nothing was changed. Do what the hint says, then run upgrade again.",
                Messages.advice(refused, Direction.UPGRADE));
        assertEquals("Nothing was changed. Do what the hint says, then run downgrade again.",
                Messages.advice(refused, Direction.DOWNGRADE));
        assertTrue(Messages.advice(new SQLException("exists", "42P07"), Direction.UPGRADE)
                .contains("viewmigrate stamp REV"));
        assertTrue(Messages.advice(new SQLException("syntax", "42601"), Direction.UPGRADE)
                .contains("-Dviewmigrate.amend=true"));
    }

    @Test
    void malformedCount_namesTheSignTheTargetStartsWith() {
        assertEquals("Malformed upgrade target '+x': +N needs a whole number N of at least 1.",
                Messages.malformedCount("upgrade", "+x"));
        assertEquals("Malformed downgrade target '--1': -N needs a whole number N of at least 1.",
                Messages.malformedCount("downgrade", "--1"));
    }

    @Test
    void duration_isWrittenInTheLargestWholeUnit() {
        assertEquals("400 ms", Messages.duration(Duration.ofMillis(400)));
        assertEquals("30 s", Messages.duration(Duration.ofSeconds(30)));
        assertEquals("10 min", Messages.duration(Duration.ofMinutes(10)));
        assertEquals("1500 ms", Messages.duration(Duration.ofMillis(1500)));
    }
}
