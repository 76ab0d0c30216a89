package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A verb that works on a database: resolves the connection, checks it, then runs with a {@link ViewMigrator}. */
abstract class DatabaseCommand implements Callable<Integer> {
    final Session session;

    @Mixin
    ConnectionOptions connectionOptions;

    @Mixin
    HistoryTableOptions historyOptions;

    @ParentCommand
    RootCommand root;

    DatabaseCommand(Session session) {
        this.session = session;
    }

    @Override
    public final Integer call() {
        ConnectionSettings connection = connectionOptions.resolve(root.connectionOptions, session.settings().env());
        session.rememberPassword(connection.password());
        session.debug("Connecting to " + connection.describe());
        String version = ConnectionCheck.check(connection);
        session.debug("Connected: PostgreSQL " + version);
        return run(session.migrator(connection, historyOptions.over(root.historyOptions), lockOptions()), connection);
    }

    /** The lock options of the verbs that take them (upgrade, downgrade, stamp, refresh); null for the others. */
    LockOptions lockOptions() {
        return null;
    }

    abstract int run(ViewMigrator migrator, ConnectionSettings connection);
}
