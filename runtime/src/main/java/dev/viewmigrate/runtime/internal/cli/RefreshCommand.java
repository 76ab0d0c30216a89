package dev.viewmigrate.runtime.internal.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Part of the contract; the feature arrives with the materialized views issue. Says so instead of pretending. */
@Command(name = "refresh", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Refreshes materialized views (not supported yet in this version).",
            "Refreshes all materialized views, or the given VIEWs, in dependency order. This version does not"
                    + " have the feature yet: the verb exits 2."
        })
final class RefreshCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connectionOptions;

    @Mixin
    HistoryTableOptions historyOptions;

    @Option(names = "--concurrently",
            description = "REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on each view).")
    boolean concurrently;

    @Parameters(arity = "0..*", paramLabel = "VIEW", description = "Materialized views to refresh; default: all.")
    List<String> views;

    @Override
    public Integer call() {
        throw CliFailure.notSupported("refreshing materialized views is not supported yet in this version; until it"
                + " is, run REFRESH MATERIALIZED VIEW yourself.");
    }
}
