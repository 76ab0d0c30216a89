package dev.viewmigrate.runtime.cli;

import dev.viewmigrate.runtime.Cli;
import dev.viewmigrate.runtime.MigrationCatalog;
import dev.viewmigrate.testdb.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs the CLI in-process and captures what it printed. */
final class CliRunner {
    private CliRunner() {}

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    static Result run(String... args) {
        return run(Map.of(), null, args);
    }

    static Result run(Map<String, String> env, MigrationCatalog catalog, String... args) {
        return run(builder -> {
            builder.env(env);
            if (catalog != null) {
                builder.catalog(catalog);
            }
        }, args);
    }

    /** Runs with the builder configured by {@code configure}; output is always captured. */
    static Result run(Consumer<Cli.Builder> configure, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli.Builder builder = Cli.builder();
        configure.accept(builder);
        builder.out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode = builder.build().execute(args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args} against {@code db} with {@code catalog}, connection options appended after the verb. */
    static Result runOn(TestDatabase db, MigrationCatalog catalog, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.url(), "--user", db.user(), "--password", db.password()));
        return run(Map.of(), catalog, all.toArray(String[]::new));
    }
}
