package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.RefreshOptions;
import dev.viewmigrate.runtime.RefreshResult;
import dev.viewmigrate.runtime.ViewMigrator;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "refresh", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Refreshes materialized views in dependency order.",
            "Refreshes the materialized views of the applied revisions (or only the given VIEWs), a view after"
                    + " every view it reads, each in its own transaction. Prints one line per view. With"
                    + " --concurrently, checks first that every view has a usable unique index and was populated"
                    + " once, and refreshes nothing otherwise."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar refresh       # every managed materialized view",
            "  viewmigrate --classpath app.jar refresh --concurrently reporting.totals",
            "                                              # one view, readers not blocked"
        })
final class RefreshCommand extends DatabaseCommand {
    @Mixin
    LockOptions lockOptions;

    @Override
    LockOptions lockOptions() {
        return lockOptions;
    }

    @Option(names = "--concurrently",
            description = "REFRESH MATERIALIZED VIEW CONCURRENTLY: readers are not blocked; each view needs a unique"
                    + " index on plain columns and must have been populated once.")
    boolean concurrently;

    @Parameters(arity = "0..*", paramLabel = "VIEW",
            description = "Materialized views to refresh (schema.name, or the bare name when unique); default: all"
                    + " managed materialized views.")
    List<String> views;

    RefreshCommand(Session session) {
        super(session);
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        RefreshResult result = migrator.refresh(
                RefreshOptions.only(views == null ? List.of() : views).concurrently(concurrently));
        PrintWriter out = session.out();
        String at = "database at " + Formats.position(result.revision());
        if (result.refreshed().isEmpty()) {
            out.println("No managed materialized view to refresh (" + at + ").");
        } else {
            int count = result.refreshed().size();
            out.println("Refreshed " + count + " materialized view" + (count == 1 ? "" : "s")
                    + (result.concurrently() ? " concurrently" : "") + " in " + Formats.duration(result.duration())
                    + " (" + at + ").");
        }
        return 0;
    }
}
