package dev.viewmigrate.cli;

import dev.viewmigrate.runtime.Cli;
import dev.viewmigrate.runtime.MigrationCatalog;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code viewmigrate} command: {@code java -jar viewmigrate-cli-VERSION.jar [--classpath PATH] VERB ...}.
 *
 * <p>It only adds what a self-contained jar needs in front of {@link Cli}, which does every verb: it takes
 * {@code --classpath PATH} (or {@code VIEWMIGRATE_CLASSPATH}) off the command line, builds a class loader over the
 * application's classes (see {@link ApplicationClasspath}) in which the runtime finds the generated migration
 * catalog, keeps the JDBC driver's java.util.logging output off stderr, and hands the rest of the arguments to
 * {@link Cli}.
 */
public final class Main {
    static final String CLASSPATH_OPTION = "--classpath";
    static final String CLASSPATH_ENV = "VIEWMIGRATE_CLASSPATH";
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String CATALOG_FILE = "META-INF/services/" + MigrationCatalog.class.getName();
    private static final Set<String> NO_CATALOG_NEEDED = Set.of("-h", "--help", "-V", "--version", "help");
    // Options of the runtime's CLI that take a value, so that the value is not mistaken for the verb.
    private static final Set<String> VALUE_OPTIONS =
            Set.of("--url", "--user", "--password", "--history-table", "--history-schema");

    private Main() {}

    public static void main(String... args) {
        System.exit(run(System.out, System.err, System.getenv(), args));
    }

    /** Runs one command line; returns the exit code. Never calls {@link System#exit}. */
    static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        List<String> rest = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(CLASSPATH_OPTION)) {
                if (i + 1 == args.length || args[i + 1].isBlank()) {
                    err.println("viewmigrate: " + CLASSPATH_OPTION + " needs a value: the application's compiled"
                            + " classes, e.g. --classpath target/classes or --classpath app.jar. Run 'viewmigrate"
                            + " --help' for usage.");
                    return USAGE;
                }
                paths.add(args[++i]);
            } else if (arg.startsWith(CLASSPATH_OPTION + "=")) {
                paths.add(arg.substring(CLASSPATH_OPTION.length() + 1));
            } else {
                rest.add(arg);
            }
        }
        boolean verbose = rest.contains("-v") || rest.contains("--verbose");
        CliLogging.configure(verbose);
        String path = paths.isEmpty() ? env.get(CLASSPATH_ENV) : String.join(File.pathSeparator, paths);
        String[] cliArgs = rest.toArray(String[]::new);
        if (path == null || path.isBlank()) {
            if (needsCatalog(rest)) {
                err.println(prefix(rest, USAGE) + "no application classes given, so there are no migrations to run."
                        + " Pass " + CLASSPATH_OPTION + " PATH (or set " + CLASSPATH_ENV + ") naming the application's"
                        + " compiled classes: a directory (e.g. target/classes), a jar, DIR/* for every jar in DIR, or"
                        + " the Spring Boot executable jar, e.g. 'viewmigrate --classpath target/app.jar "
                        + verb(rest, "status") + "'.");
                return USAGE;
            }
            return cli(out, err, env, null).execute(cliArgs);
        }
        try (ApplicationClasspath classpath = ApplicationClasspath.resolve(path);
                URLClassLoader loader = new URLClassLoader("viewmigrate-application",
                        classpath.urls().toArray(URL[]::new), Main.class.getClassLoader())) {
            if (verbose) {
                err.println("Application classpath: " + classpath.urls().size() + " entries"
                        + (classpath.bootJars().isEmpty() ? ""
                                : " (Spring Boot jar " + String.join(", ", classpath.bootJars())
                                        + " unpacked to a temporary directory, deleted at exit)"));
            }
            // findResource searches PATH only, never the CLI's own jar.
            if (needsCatalog(rest) && loader.findResource(CATALOG_FILE) == null) {
                err.println(prefix(rest, FAILED) + "No viewmigrate migration catalog in " + CLASSPATH_OPTION + " '"
                        + path + "': none of its entries has " + CATALOG_FILE + ". Check that PATH names the module"
                        + " that holds the @View classes (its target/classes, its jar, or the Spring Boot jar that"
                        + " packs it) and that the module is compiled with viewmigrate-processor on the compiler's"
                        + " annotationProcessorPaths (see docs/processor.md).");
                return FAILED;
            }
            Thread.currentThread().setContextClassLoader(loader);
            return cli(out, err, env, loader).execute(cliArgs);
        } catch (ApplicationClasspath.ClasspathException e) {
            err.println(prefix(rest, USAGE) + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            // Only from closing the class loader, after the command ran.
            return FAILED;
        }
    }

    private static Cli cli(PrintStream out, PrintStream err, Map<String, String> env, ClassLoader loader) {
        Cli.Builder builder = Cli.builder().out(out).err(err).env(env);
        if (loader != null) {
            builder.classLoader(loader);
        }
        return builder.build();
    }

    private static boolean needsCatalog(List<String> args) {
        return !args.isEmpty() && args.stream().noneMatch(NO_CATALOG_NEEDED::contains)
                && verb(args, null) != null;
    }

    /** "viewmigrate VERB: " for usage errors, "viewmigrate VERB failed: " for failures, as the runtime's CLI does. */
    private static String prefix(List<String> args, int exitCode) {
        String verb = verb(args, null);
        String command = verb == null ? "viewmigrate" : "viewmigrate " + verb;
        return command + (exitCode == USAGE ? ": " : " failed: ");
    }

    /** The first argument that is neither an option nor an option's value. */
    private static String verb(List<String> args, String fallback) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (VALUE_OPTIONS.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return fallback;
    }
}
