package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A verb that works on a database: resolves the connection, checks it, then runs with a {@link ViewMigrator}. */
abstract class DatabaseCommand implements Callable<Integer> {
    final Session session;

    @Mixin
    ConnectionOptions connectionOptions;

    @Mixin
    HistoryTableOptions historyOptions;

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    DatabaseCommand(Session session) {
        this.session = session;
    }

    @Override
    public final Integer call() {
        if (this instanceof ManyTargetsVerb verb && verb.targetOptions().given()) {
            return ManyTargets.run(session, spec.name(), verb, connectionOptions, root.connectionOptions,
                    historyOptions.over(root.historyOptions));
        }
        ConnectionSettings connection = connectionOptions.resolve(root.connectionOptions, session.settings().env(),
                session.settings().connectionNames());
        session.rememberPassword(connection.password());
        session.debug("Connecting to " + connection.describe());
        String version = ConnectionCheck.check(connection, session.settings().connectionNames());
        session.debug("Connected: " + version);
        return run(session.migrator(connection, historyOptions.over(root.historyOptions), builder -> {
            configure(builder);
            LockOptions locks = lockOptions();
            if (locks != null) {
                locks.applyTo(builder);
            }
        }), connection);
    }

    /** The lock options of the verbs that take them (upgrade, downgrade, stamp, refresh); null for the others. */
    LockOptions lockOptions() {
        return null;
    }

    /** Settings of the verb's own on the migrator's builder (the SQLite backup options); none by default. */
    void configure(ViewMigrator.Builder builder) {}

    abstract int run(ViewMigrator migrator, ConnectionSettings connection);
}
