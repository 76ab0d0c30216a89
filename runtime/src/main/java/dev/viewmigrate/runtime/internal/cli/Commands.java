package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.internal.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Assembles the picocli command tree and runs one command line: what {@code dev.viewmigrate.runtime.Cli} calls. */
public final class Commands {
    private Commands() {}

    /** Runs {@code args}; returns the exit code. Never throws for anything the command does. */
    public static int execute(CliSettings settings, String... args) {
        Session session = new Session(settings, args);
        CommandLine commandLine = new CommandLine(new RootCommand(session));
        commandLine.addSubcommand(new UpgradeCommand(session));
        commandLine.addSubcommand(new DowngradeCommand(session));
        commandLine.addSubcommand(new CurrentCommand(session));
        commandLine.addSubcommand(new HistoryCommand(session));
        commandLine.addSubcommand(new StatusCommand(session));
        commandLine.addSubcommand(new CommandLine(new SqlCommand())
                .addSubcommand(new SqlCommand.Upgrade(session))
                .addSubcommand(new SqlCommand.Downgrade(session))
                .addSubcommand(new SqlStampCommand(session)));
        commandLine.addSubcommand(new RefreshCommand(session));
        commandLine.addSubcommand(new VerifyCommand(session));
        commandLine.addSubcommand(new StampCommand(session));
        commandLine.addSubcommand(new ImportCommand(session));
        // Wide enough that JDBC URLs in option descriptions are not broken across lines.
        commandLine.setUsageHelpWidth(100);
        commandLine.setOut(session.out());
        commandLine.setErr(session.err());
        commandLine.setParameterExceptionHandler((e, arguments) -> usageError(session, e));
        commandLine.setExecutionExceptionHandler((e, line, parseResult) -> failure(session, e, line));
        try (CliLogging logging = CliLogging.install(session)) {
            return commandLine.execute(args);
        } catch (LinkageError e) {
            // picocli hands only Exceptions to the handlers; a jar missing from the classpath shows up as an Error.
            return missingClass(session, e);
        } finally {
            session.out().flush();
            session.err().flush();
        }
    }

    private static int usageError(Session session, ParameterException e) {
        CommandLine line = e.getCommandLine();
        String verb = line.getCommandSpec().qualifiedName();
        String usage = " Run '" + verb + " --help' for usage.";
        PrintWriter err = session.err();
        List<String> unmatched = line.getUnmatchedArguments();
        boolean verbExpected = !line.getSubcommands().isEmpty()
                && (line.getParseResult() == null || !line.getParseResult().hasSubcommand());
        if (verbExpected && !unmatched.isEmpty() && !UnknownOptions.looksLikeOption(unmatched.get(0))) {
            // Whatever follows an unknown verb belongs to it (options of a verb this version does not have): the
            // verb is the problem, not its options.
            err.println(session.masked(verb + ": " + UnknownOptions.unknownVerb(unmatched.get(0),
                    line.getSubcommands().keySet()) + usage));
            return CliFailure.USAGE;
        }
        String target = takesTarget(line) ? UnknownOptions.countLikeTarget(unmatched) : null;
        if (target != null) {
            // "-1x" or "--1" looks like an option to picocli, but the user meant a target: say what is wrong with it,
            // as the runtime does for a malformed target that picocli passes on ("+1x").
            err.println(session.masked(verb + ": " + Messages.malformedCount(line.getCommandName(), target) + usage));
            return CliFailure.USAGE;
        }
        if (e instanceof UnmatchedArgumentException unmatchedArguments
                && unmatchedArguments.getUnmatched().stream().anyMatch(UnknownOptions::looksLikeOption)) {
            // picocli's own message quotes every unmatched argument: a mistyped --password would print the password.
            err.println(verb + ": " + UnknownOptions.describe(unmatchedArguments.getUnmatched(),
                    line.getCommandSpec().optionsMap().keySet()) + usage);
            return CliFailure.USAGE;
        }
        err.println(session.masked(verb + ": " + withPeriod(e.getMessage()) + usage));
        if (e instanceof UnmatchedArgumentException unmatchedArguments) {
            UnmatchedArgumentException.printSuggestions(unmatchedArguments, err);
        }
        return CliFailure.USAGE;
    }

    /** Whether the verb takes a TARGET argument ({@code upgrade}, {@code downgrade}, and any later verb that does). */
    private static boolean takesTarget(CommandLine line) {
        return line.getCommandSpec().positionalParameters().stream()
                .anyMatch(parameter -> parameter.paramLabel().contains("TARGET"));
    }

    private static int failure(Session session, Exception e, CommandLine line) {
        // A revision that failed left its progress line open.
        session.progress().closeLine("failed");
        ErrorReport report = ErrorReport.of(e);
        String verb = line.getCommandSpec().qualifiedName();
        String prefix = report.exitCode() == CliFailure.USAGE ? verb + ": " : verb + " failed: ";
        session.err().println(session.masked(prefix + report.message()));
        if (session.verbose()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            session.err().print(session.masked(trace.toString()));
        }
        return report.exitCode();
    }

    private static int missingClass(Session session, LinkageError e) {
        session.progress().closeLine("failed");
        session.err().println("viewmigrate failed: a class could not be loaded (" + e + "). A jar is missing from"
                + " the classpath: the CLI needs viewmigrate-runtime with its dependencies org.postgresql:postgresql"
                + " and info.picocli:picocli, plus the application's compiled migrations; build the classpath with"
                + " 'mvn dependency:build-classpath' or run it with 'mvn exec:java' (see docs/cli.md).");
        if (session.verbose()) {
            e.printStackTrace(session.err());
        }
        return CliFailure.FAILED;
    }

    private static String withPeriod(String message) {
        return message.endsWith(".") ? message : message + ".";
    }
}
