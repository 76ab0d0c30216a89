package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
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
final class DowngradeCommand extends DatabaseCommand {
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

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        UpgradeCommand.printSummary(session.out(), migrator.downgrade(target), target);
        return 0;
    }
}
