package dev.viewmigrate.maven;

import dev.viewmigrate.runtime.Cli;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * One goal per verb of the viewmigrate command. Each goal names its verb and arguments ({@link #verb()}); this class
 * runs them with the runtime's command line ({@link Cli}) in-process, on a class loader over the project's compiled
 * classes and runtime dependencies, with the connection and history-table settings every goal shares.
 *
 * <p>A new goal is a subclass with {@code @Mojo(name = ...)}, its own {@code @Parameter}s and {@link #verb()}.
 */
abstract class AbstractViewMigrateMojo extends AbstractMojo {
    // The driver's java.util.logging warnings repeat what the one-paragraph error says; held so the level sticks.
    private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** JDBC URL of the database, e.g. jdbc:postgresql://localhost:5432/app. Default: VIEWMIGRATE_URL. */
    @Parameter(property = "viewmigrate.url")
    String url;

    /** Database user. Default: VIEWMIGRATE_USER, else the URL's user= parameter. */
    @Parameter(property = "viewmigrate.user")
    String user;

    /** Database password. Default: VIEWMIGRATE_PASSWORD. Prefer the environment variable or settings to a -D. */
    @Parameter(property = "viewmigrate.password")
    String password;

    /** Name of the history table (default viewmigrate_history). */
    @Parameter(property = "viewmigrate.historyTable")
    String historyTable;

    /** Schema of the history table (default: the first schema of the connection's search_path). */
    @Parameter(property = "viewmigrate.historySchema")
    String historySchema;

    /**
     * Many targets (upgrade, downgrade, status, verify, refresh): run on these instead of the url's database. Each is
     * a database (jdbc:postgresql://HOST/DB), a tenant schema of the url's database (NAME), or a schema of another
     * database ('jdbc:postgresql://HOST/DB NAME'). On the command line: -Dviewmigrate.targets=tenant_a,tenant_b.
     */
    @Parameter(property = "viewmigrate.targets")
    List<String> targets;

    /** Many targets: a file with one target per line (as for targets); # starts a comment line. */
    @Parameter(property = "viewmigrate.targetsFile")
    File targetsFile;

    /** Many targets: a query on the url's database whose rows' first column is a target. */
    @Parameter(property = "viewmigrate.targetsQuery")
    String targetsQuery;

    /** Many targets: how many run at the same time (default 1). */
    @Parameter(property = "viewmigrate.parallel")
    Integer parallel;

    /** Many targets: stop (default: start no other target after a failure) or continue. */
    @Parameter(property = "viewmigrate.onFailure")
    String onFailure;

    /** Many targets: schemas put after the tenant's in the search_path of tenant schema targets (e.g. public). */
    @Parameter(property = "viewmigrate.sharedSchemas")
    List<String> sharedSchemas;

    /**
     * upgrade, downgrade, stamp, refresh: how long each statement waits for a table lock held by another session
     * before its transaction is rolled back and retried (200ms, 10s, 2m; default 10s). sql: the script's
     * SET lock_timeout.
     */
    @Parameter(property = "viewmigrate.ddlLockTimeout")
    String ddlLockTimeout;

    /** upgrade, downgrade, stamp, refresh: how many times a transaction that timed out is retried (default 3). */
    @Parameter(property = "viewmigrate.ddlLockRetries")
    Integer ddlLockRetries;

    /** upgrade, downgrade, stamp: transaction (default; works behind PgBouncer in transaction mode) or session. */
    @Parameter(property = "viewmigrate.lockMode")
    String lockMode;

    /** Skips the goal (e.g. -Dviewmigrate.skip in a build that has no database). */
    @Parameter(property = "viewmigrate.skip", defaultValue = "false")
    boolean skip;

    /** Prints which database is used and, on failure, the stack trace. */
    @Parameter(property = "viewmigrate.verbose", defaultValue = "false")
    boolean verbose;

    /** The verbs that take the lock options. */
    private static final List<String> LOCK_VERBS = List.of("upgrade", "downgrade", "stamp", "refresh", "sql");

    /** The verb and its arguments, e.g. {@code ["downgrade", "-1"]}. */
    abstract List<String> verb() throws MojoFailureException;

    /** Where the verb's standard output goes; by default each line is logged at INFO. */
    OutputStream output() throws MojoExecutionException {
        return new LineLogger(line -> getLog().info(line));
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("viewmigrate: skipped (viewmigrate.skip is set).");
            return;
        }
        List<String> args = new ArrayList<>();
        // Before the verb: every verb accepts them there, and "sql" (which never connects) ignores the connection.
        option(args, "--url", url);
        option(args, "--user", user);
        option(args, "--password", password);
        option(args, "--history-table", historyTable);
        option(args, "--history-schema", historySchema);
        if (verbose) {
            args.add("--verbose");
        }
        List<String> verb = verb();
        args.addAll(verb);
        if (LOCK_VERBS.contains(verb.get(0))) {
            // After the verb: only these verbs take them.
            option(args, "--ddl-lock-timeout", ddlLockTimeout);
            option(args, "--ddl-lock-retries", ddlLockRetries == null ? null : ddlLockRetries.toString());
            option(args, "--lock-mode", lockMode);
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Level driverLevel = DRIVER_LOG.getLevel();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        int exit;
        try (URLClassLoader loader = projectClassLoader();
                OutputStream out = output();
                PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            DRIVER_LOG.setLevel(Level.OFF);
            thread.setContextClassLoader(loader);
            exit = Cli.builder().out(outStream).err(errStream).env(System.getenv()).classLoader(loader)
                    .connectionSettingNames("-Dviewmigrate.url (<url>)", "-Dviewmigrate.user (<user>)",
                            "-Dviewmigrate.password (<password>)")
                    .build().execute(args.toArray(String[]::new));
        } catch (IOException e) {
            throw new MojoExecutionException("viewmigrate: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
            DRIVER_LOG.setLevel(driverLevel);
        }
        String message = err.toString(StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            // The command's own one-paragraph message, which names the verb as "viewmigrate VERB".
            throw new MojoFailureException(message.isEmpty() ? "viewmigrate " + verb().get(0) + " failed (exit code "
                    + exit + ")." : message);
        }
        if (!message.isEmpty()) {
            message.lines().forEach(line -> getLog().info(line));
        }
    }

    private URLClassLoader projectClassLoader() throws MojoExecutionException {
        List<String> elements;
        try {
            elements = project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("viewmigrate: the project's runtime classpath is not resolved: "
                    + e.getMessage(), e);
        }
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("viewmigrate: classpath element '" + element + "': " + e.getMessage(),
                        e);
            }
        }
        if (verbose) {
            getLog().info("viewmigrate: project classpath " + elements);
        }
        // Parent: the plugin's own class loader, so that the catalog's runtime types are the plugin's runtime.
        return new URLClassLoader(urls.toArray(URL[]::new), AbstractViewMigrateMojo.class.getClassLoader());
    }

    /** The many-targets options of the verbs that take them, to go after the verb; empty when none is set. */
    List<String> targetArguments() {
        List<String> args = new ArrayList<>();
        if (targets != null) {
            targets.stream().map(String::strip).filter(t -> !t.isEmpty()).forEach(t -> option(args, "--target", t));
        }
        option(args, "--targets-file", targetsFile == null ? null : targetsFile.getPath());
        option(args, "--targets-query", targetsQuery);
        option(args, "--parallel", parallel == null ? null : parallel.toString());
        option(args, "--on-failure", onFailure);
        if (sharedSchemas != null) {
            sharedSchemas.stream().map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(s -> option(args, "--shared-schema", s));
        }
        return args;
    }

    private static void option(List<String> args, String name, String value) {
        if (value != null && !value.isBlank()) {
            args.add(name);
            args.add(value);
        }
    }

    /** Hands complete lines to a consumer (Maven's log), so progress lines keep their order with Maven's. */
    static final class LineLogger extends OutputStream {
        private final Consumer<String> sink;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineLogger(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                emit();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        private void emit() {
            sink.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }

        @Override
        public void close() {
            if (line.size() > 0) {
                emit();
            }
        }
    }
}
