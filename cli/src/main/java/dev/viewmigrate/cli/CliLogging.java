package dev.viewmigrate.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * java.util.logging for the command: its output is its own lines (progress, tables, one-paragraph errors), so the
 * default console handler goes. The PostgreSQL driver logs warnings through JUL (e.g. "JDBC URL invalid port
 * number" before the CLI reports the same problem in its own words): those never reach stderr. With
 * {@code --verbose}, other loggers (e.g. the runtime's) print INFO and above on stderr.
 */
final class CliLogging {
    // Held: LogManager keeps loggers weakly, and a collected logger would lose its level.
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    private CliLogging() {}

    static void configure(boolean verbose) {
        LogManager.getLogManager().reset();
        DRIVER.setLevel(Level.OFF);
        Logger root = Logger.getLogger("");
        if (verbose) {
            ConsoleHandler handler = new ConsoleHandler();
            handler.setLevel(Level.INFO);
            handler.setFormatter(new SimpleFormatter());
            root.addHandler(handler);
            root.setLevel(Level.INFO);
        } else {
            root.setLevel(Level.OFF);
        }
    }
}
