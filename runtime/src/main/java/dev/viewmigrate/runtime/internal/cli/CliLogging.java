package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.internal.RuntimeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * For the length of one CLI run, the runtime's log lines and the PostgreSQL driver's {@code java.util.logging}
 * warnings (a malformed URL: "JDBC URL port: 99999999 not valid") do not reach stderr on their own: the CLI prints
 * its own progress and one paragraph per failure. With {@code --verbose} they are printed on the run's stderr,
 * passwords masked; without it they are dropped. Whatever was configured before is restored afterwards, so an
 * application that runs the CLI in-process keeps its logging.
 *
 * <p>This covers the platform's default logging backend, {@code java.util.logging}. An application that routes
 * {@link System.Logger} elsewhere (SLF4J, Log4j) decides itself what its loggers print.
 */
final class CliLogging implements AutoCloseable {
    /** The runtime's loggers and the driver's. */
    static final List<String> LOGGERS = List.of(RuntimeLog.ROOT, "org.postgresql");

    // Strong references: java.util.logging keeps loggers weakly, and a collected logger would lose the settings.
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Boolean> useParentHandlers = new ArrayList<>();
    private final Handler handler;

    private CliLogging(Session session) {
        this.handler = new SessionHandler(session);
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            useParentHandlers.add(logger.getUseParentHandlers());
            logger.setUseParentHandlers(false);
            logger.addHandler(handler);
        }
    }

    static CliLogging install(Session session) {
        return new CliLogging(session);
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(handler);
            loggers.get(i).setUseParentHandlers(useParentHandlers.get(i));
        }
    }

    /** Prints a record on the session's stderr when {@code --verbose} is on (known only once the options parsed). */
    private static final class SessionHandler extends Handler {
        private final Session session;
        private final SimpleFormatter formatter = new SimpleFormatter();

        SessionHandler(Session session) {
            this.session = session;
        }

        @Override
        public void publish(LogRecord record) {
            if (session.verbose() && isLoggable(record)) {
                String message = formatter.formatMessage(record);
                session.err().println(session.masked("[" + record.getLevel() + "] " + record.getLoggerName() + ": "
                        + (message == null ? "" : message.strip())));
            }
        }

        @Override
        public void flush() {
            session.err().flush();
        }

        @Override
        public void close() {}
    }
}
