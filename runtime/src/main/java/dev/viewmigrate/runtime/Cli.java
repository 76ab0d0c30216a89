package dev.viewmigrate.runtime;

import dev.viewmigrate.runtime.internal.cli.CliSettings;
import dev.viewmigrate.runtime.internal.cli.Commands;
import dev.viewmigrate.runtime.internal.cli.ConnectionNames;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code viewmigrate} command line: Alembic-like verbs over {@link ViewMigrator}.
 *
 * <pre>
 * java -cp app.jar:viewmigrate-runtime.jar:... dev.viewmigrate.runtime.Cli upgrade --url jdbc:postgresql://db/app
 * </pre>
 *
 * <p>Verbs: {@code upgrade [head|+N|REV]}, {@code downgrade -N|REV|base}, {@code current}, {@code history},
 * {@code status}, {@code sql upgrade|downgrade [FROM:]TARGET}, {@code refresh}, {@code verify}; {@code --help} on
 * each. Connection options ({@code --url --user --password}) go before or after the verb. Exit codes: 0 success,
 * 1 the operation failed (or verify found drift), 2 the command line is wrong. See {@code docs/cli.md}.
 *
 * <p>To run it in-process (tests, an application's own admin entry point), use {@link #run} or {@link #builder()}:
 * nothing calls {@link System#exit} except {@link #main}.
 */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final MigrationCatalog catalog;
    private final ClassLoader classLoader;
    private final ConnectionNames connectionNames;

    private Cli(Builder builder) {
        this.out = builder.out;
        this.err = builder.err;
        this.env = builder.env;
        this.catalog = builder.catalog;
        this.classLoader = builder.classLoader;
        this.connectionNames = builder.connectionNames;
    }

    public static void main(String... args) {
        System.exit(run(System.out, System.err, System.getenv(), args));
    }

    /**
     * Runs one command line in-process with the migrations found on the classpath; returns the exit code.
     *
     * @param env the environment to read {@code VIEWMIGRATE_URL}, {@code VIEWMIGRATE_USER} and
     *            {@code VIEWMIGRATE_PASSWORD} from (e.g. {@link System#getenv()}, or {@code Map.of()})
     */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        return builder().out(out).err(err).env(env).build().execute(args);
    }

    /** For in-process runs that need their own catalog or class loader. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs one command line; returns the exit code (0 success, 1 failure, 2 usage error). */
    public int execute(String... args) {
        return Commands.execute(new CliSettings(out, err, env, catalog, classLoader, connectionNames), args);
    }

    /** Configures an in-process {@link Cli}. Defaults: {@code System.out}, {@code System.err}, no environment. */
    public static final class Builder {
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private Map<String, String> env = Map.of();
        private MigrationCatalog catalog;
        private ClassLoader classLoader;
        private ConnectionNames connectionNames = ConnectionNames.OPTIONS;

        private Builder() {}

        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        public Builder err(PrintStream err) {
            this.err = Objects.requireNonNull(err, "err");
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
            return this;
        }

        /** Uses these migrations instead of the catalog that ServiceLoader finds on the classpath. */
        public Builder catalog(MigrationCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The class loader ServiceLoader searches for the catalog (see {@link ViewMigrator.Builder#classLoader}). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * How connection errors name the settings of the URL, the user and the password, for a front end that runs
         * this command line in-process with settings of its own (the Maven plugin: {@code -Dviewmigrate.url}, ...).
         * Default: the options {@code --url}, {@code --user}, {@code --password}. The environment variables
         * ({@code VIEWMIGRATE_URL}, ...) are named as well.
         */
        public Builder connectionSettingNames(String url, String user, String password) {
            this.connectionNames = new ConnectionNames(url, user, password);
            return this;
        }

        public Cli build() {
            return new Cli(this);
        }
    }
}
