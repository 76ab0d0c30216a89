package dev.viewmigrate.runtime.internal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Part of the contract; the feature arrives with the drift detection issue. Says so instead of pretending. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Reports drift (not supported yet in this version).",
            "Reports applied revisions whose frozen content changed, and live views whose definition differs from"
                    + " what the revisions say. This version does not have the feature yet: the verb exits 2."
        })
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connectionOptions;

    @Mixin
    HistoryTableOptions historyOptions;

    @Override
    public Integer call() {
        throw CliFailure.notSupported("drift verification is not supported yet in this version; 'history'"
                + " shows which revisions are applied.");
    }
}
