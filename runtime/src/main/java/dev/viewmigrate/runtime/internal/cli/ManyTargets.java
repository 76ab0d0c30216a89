package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.Target;
import dev.viewmigrate.runtime.TargetResult;
import dev.viewmigrate.runtime.TargetResult.Outcome;
import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a verb on many targets: resolves them, prints one line per target as it finishes, then a summary table
 * (target, result, revisions, time, message), the whole message of every failure, and a total. Exit code 1 when any
 * target failed or was not run.
 */
final class ManyTargets {
    private ManyTargets() {}

    static int run(Session session, String verb, ManyTargetsVerb command, ConnectionOptions options,
            ConnectionOptions beforeVerb, HistoryTableOptions history) {
        TargetOptions targetOptions = command.targetOptions();
        List<Target> listed = targetOptions.listed();
        ConnectionSettings own = targetOptions.needsUrl(listed)
                ? options.resolve(beforeVerb, session.settings().env(), session.settings().connectionNames())
                : options.resolveCredentials(beforeVerb, session.settings().env());
        session.rememberPassword(own.password());

        TargetRunner.Builder resolving = base(session, command, own, targetOptions, history).targets(listed);
        if (targetOptions.targetsQuery != null) {
            resolving.targetsQuery(targetOptions.targetsQuery);
        }
        List<Target> targets = resolving.build().resolveTargets();
        session.debug("Running " + verb + " on " + targets.size() + " targets, " + targetOptions.parallel()
                + " at a time");

        PrintWriter out = session.out();
        AtomicInteger finished = new AtomicInteger();
        int total = targets.size();
        TargetRunner runner = base(session, command, own, targetOptions, history).targets(targets)
                .progress(result -> {
                    out.println(session.masked("[" + finished.incrementAndGet() + "/" + total + "] "
                            + result.target().displayName() + ": " + label(result) + " in "
                            + Formats.duration(result.duration()) + ", " + result.message()));
                    out.flush();
                })
                .build();
        TargetsResult<?> result = command.runOn(runner);
        printSummary(session, result, command.migrates());
        if (result.succeeded()) {
            return 0;
        }
        long failed = result.count(Outcome.FAILED);
        long notRun = result.count(Outcome.NOT_RUN);
        String names = String.join(", ", result.failures().stream().map(r -> r.target().displayName()).toList());
        session.err().println(session.masked("viewmigrate " + verb + " failed on " + failed + " of " + total
                + " targets (" + names + ")" + (notRun == 0 ? "" : "; " + notRun + " not run") + ". Each failure is"
                + " listed above with its message; what completed on a target stays committed. Fix the cause and run"
                + " the same command again: targets already done report that there is nothing to do."));
        return CliFailure.FAILED;
    }

    /** The settings every runner of this command line shares: own database, credentials, policy, migrator. */
    private static TargetRunner.Builder base(Session session, ManyTargetsVerb command, ConnectionSettings own,
            TargetOptions options, HistoryTableOptions history) {
        LockOptions locks = command instanceof DatabaseCommand database ? database.lockOptions() : null;
        TargetRunner.Builder builder = TargetRunner.builder()
                .parallel(options.parallel())
                .onFailure(options.onFailure())
                .sharedSchemas(options.sharedSchemas)
                .migrator(migrator -> {
                    session.configure(migrator, history);
                    if (locks != null) {
                        locks.applyTo(migrator);
                    }
                });
        return own.url() != null ? builder.url(own.url(), own.user(), own.password())
                : builder.credentials(own.user(), own.password());
    }

    private static void printSummary(Session session, TargetsResult<?> result, boolean migrates) {
        PrintWriter out = session.out();
        out.println();
        TextTable table = new TextTable("TARGET", "RESULT", "REVISIONS", "TIME", "MESSAGE");
        for (TargetResult<?> target : result.results()) {
            table.row(target.target().displayName(), label(target),
                    migrates && target.outcome() == Outcome.OK ? String.valueOf(target.revisions()) : "-",
                    target.outcome() == Outcome.NOT_RUN ? "-" : Formats.duration(target.duration()),
                    target.message());
        }
        table.print(out);
        List<? extends TargetResult<?>> failures = result.failures();
        if (!failures.isEmpty() && failures.stream().anyMatch(f -> f.failure().isPresent())) {
            out.println();
            out.println("Failures:");
            for (TargetResult<?> failure : failures) {
                failure.failure().ifPresent(e -> out.println(session.masked("  " + failure.target().displayName()
                        + ": " + e.getMessage())));
            }
        }
        out.println();
        out.println(result.results().size() + " targets: " + result.count(Outcome.OK) + " ok, "
                + result.count(Outcome.FAILED) + " failed, " + result.count(Outcome.NOT_RUN) + " not run ("
                + Formats.duration(result.duration()) + ").");
    }

    /** "ok", "failed", "not run". */
    static String label(TargetResult<?> result) {
        return result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
