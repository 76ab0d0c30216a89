package dev.viewmigrate.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class HistoryTableNamesTest {
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
