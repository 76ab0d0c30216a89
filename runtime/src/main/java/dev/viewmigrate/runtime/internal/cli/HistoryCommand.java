package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewMigrator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Lists the chain of revisions with when each was applied.",
            "Oldest first: for each applied revision when (UTC), by which database user and how fast it was applied"
                    + " (from the history table); the others as pending. Marks the current revision and the head."
                    + " Applied revisions that the application does not know are listed last, marked 'not in code'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar history"
        })
final class HistoryCommand extends DatabaseCommand {
    HistoryCommand(Session session) {
        super(session);
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        List<Migration> chain = migrator.migrations();
        List<AppliedRevision> history = migrator.history();
        if (chain.isEmpty() && history.isEmpty()) {
            session.out().println("No revisions: the application has no migrations and the database has none"
                    + " applied.");
            return 0;
        }
        Map<String, AppliedRevision> applied = new LinkedHashMap<>();
        history.forEach(row -> applied.put(row.revision(), row));
        String current = history.isEmpty() ? null : history.get(history.size() - 1).revision();
        String head = chain.isEmpty() ? null : chain.get(chain.size() - 1).revision();

        TextTable table = new TextTable("REVISION", "DESCRIPTION", "APPLIED AT (UTC)", "BY", "TIME");
        for (Migration migration : chain) {
            String revision = migration.revision();
            AppliedRevision row = applied.remove(revision);
            String label = revision + marks(revision.equals(head), revision.equals(current), false);
            if (row == null) {
                table.row(label, migration.description(), "pending", "", "");
            } else {
                table.row(label, migration.description(), Formats.timestamp(row.appliedAt()), row.appliedBy(),
                        Formats.millis(row.executionMillis()));
            }
        }
        // What is left was applied by a chain this application does not have (another branch, a newer version).
        for (AppliedRevision row : applied.values()) {
            table.row(row.revision() + marks(false, row.revision().equals(current), true), row.description(),
                    Formats.timestamp(row.appliedAt()), row.appliedBy(), Formats.millis(row.executionMillis()));
        }
        table.print(session.out());
        return 0;
    }

    private static String marks(boolean head, boolean current, boolean unknown) {
        List<String> marks = new ArrayList<>();
        if (head) {
            marks.add("head");
        }
        if (current) {
            marks.add("current");
        }
        if (unknown) {
            marks.add("not in code");
        }
        return marks.isEmpty() ? "" : " (" + String.join(", ", marks) + ")";
    }
}
