package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;
import dev.viewmigrate.runtime.VerifyReport.Finding;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.ViewMigrator;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Reports drift between the database and the applied revisions.",
            "Reports applied revisions whose frozen content changed, views missing or left over, views whose live"
                    + " definition differs from the frozen one (with a diff), and materialized view indexes missing or"
                    + " different. Never changes the database. Exits 0 when there is no drift, 1 when there is."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar verify        # exit 1 when the database drifted"
        })
final class VerifyCommand extends DatabaseCommand implements ManyTargetsVerb {
    @Mixin
    TargetOptions targets;

    VerifyCommand(Session session) {
        super(session);
    }

    @Override
    public TargetOptions targetOptions() {
        return targets;
    }

    @Override
    public TargetsResult<?> runOn(TargetRunner runner) {
        return runner.verify();
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        VerifyReport report = migrator.verify();
        PrintWriter out = session.out();
        String against = Formats.position(report.revision());
        String checked = report.viewsChecked() + " view" + (report.viewsChecked() == 1 ? "" : "s");
        if (report.clean()) {
            out.println("No drift: the database matches " + against + " (" + checked + " checked).");
            return 0;
        }
        for (Finding finding : report.findings()) {
            out.println(label(finding) + ": " + finding.message());
            finding.diff().ifPresent(out::print);
        }
        int count = report.findings().size();
        String findings = count + (count == 1 ? " finding" : " findings");
        boolean compared = report.viewsChecked() > 0 || report.findings().stream()
                .noneMatch(f -> f.kind() == VerifyReport.Kind.UNKNOWN_REVISION);
        out.println();
        out.println("Drift: " + findings + " against " + against + (compared ? " (" + checked + " checked)."
                : "; views were not compared, because the history does not match the code's chain."));
        session.err().println("viewmigrate verify failed: the database has drifted from " + against + " (" + findings
                + ", listed above). Bring the database back to the frozen revisions, or put the intended changes into"
                + " the @View classes and compile so that a new revision records them; then run verify again.");
        return CliFailure.FAILED;
    }

    /** {@code DEFINITION_CHANGED} → {@code definition changed}. */
    private static String label(Finding finding) {
        return finding.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
