package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.MigrationCatalog;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a CLI run reads from outside its arguments, so that it can run in-process (tests, the example app) as
 * well as from {@code main}.
 *
 * @param out         where results go: tables, progress lines, SQL scripts
 * @param err         where errors (and, with {@code --verbose}, diagnostics) go
 * @param env         the environment ({@code VIEWMIGRATE_URL}, ...)
 * @param catalog     the migrations to use; null to let {@link dev.viewmigrate.runtime.ViewMigrator} find them with
 *                    ServiceLoader
 * @param classLoader where ServiceLoader looks for the catalog; null for the runtime's default
 * @param connectionNames how connection errors name the URL, user and password settings
 */
public record CliSettings(PrintStream out, PrintStream err, Map<String, String> env, MigrationCatalog catalog,
        ClassLoader classLoader, ConnectionNames connectionNames) {
    public CliSettings {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(connectionNames, "connectionNames");
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }
}
