package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.RefreshOptions;
import dev.viewmigrate.runtime.RefreshResult;
import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;
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
                    + " once, and refreshes nothing otherwise; with --concurrently-where-possible, refreshes such a"
                    + " view without CONCURRENTLY instead and says why. With --cascade, also refreshes the managed"
                    + " materialized views that read a VIEW (which may then be a plain view), directly or through other"
                    + " views, and ends with a table: each view, how it was refreshed, why, how long."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar refresh       # every managed materialized view",
            "  viewmigrate --classpath app.jar refresh --concurrently reporting.totals",
            "                                              # one view, readers not blocked",
            "  viewmigrate --classpath app.jar refresh --cascade --concurrently-where-possible reporting.orders",
            "                                              # a view and everything that reads it"
        })
final class RefreshCommand extends DatabaseCommand implements ManyTargetsVerb {
    @Mixin
    TargetOptions targets;
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

    @Option(names = "--concurrently-where-possible",
            description = "CONCURRENTLY for each view that has a usable unique index and was populated once; the"
                    + " others are refreshed without it (readers of those wait), each named with the reason.")
    boolean wherePossible;

    @Option(names = "--cascade",
            description = "Also refresh the managed materialized views that read the VIEWs named, directly or through"
                    + " other views, in dependency order. A VIEW may then be a plain view.")
    boolean cascade;

    @Parameters(arity = "0..*", paramLabel = "VIEW",
            description = "Materialized views to refresh (schema.name, or the bare name when unique); default: all"
                    + " managed materialized views.")
    List<String> views;

    /** Why the view was refreshed (cascade) and why not concurrently (fallback), for the table. */
    private static List<String> why(RefreshResult.RefreshedView view) {
        List<String> why = new java.util.ArrayList<>();
        why.add(view.cascaded() ? "reads a view named" : "named");
        view.fallback().ifPresent(fallback -> why.add("not concurrently: " + fallback));
        return why;
    }

    RefreshCommand(Session session) {
        super(session);
    }

    @Override
    public TargetOptions targetOptions() {
        return targets;
    }

    @Override
    public TargetsResult<?> runOn(TargetRunner runner) {
        return runner.refresh(RefreshOptions.only(views == null ? List.of() : views).concurrently(concurrently));
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        RefreshOptions options = RefreshOptions.only(views == null ? List.of() : views).concurrently(concurrently)
                .cascade(cascade);
        RefreshResult result = migrator.refresh(wherePossible ? options.concurrentlyWherePossible() : options);
        PrintWriter out = session.out();
        String at = "database at " + Formats.position(result.revision());
        if (result.refreshed().isEmpty()) {
            out.println("No managed materialized view to refresh (" + at + ").");
        } else {
            int count = result.refreshed().size();
            out.println("Refreshed " + count + " materialized view" + (count == 1 ? "" : "s")
                    + (result.concurrently() && result.refreshed().stream().allMatch(RefreshResult.RefreshedView::concurrently)
                            ? " concurrently" : "") + " in " + Formats.duration(result.duration())
                    + " (" + at + ").");
            if (cascade || wherePossible) {
                TextTable table = new TextTable("VIEW", "REFRESHED", "WHY", "TIME");
                for (RefreshResult.RefreshedView view : result.refreshed()) {
                    table.row(view.view(), view.concurrently() ? "concurrently" : "blocking readers",
                            String.join("; ", why(view)), Formats.duration(view.duration()));
                }
                table.print(out);
            }
        }
        return 0;
    }
}
