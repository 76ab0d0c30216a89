package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.Status;
import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;
import dev.viewmigrate.runtime.ViewMigrator;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Shows the current revision and the pending revisions.",
            "Names the database, its current revision, the head of the application's chain, and lists the pending"
                    + " revisions in the order 'upgrade' would apply them. Exits 0 whether or not revisions are"
                    + " pending."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar status"
        })
final class StatusCommand extends DatabaseCommand implements ManyTargetsVerb {
    @Mixin
    TargetOptions targets;

    StatusCommand(Session session) {
        super(session);
    }

    @Override
    public TargetOptions targetOptions() {
        return targets;
    }

    @Override
    public TargetsResult<?> runOn(TargetRunner runner) {
        return runner.status();
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        Status status = migrator.status();
        List<Migration> chain = migrator.migrations();
        PrintWriter out = session.out();
        Optional<AppliedRevision> current = status.current();
        Optional<Migration> head = chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));

        new TextTable("", "")
                .row("Database:", connection.describe())
                .row("Current revision:", current.map(c -> c.revision() + " (" + c.description() + ")").orElse("base"))
                .row("Head revision:", head.map(h -> h.revision() + " (" + h.description() + ")").orElse("none"))
                .row("Applied:", Formats.revisions(status.applied().size()))
                .row("Pending:", Formats.revisions(status.pending().size()))
                .printWithoutHeader(out);
        out.println();
        if (!status.valid()) {
            // upgrade and downgrade would refuse to run: say why before anything else.
            out.println("Problems: upgrade and downgrade refuse to run until these are resolved:");
            status.problems().forEach(problem -> out.println("  - " + problem));
            out.println();
        }
        if (status.upToDate()) {
            out.println("Up to date: nothing to apply.");
            return 0;
        }
        out.println("Pending revisions, in the order 'upgrade' applies them:");
        TextTable pending = new TextTable("REVISION", "DESCRIPTION");
        status.pending().forEach(m -> pending.row(m.revision(), m.description()));
        pending.print(out);
        out.println();
        out.println("Run 'viewmigrate upgrade' to apply them.");
        return 0;
    }
}
