package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.TargetRunner;
import dev.viewmigrate.runtime.TargetsResult;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.runtime.internal.sqlite.SqliteDatabase;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Applies pending revisions up to TARGET (default head).",
            "Revisions run oldest first, each in its own transaction, serialised with other runs by an advisory"
                    + " lock. Prints one line per revision applied, then a summary."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  viewmigrate --classpath app.jar upgrade       # apply every pending revision",
            "  viewmigrate --classpath app.jar upgrade +1    # apply the next revision only",
            "  viewmigrate --classpath app.jar upgrade 3     # apply up to revision 3",
            "  viewmigrate --classpath app.jar upgrade --targets-query \"SELECT nspname FROM pg_namespace WHERE"
                    + " nspname LIKE 'tenant\\_%'\" --parallel 4",
            "                                              # every tenant schema, 4 at a time"
        })
final class UpgradeCommand extends DatabaseCommand implements ManyTargetsVerb {
    @Mixin
    TargetOptions targets;
    @Mixin
    LockOptions lockOptions;

    @Override
    LockOptions lockOptions() {
        return lockOptions;
    }

    @Parameters(arity = "0..1", paramLabel = "TARGET", defaultValue = "head",
            description = "head (the newest revision, the default), +N (N revisions forward) or a revision id.")
    String target;

    UpgradeCommand(Session session) {
        super(session);
    }

    @Mixin
    BackupOptions backupOptions;

    @Override
    void configure(ViewMigrator.Builder builder) {
        backupOptions.applyTo(builder);
    }

    @Override
    public TargetOptions targetOptions() {
        return targets;
    }

    @Override
    public TargetsResult<?> runOn(TargetRunner runner) {
        return runner.upgrade(target);
    }

    @Override
    public boolean migrates() {
        return true;
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        MigrationResult result = migrator.upgrade(target);
        printSummary(session.out(), result, target, SqliteDatabase.isSqliteUrl(connection.url()));
        return 0;
    }

    /** The last line of upgrade and downgrade: where the database was, where it is, how long it took. */
    static void printSummary(PrintWriter out, MigrationResult result, String target, boolean sqlite) {
        boolean up = result.direction() == MigrationResult.Direction.UPGRADE;
        if (result.executed().isEmpty()) {
            out.println("Already at " + Formats.position(result.to()) + " (target '" + target + "'); nothing to "
                    + (up ? "apply" : "revert") + (sqlite ? ", so no backup was taken." : "."));
            return;
        }
        out.println((up ? "Upgraded" : "Downgraded") + " from " + Formats.position(result.from()) + " to "
                + Formats.position(result.to()) + " (" + Formats.revisions(result.executed().size()) + " in "
                + Formats.duration(result.duration()) + ").");
    }
}
