package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sql stamp TARGET}: the history statements of a stamp, offline (never connects, so nothing is checked). */
@Command(name = "stamp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Prints the SQL that records TARGET as the current revision, without running any migration."
                + " Offline, so it cannot compare the live views with TARGET as 'stamp' does: run verify after it.")
final class SqlStampCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(arity = "1", paramLabel = "TARGET", description = "head, base or a revision id.")
    String target;

    @Mixin
    HistoryTableOptions historyOptions;

    /** Only --ddl-lock-timeout matters here: it becomes the script's SET lock_timeout. */
    @Mixin
    LockOptions lockOptions;

    @ParentCommand
    SqlCommand sql;

    SqlStampCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        ViewMigrator migrator = session.migrator(null, historyOptions.over(sql.root.historyOptions), lockOptions);
        session.out().print(migrator.stampSql(target));
        session.out().flush();
        return 0;
    }
}
