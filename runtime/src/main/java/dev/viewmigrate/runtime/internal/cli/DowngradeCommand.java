package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.internal.sqlite.SqliteDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "downgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Rolls back applied revisions down to TARGET.",
            "Revisions are reverted newest first, each in its own transaction. Prints one line per revision"
                    + " reverted, then a summary."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar downgrade -1  # revert the newest applied revision",
            "  viewmigrate --classpath app.jar downgrade 2   # back to revision 2 (stays applied)",
            "  viewmigrate --classpath app.jar downgrade base  # revert everything"
        })
final class DowngradeCommand extends DatabaseCommand implements ManyTargetsVerb {
    @Mixin
    TargetOptions targets;
    @Mixin
    LockOptions lockOptions;

    @Override
    LockOptions lockOptions() {
        return lockOptions;
    }

    // picocli takes "-1" as a positional parameter because no option looks like it; CliParsingTest covers it.
    @Parameters(arity = "1", paramLabel = "TARGET",
            description = "-N (N revisions back, e.g. -1), a revision id (stays applied), or base (nothing applied).")
    String target;

    DowngradeCommand(Session session) {
        super(session);
    }

    @Mixin
    BackupOptions backupOptions;

    @Override
    void configure(ViewMigrator.Builder builder) {
        backupOptions.applyTo(builder);
    }

    @Override
    public TargetOptions targetOptions() {
        return targets;
    }

    @Override
    public TargetsResult<?> runOn(TargetRunner runner) {
        return runner.downgrade(target);
    }

    @Override
    public boolean migrates() {
        return true;
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        UpgradeCommand.printSummary(session.out(), migrator.downgrade(target), target,
                SqliteDatabase.isSqliteUrl(connection.url()));
        return 0;
    }
}
