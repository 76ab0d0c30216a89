package dev.viewmigrate.example;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the demo's output to what it prints itself: no Hibernate banners or connection-pool warnings. */
final class Logging {
    /**
     * The runtime's own log lines ({@code Applied revision 1 ... in 68 ms}), which go to {@code java.util.logging} and
     * so to stderr by default, would interleave with the demo's progress lines, which say the same. Without a logging
     * configuration of the user's ({@code -Djava.util.logging.config.file} or {@code .class}), the demo shows only
     * warnings of the runtime. Held here: {@code java.util.logging} keeps loggers weakly, and a collected logger would
     * lose its level.
     */
    private static final Logger RUNTIME = Logger.getLogger("dev.viewmigrate.runtime");

    private Logging() {}

    /** The runtime logs only warnings and errors, unless the user configured java.util.logging. */
    static void quietRuntime() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            RUNTIME.setLevel(Level.WARNING);
        }
    }

    /**
     * Routes JBoss Logging (Hibernate's logging facade) to SLF4J, which {@code slf4j-nop} silences. Must run before
     * the first Hibernate class is initialised; a user-supplied {@code -Dorg.jboss.logging.provider} wins.
     */
    static void silence() {
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
    }
}
