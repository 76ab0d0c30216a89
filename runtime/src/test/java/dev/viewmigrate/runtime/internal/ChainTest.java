package dev.viewmigrate.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.SqlMigration;
import dev.viewmigrate.runtime.ViewMigrateException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTest {
    private static Chain chainOf(int size) {
        List<Migration> migrations = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            migrations.add(SqlMigration.of(Integer.toString(i), "view " + i, "SELECT 1", "SELECT 1"));
        }
        return Chain.of(() -> migrations);
    }

    @Test
    void longListsOfRevisions_areAbbreviatedInTheMiddle() {
        Chain chain = chainOf(1000);
        assertEquals("1, 2, 3, 4, 5, ... (990 more), 996, 997, 998, 999, 1000", chain.idsBetween(0, 1000));
        assertEquals("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12", chain.idsBetween(0, 12));
        assertEquals("none", chain.idsBetween(3, 3));
    }

    @Test
    void targetErrorsStayShortForLongChains() {
        Chain chain = chainOf(1000);
        ViewMigrateException e = assertThrows(ViewMigrateException.class, () -> Targets.forUpgrade(chain, 0, "x"));
        assertEquals("Unknown upgrade target 'x': no revision with that id in the chain (revisions: 1, 2, 3, 4, 5, "
                + "... (990 more), 996, 997, 998, 999, 1000). Valid upgrade targets from base: head, +1 to +1000, or "
                + "a pending revision (1, 2, 3, 4, 5, ... (990 more), 996, 997, 998, 999, 1000).", e.getMessage());
    }

    @Test
    void statesAreNamedByTheirNewestRevision() {
        Chain chain = chainOf(3);
        assertEquals("base", chain.stateName(0));
        assertEquals("3", chain.stateName(3));
        assertEquals(2, chain.indexOf("3"));
        assertEquals(-1, chain.indexOf("4"));
    }
}
