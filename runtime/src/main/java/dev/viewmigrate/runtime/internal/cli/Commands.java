package dev.viewmigrate.runtime.internal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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
        try {
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
        String verb = e.getCommandLine().getCommandSpec().qualifiedName();
        PrintWriter err = session.err();
        if (e instanceof UnmatchedArgumentException unmatched
                && unmatched.getUnmatched().stream().anyMatch(UnknownOptions::looksLikeOption)) {
            // picocli's own message quotes every unmatched argument: a mistyped --password would print the password.
            err.println(verb + ": " + UnknownOptions.describe(unmatched.getUnmatched(),
                    e.getCommandLine().getCommandSpec().optionsMap().keySet()) + " Run '" + verb
                    + " --help' for usage.");
            return CliFailure.USAGE;
        }
        if (e instanceof UnmatchedArgumentException unmatched && !e.getCommandLine().getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()
                && !e.getCommandLine().getParseResult().hasSubcommand()) {
            err.println(session.masked(verb + ": " + UnknownOptions.unknownVerb(unmatched.getUnmatched().get(0),
                    e.getCommandLine().getSubcommands().keySet()) + " Run '" + verb + " --help' for usage."));
            return CliFailure.USAGE;
        }
        err.println(session.masked(verb + ": " + withPeriod(e.getMessage()) + " Run '" + verb
                + " --help' for usage."));
        if (e instanceof UnmatchedArgumentException unmatched) {
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        return CliFailure.USAGE;
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
