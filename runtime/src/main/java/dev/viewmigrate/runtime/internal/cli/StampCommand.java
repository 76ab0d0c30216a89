package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.StampResult;
import dev.viewmigrate.runtime.ViewMigrator;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stamp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Records TARGET as the current revision without running any migration.",
            "For a database whose views already exist (adopting it after 'import'), or a history that lies. First"
                    + " checks that the live views equal what the revisions up to TARGET froze, and refuses with"
                    + " verify's findings when they do not (nothing recorded). Then deletes the history rows above"
                    + " TARGET and inserts the missing ones. Only views are checked, not what hand-written"
                    + " migrations did."
        })
final class StampCommand extends DatabaseCommand {
    @Mixin
    LockOptions lockOptions;

    @Override
    LockOptions lockOptions() {
        return lockOptions;
    }

    @Parameters(arity = "1", paramLabel = "TARGET", description = "head, base (empty history) or a revision id.")
    String target;

    @Option(names = "--force", description = "Record TARGET without comparing the live views with its frozen state.")
    boolean force;

    StampCommand(Session session) {
        super(session);
    }

    @Mixin
    BackupOptions backupOptions;

    @Override
    void configure(ViewMigrator.Builder builder) {
        backupOptions.applyTo(builder);
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        StampResult result = migrator.stamp(target, force);
        PrintWriter out = session.out();
        if (force) {
            session.err().println("stamp --force: the live views were NOT compared with " + Formats.position(result.to())
                    + "; run 'viewmigrate verify' to see whether the database really is there.");
        }
        if (result.unchanged()) {
            out.println("The history already records " + Formats.position(result.to()) + "; nothing written"
                    + (result.checked() ? " (the live views match it)." : "."));
            return 0;
        }
        StringBuilder line = new StringBuilder("Stamped " + Formats.position(result.to()) + " (was "
                + Formats.position(result.from()) + "): ");
        if (!result.recorded().isEmpty()) {
            line.append("recorded ").append(String.join(", ", result.recorded()));
        }
        if (!result.removed().isEmpty()) {
            line.append(result.recorded().isEmpty() ? "" : "; ").append("removed ")
                    .append(String.join(", ", result.removed()));
        }
        line.append(result.checked() ? ". The live views match it; no migration ran." : ". No migration ran.");
        out.println(line);
        return 0;
    }
}
