package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewMigrator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "current", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Prints the database's current revision.",
            "The current revision is the newest applied one, or base when nothing is applied. Says whether it is"
                    + " the head of the application's chain, or how far behind it is."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar current       # e.g. '3 (head): change view ...'"
        })
final class CurrentCommand extends DatabaseCommand {
    CurrentCommand(Session session) {
        super(session);
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        List<Migration> chain = migrator.migrations();
        Optional<AppliedRevision> current = migrator.current();
        Optional<Migration> head = chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
        String headText = head.map(h -> "head is revision " + h.revision()).orElse("the chain is empty");
        if (current.isEmpty()) {
            session.out().println("base: nothing applied (" + headText + ")");
            return 0;
        }
        AppliedRevision applied = current.get();
        int index = indexOf(chain, applied.revision());
        if (index < 0) {
            session.out().println(applied.revision() + ": " + applied.description()
                    + " (not in this application's migrations; " + headText + ")");
        } else if (index == chain.size() - 1) {
            session.out().println(applied.revision() + " (head): " + chain.get(index).description());
        } else {
            int behind = chain.size() - 1 - index;
            session.out().println(applied.revision() + ": " + chain.get(index).description() + " ("
                    + Formats.revisions(behind) + " behind; " + headText + ")");
        }
        return 0;
    }

    static int indexOf(List<Migration> chain, String revision) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).revision().equals(revision)) {
                return i;
            }
        }
        return -1;
    }
}
