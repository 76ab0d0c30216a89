package dev.viewmigrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void quote_onlyWhatPostgresWouldOtherwiseReadDifferently() {
        assertEquals("viewmigrate_history", Identifiers.quote("viewmigrate_history"));
        assertEquals("\"History\"", Identifiers.quote("History"));
        assertEquals("\"ops team\"", Identifiers.quote("ops team"));
        assertEquals("\"a\"\"b\"", Identifiers.quote("a\"b"));
        assertEquals("\"user\"", Identifiers.quote("user"));
        assertEquals("\"1st\"", Identifiers.quote("1st"));
        assertEquals("\"verbose\"", Identifiers.quote("verbose"));
        assertEquals("\"a.b\"", Identifiers.quote("a.b"));
    }

    @Test
    void qualified_keepsADottedNameOneIdentifier() {
        assertEquals("\"a.b\"", Identifiers.qualified("", "a.b"));
        assertEquals("a.b", Identifiers.qualified("a", "b"));
        assertEquals("\"Sales Data\".\"Daily Totals\"", Identifiers.qualified("Sales Data", "Daily Totals"));
    }

    @Test
    void problem_namesWhatPostgresWouldChange() {
        assertEquals(Optional.empty(), Identifiers.problem("active_users"));
        assertTrue(Identifiers.problem(" x").isPresent());
        assertTrue(Identifiers.problem("a\u0001b").isPresent());
        assertTrue(Identifiers.problem("x".repeat(64)).orElseThrow().contains("64 bytes"));
        assertEquals(Optional.empty(), Identifiers.problem("x".repeat(63)));
    }
}
