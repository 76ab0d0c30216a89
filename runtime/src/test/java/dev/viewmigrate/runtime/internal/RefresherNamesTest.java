package dev.viewmigrate.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.viewmigrate.runtime.ViewName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names {@code refresh} lists in a refusal can be typed back as they are shown. */
class RefresherNamesTest {
    @Test
    void everyListedName_readsBackAsTheSameView() {
        List<ViewName> names = List.of(ViewName.of("daily"), ViewName.of("reporting", "daily"),
                ViewName.of("Reporting", "Active Users"), ViewName.of("Odd \"Sch.ema$", "M V"),
                ViewName.of("a.b"), ViewName.of("s", "x\"y.z"), ViewName.of("\"", "\"\""));
        for (ViewName name : names) {
            assertEquals(name, Refresher.parseName(Refresher.typed(name)), Refresher.typed(name));
        }
        assertEquals("Reporting.Active Users", Refresher.typed(ViewName.of("Reporting", "Active Users")));
        assertEquals("\"Odd \"\"Sch.ema$\".M V", Refresher.typed(ViewName.of("Odd \"Sch.ema$", "M V")));
    }
}
