package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewMigrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Offline mode: prints the SQL script of an upgrade or downgrade instead of running it, to review it or to feed it
 * to psql. Never connects. Nothing but the script goes to stdout.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "(upgrade | downgrade)",
        description = {
            "Prints the SQL script of an upgrade or downgrade (offline mode).",
            "One transaction per revision, history table rows included. Never connects to a database; only the"
                    + " script goes to stdout, so it can be reviewed or piped to psql."
        },
        commandListHeading = "%nVerbs:%n")
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing verb: give 'sql upgrade [FROM:]TARGET' or"
                + " 'sql downgrade [FROM:]TARGET'");
    }

    /** FROM:TARGET as Alembic writes it; FROM is optional. */
    record Range(String from, String target) {
        static Range parse(String argument, String defaultFrom, CommandSpec spec) {
            int colon = argument.indexOf(':');
            String from = colon < 0 ? "" : argument.substring(0, colon).strip();
            String target = (colon < 0 ? argument : argument.substring(colon + 1)).strip();
            if (target.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Missing TARGET in '" + argument
                        + "': write [FROM:]TARGET, e.g. 'head' or '1:head'");
            }
            // The runtime takes null for its default start (base for upgrade, head for downgrade).
            return new Range(from.isEmpty() || from.equals(defaultFrom) ? null : from, target);
        }
    }

    // Given before the verb ("viewmigrate --history-table t sql upgrade"); connection options there are ignored.
    @ParentCommand
    RootCommand root;

    /** What the two directions share: the history table options, parsing [FROM:]TARGET, printing the script. */
    abstract static class Script implements Callable<Integer> {
        private final Session session;
        private final String defaultFrom;
        private final ScriptWriter writer;

        /** {@code ViewMigrator::upgradeSql} or {@code ViewMigrator::downgradeSql}. */
        @FunctionalInterface
        interface ScriptWriter {
            String write(ViewMigrator migrator, String from, String target);
        }

        @Spec
        CommandSpec spec;

        @Mixin
        HistoryTableOptions historyOptions;

        /** Only --ddl-lock-timeout matters here: it becomes the script's SET lock_timeout. */
        @Mixin
        LockOptions lockOptions;

        @ParentCommand
        SqlCommand sql;

        /** {@code defaultFrom}: the starting point when FROM is not given. */
        Script(Session session, String defaultFrom, ScriptWriter writer) {
            this.session = session;
            this.defaultFrom = defaultFrom;
            this.writer = writer;
        }

        @Override
        public final Integer call() {
            ViewMigrator migrator = session.migrator(null, historyOptions.over(sql.root.historyOptions), lockOptions);
            Range parsed = Range.parse(range(), defaultFrom, spec);
            String script = writer.write(migrator, parsed.from(), parsed.target());
            session.out().print(script);
            if (!script.isEmpty() && !script.endsWith("\n")) {
                session.out().println();
            }
            session.out().flush();
            return 0;
        }

        /** The [FROM:]TARGET argument; each direction declares its own (arity, default, help). */
        abstract String range();
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Prints the SQL that upgrades from FROM (default base) to TARGET.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  viewmigrate --classpath app.jar sql upgrade > upgrade.sql  # base to head, for psql -f",
                "  viewmigrate --classpath app.jar sql upgrade 1:3  # revision 1 (assumed applied) to 3"
            })
    static final class Upgrade extends Script {
        @Parameters(arity = "0..1", paramLabel = "[FROM:]TARGET", defaultValue = "head",
                description = "TARGET: head (default), +N or a revision id. FROM: a revision id assumed applied,"
                        + " or base (default). E.g. 'head', '1:3'.")
        String range;

        Upgrade(Session session) {
            super(session, "base", ViewMigrator::upgradeSql);
        }

        @Override
        String range() {
            return range;
        }
    }

    @Command(name = "downgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Prints the SQL that downgrades from FROM (default head) to TARGET.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  viewmigrate --classpath app.jar sql downgrade -1  # revert the head revision",
                "  viewmigrate --classpath app.jar sql downgrade 3:1  # from revision 3 down to 1"
            })
    static final class Downgrade extends Script {
        @Parameters(arity = "1", paramLabel = "[FROM:]TARGET",
                description = "TARGET: -N, a revision id or base. FROM: the revision assumed current, or head"
                        + " (default). E.g. '-1', '3:1', 'head:base'.")
        String range;

        Downgrade(Session session) {
            super(session, "head", ViewMigrator::downgradeSql);
        }

        @Override
        String range() {
            return range;
        }
    }
}
