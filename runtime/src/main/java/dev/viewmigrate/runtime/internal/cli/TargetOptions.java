package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.Target;
import dev.viewmigrate.runtime.TargetRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options that run a verb on many databases and tenant schemas instead of the one {@code --url} names. */
final class TargetOptions {
    @Option(names = "--target", paramLabel = "TARGET",
            description = "Run on this target instead of --url's database (repeatable): a database"
                    + " (jdbc:postgresql://HOST/DB), a tenant schema of --url's database (NAME), or a schema of"
                    + " another database ('jdbc:postgresql://HOST/DB NAME').")
    List<String> targets = new ArrayList<>();

    @Option(names = "--targets-file", paramLabel = "FILE",
            description = "Targets one per line, written as for --target; blank lines and lines starting with #"
                    + " are skipped.")
    Path targetsFile;

    @Option(names = "--targets-query", paramLabel = "SQL",
            description = "A query run on --url's database whose rows' first column is a target, e.g."
                    + " \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1\".")
    String targetsQuery;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "How many targets run at the same time (default 1).")
    int parallel;

    @Option(names = "--on-failure", paramLabel = "stop|continue", defaultValue = "stop",
            description = "stop (default): start no other target after a failure; continue: run every target.")
    String onFailure;

    @Option(names = "--shared-schema", paramLabel = "SCHEMA",
            description = "Put SCHEMA after the tenant's in the search_path of tenant schema targets (repeatable),"
                    + " e.g. public for functions of extensions installed there.")
    List<String> sharedSchemas = new ArrayList<>();

    /** True when the verb runs on many targets. */
    boolean given() {
        return !targets.isEmpty() || targetsFile != null || targetsQuery != null;
    }

    /** Whether a target lives in --url's database (a bare schema name), or the query needs it. */
    boolean needsUrl(List<Target> listed) {
        return targetsQuery != null || listed.stream().anyMatch(target -> target.url().isEmpty());
    }

    /** The targets given with --target and --targets-file, in that order (the query's come later, from the runner). */
    List<Target> listed() {
        List<Target> listed = new ArrayList<>();
        for (String target : targets) {
            if (target.isBlank()) {
                throw CliFailure.usage("--target is blank: give a jdbc:postgresql:// URL, a schema name, or 'URL"
                        + " SCHEMA'.");
            }
            listed.add(Target.parse(target));
        }
        if (targetsFile != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(targetsFile);
            } catch (IOException e) {
                throw CliFailure.usage("Cannot read the targets file " + targetsFile + ": " + e + ". Give a readable"
                        + " file with one target per line.");
            }
            listed.addAll(Target.parseLines(lines));
        }
        return listed;
    }

    TargetRunner.OnFailure onFailure() {
        return switch (onFailure.toLowerCase(Locale.ROOT)) {
            case "stop" -> TargetRunner.OnFailure.STOP;
            case "continue" -> TargetRunner.OnFailure.CONTINUE;
            default -> throw CliFailure.usage("--on-failure '" + onFailure + "' is not stop or continue.");
        };
    }

    int parallel() {
        if (parallel < 1) {
            throw CliFailure.usage("--parallel " + parallel + " is less than 1: give how many targets may run at the"
                    + " same time, e.g. --parallel 4.");
        }
        return parallel;
    }
}
