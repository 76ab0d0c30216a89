package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** The state of one CLI run that every verb shares: where to print, the environment, how to build the migrator. */
final class Session {
    private final CliSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ProgressPrinter progress;
    private final Set<String> passwords = new LinkedHashSet<>();
    private boolean verbose;

    Session(CliSettings settings, String... args) {
        this.settings = settings;
        this.out = new PrintWriter(settings.out(), true);
        this.err = new PrintWriter(settings.err(), true);
        this.progress = new ProgressPrinter(out);
        // Known before parsing, so that a usage error that quotes an argument can mask them too.
        passwords.add(settings.env().get(ConnectionOptions.PASSWORD_ENV));
        passwords.addAll(ConnectionOptions.passwordArguments(args));
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    CliSettings settings() {
        return settings;
    }

    ProgressPrinter progress() {
        return progress;
    }

    boolean verbose() {
        return verbose;
    }

    void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** Output that may be printed: the text with every password of this run masked (see {@link Secrets#mask}). */
    String masked(String text) {
        return Secrets.mask(text, passwords);
    }

    /** Prints a diagnostic line on stderr when {@code --verbose} is on. */
    void debug(String message) {
        if (verbose) {
            err.println(masked(message));
        }
    }

    /** A migrator for the given database (null for offline SQL) and history table options. */
    ViewMigrator migrator(ConnectionSettings connection, HistoryTableOptions history) {
        return migrator(connection, history, builder -> { });
    }

    /** As {@link #migrator(ConnectionSettings, HistoryTableOptions)}, with the verb's lock options (null: none). */
    ViewMigrator migrator(ConnectionSettings connection, HistoryTableOptions history, LockOptions locks) {
        return migrator(connection, history, builder -> {
            if (locks != null) {
                locks.applyTo(builder);
            }
        });
    }

    /** As {@link #migrator(ConnectionSettings, HistoryTableOptions)}, with the verb's own settings. */
    ViewMigrator migrator(ConnectionSettings connection, HistoryTableOptions history,
            Consumer<ViewMigrator.Builder> verb) {
        ViewMigrator.Builder builder = ViewMigrator.builder();
        if (connection != null) {
            builder.url(connection.url(), connection.user(), connection.password());
        }
        configure(builder, history);
        builder.listener(progress);
        verb.accept(builder);
        return builder.build();
    }

    /**
     * The settings of every migrator of this run, the database and progress listener aside: also applied to each
     * target's migrator when a verb runs on many targets.
     */
    void configure(ViewMigrator.Builder builder, HistoryTableOptions history) {
        if (settings.catalog() != null) {
            builder.catalog(settings.catalog());
        }
        if (settings.classLoader() != null) {
            builder.classLoader(settings.classLoader());
        }
        history.applyTo(builder);
    }

    /** Remembers the resolved password before anything can fail with it in a message. */
    void rememberPassword(String password) {
        passwords.add(password);
    }
}
