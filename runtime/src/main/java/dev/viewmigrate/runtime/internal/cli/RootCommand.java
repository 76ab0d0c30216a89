package dev.viewmigrate.runtime.internal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "viewmigrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "VERB",
        description = {
            "Applies, rolls back and reports the application's view migrations on PostgreSQL.",
            "The migrations are the ones the viewmigrate processor generated, found on the classpath."
                    + " The connection and history table options go before or after the verb (after wins)."
        },
        commandListHeading = "%nVerbs:%n",
        footerHeading = "%n",
        footer = {
            "Application classes: --classpath PATH or the environment variable VIEWMIGRATE_CLASSPATH (the"
                    + " viewmigrate-cli jar and bin/viewmigrate): directories, jars, DIR/* and Spring Boot executable"
                    + " jars, separated by the platform's path separator, e.g. 'viewmigrate --classpath build/app.jar"
                    + " upgrade'. Run as java -cp ... dev.viewmigrate.runtime.Cli, it uses its own class path.",
            "Connection: --url, --user, --password (before or after the verb), or the environment variables "
                    + ConnectionOptions.URL_ENV + ", " + ConnectionOptions.USER_ENV + ", "
                    + ConnectionOptions.PASSWORD_ENV + " (options win).",
            "Exit codes: 0 success, 1 the operation failed (connection, migration, validation) or verify found"
                    + " drift, 2 wrong command line (unknown verb, option, target or view).",
            "Run 'viewmigrate VERB --help' for the options of a verb."
        })
final class RootCommand implements Callable<Integer> {
    private final Session session;

    @Spec
    CommandSpec spec;

    // Also here, not only on each verb, so that "viewmigrate --url ... upgrade" works as well as
    // "viewmigrate upgrade --url ..." (e.g. a shell alias that holds the connection). The verb's own value wins.
    @Mixin
    ConnectionOptions connectionOptions;

    @Mixin
    HistoryTableOptions historyOptions;

    RootCommand(Session session) {
        this.session = session;
    }

    // Inherited: accepted before or after the verb, always lands in this field.
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print diagnostics, and the stack trace of a failure, on stderr.")
    void verbose(boolean verbose) {
        session.verbose(verbose);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing verb: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
