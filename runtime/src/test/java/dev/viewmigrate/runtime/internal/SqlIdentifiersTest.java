package dev.viewmigrate.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {
    @Test
    void quote_onlyWhatPostgresWouldOtherwiseReadDifferently() {
        assertEquals("viewmigrate_history", SqlIdentifiers.quote("viewmigrate_history"));
        assertEquals("\"History\"", SqlIdentifiers.quote("History"));
        assertEquals("\"ops team\"", SqlIdentifiers.quote("ops team"));
        assertEquals("\"a\"\"b\"", SqlIdentifiers.quote("a\"b"));
        assertEquals("\"user\"", SqlIdentifiers.quote("user"));
        assertEquals("\"1st\"", SqlIdentifiers.quote("1st"));
    }

    @Test
    void literal_escapesQuotesAndBackslashes() {
        assertEquals("'it''s'", SqlIdentifiers.literal("it's"));
        assertEquals("E'a\\\\b'", SqlIdentifiers.literal("a\\b"));
    }

    @Test
    void historyTable_qualifiedNameAndLockKeyFollowTheConfiguredNames() {
        HistoryTable plain = new HistoryTable(null, "viewmigrate_history");
        HistoryTable quoted = new HistoryTable("Ops", "viewmigrate_history");
        assertEquals("viewmigrate_history", plain.qualifiedName());
        assertEquals("\"Ops\".viewmigrate_history", quoted.qualifiedName());
        assertEquals(0x766D6967L, plain.lockKey() >>> 32);
        assertNotEquals(plain.lockKey(), quoted.lockKey());
        assertEquals(plain.lockKey(), new HistoryTable(null, "viewmigrate_history").lockKey());
    }
}
