package dev.viewmigrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The refresh goal's parameters become the CLI's refresh options (the CLI tests cover what they do). */
class RefreshMojoTest {
    @Test
    void parameters_becomeTheRefreshOptions() {
        RefreshMojo mojo = new RefreshMojo();
        assertEquals(List.of("refresh"), mojo.verb());

        mojo.concurrentlyWherePossible = true;
        mojo.cascade = true;
        mojo.views = List.of(" reporting.orders ", "");
        assertEquals(List.of("refresh", "--concurrently-where-possible", "--cascade", "reporting.orders"), mojo.verb());
    }
}
