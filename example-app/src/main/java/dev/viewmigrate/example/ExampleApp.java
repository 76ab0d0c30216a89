package dev.viewmigrate.example;

import dev.viewmigrate.example.model.ActiveUser;
import dev.viewmigrate.example.model.Post;
import dev.viewmigrate.example.model.User;
import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Cli;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.MigrationResult;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrator;
import jakarta.persistence.PersistenceException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.SessionFactory;

/**
 * The example application. Without arguments it runs the demo: migrate the database to head, write some users and
 * posts through JPA, print the "Active Contributors" dashboard read through the {@link ActiveUser} view entity, and
 * the migration history. {@code dashboard} prints the dashboard without migrating, {@code post USER TITLE} adds a
 * post. Any other arguments are the viewmigrate command line ({@code upgrade}, {@code downgrade -1},
 * {@code current}, {@code history}, {@code status}, ...) against the same database.
 *
 * <p>The database: {@code --url/--user/--password} or {@code VIEWMIGRATE_URL/_USER/_PASSWORD} when given, else an
 * embedded PostgreSQL whose data directory ({@value #DATA_DIR_PROPERTY}, default {@code target/example-db}) is kept
 * between runs.
 */
public final class ExampleApp {
    public static final String DATA_DIR_PROPERTY = "viewmigrate.example.dataDir";
    static final List<Class<?>> ENTITIES = List.of(User.class, Post.class, ActiveUser.class);
    private static final Set<String> HELP = Set.of("help", "--help", "-h");
    /** CLI verbs that never connect: no database is started for them. */
    private static final Set<String> OFFLINE_VERBS = Set.of("sql", "--version", "-V");
    private static final String USAGE = """
            Usage: ExampleApp [--url JDBC_URL [--user USER] [--password PASSWORD]] [demo | VERB [OPTIONS]]
              (nothing) or demo  migrate to head, write sample users and posts through JPA, print the Active
                                 Contributors dashboard (read through the ActiveUser view entity) and the history
              dashboard          print the dashboard as the database is now, without migrating first
              post USER TITLE    USER (created if new) posts now, through JPA; then the dashboard
              VERB               the viewmigrate command line below, against the same database
            Database: --url/--user/--password, else VIEWMIGRATE_URL/_USER/_PASSWORD, else an embedded PostgreSQL
            whose data directory (system property viewmigrate.example.dataDir, default target/example-db) is kept
            between runs.
            With Maven, from the repository root: mvn -B -q -pl example-app exec:java -Dexec.args="VERB ..."
            """;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    private ExampleApp(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.getenv(), System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs the app in-process; returns the exit code (0 on success). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new ExampleApp(out, err, env).run(List.of(args));
    }

    private int run(List<String> args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, env);
        } catch (ExampleException e) {
            err.println(e.getMessage());
            return 2;
        }
        List<String> command = arguments.command();
        if (!command.isEmpty() && HELP.contains(command.get(0))) {
            out.println(USAGE);
            return runCli(List.of("--help"), null);
        }
        if (!command.isEmpty() && OFFLINE_VERBS.contains(command.get(0))) {
            return runCli(command, null);
        }
        try (Database database = open(arguments)) {
            if (command.isEmpty() || command.equals(List.of("demo"))) {
                return demo(database);
            }
            return switch (command.get(0)) {
                case "dashboard" -> dashboard(database, command);
                case "post" -> post(database, command);
                default -> runCli(command, database);
            };
        } catch (ExampleException | ViewMigrateException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private Database open(Arguments arguments) {
        if (arguments.url() != null) {
            return Database.external(arguments.url(), arguments.user(), arguments.password());
        }
        String dataDirectory = System.getProperty(DATA_DIR_PROPERTY, Path.of("target", "example-db").toString());
        return Database.embedded(Path.of(dataDirectory));
    }

    private int demo(Database database) {
        out.println("viewmigrate example: the Active Contributors dashboard");
        out.println("Database: " + database.description());
        out.println();

        out.println("Migrating to head");
        Logging.quietRuntime(); // the Progress listener prints what the runtime would log
        ViewMigrator migrator = ViewMigrator.builder()
                .dataSource(database.dataSource())
                .listener(new Progress(out))
                .build();
        MigrationResult result;
        try {
            result = migrator.upgrade("head");
        } catch (ViewMigrateException e) {
            out.println("failed"); // ends the progress line; the reason goes to stderr
            throw e;
        }
        String current = result.to().orElse("base");
        if (result.executed().isEmpty()) {
            out.println("  already at head: revision " + current);
        } else {
            out.println("  now at revision " + current + " (" + result.executed().size() + " applied in "
                    + result.duration().toMillis() + " ms)");
        }
        out.println();

        List<ActiveUser> contributors;
        try (SessionFactory orm = startOrm(database)) {
            out.println("Hibernate started: entities User, Post and ActiveUser validated against tables users, posts"
                    + " and view active_users");
            SampleData.Counts counts = SampleData.ensure(orm);
            out.println(counts.created()
                    ? "Sample data written through JPA: " + counts.users() + " users, " + counts.posts() + " posts"
                    : "Sample data already present: " + counts.users() + " users, " + counts.posts() + " posts");
            contributors = Dashboard.load(orm);
        }
        out.println();

        printDashboard(contributors);
        out.println();

        out.println("Migration history");
        printHistory(migrator.history());
        out.println();

        if (database.isEmbedded()) {
            out.println("Replay Day 31 and Day 32 on this database (from the repository root):");
            out.println("  mvn -B -q -pl example-app exec:java -Dexec.args=\"downgrade -1\"");
            out.println("  mvn -B -q -pl example-app exec:java -Dexec.args=\"status\"");
            out.println("  mvn -B -q -pl example-app exec:java -Dexec.args=\"upgrade head\"");
        }
        return 0;
    }

    /** {@code dashboard}: reads the view as it is, without migrating (Hibernate validates it first). */
    private int dashboard(Database database, List<String> command) {
        if (command.size() != 1) {
            throw new ExampleException("dashboard takes no arguments, got " + command.subList(1, command.size())
                    + ". Usage: dashboard");
        }
        try (SessionFactory orm = startOrm(database)) {
            printDashboard(Dashboard.load(orm));
        }
        return 0;
    }

    /** {@code post USERNAME TITLE...}: USERNAME (created if new) posts now, through JPA; then the dashboard. */
    private int post(Database database, List<String> command) {
        if (command.size() < 3) {
            throw new ExampleException("post needs a username and a title, e.g. post frank \"Hello, world\".");
        }
        String username = command.get(1);
        String title = String.join(" ", command.subList(2, command.size()));
        try (SessionFactory orm = startOrm(database)) {
            try {
                SampleData.post(orm, username, title);
            } catch (PersistenceException e) {
                // The transaction was rolled back: nothing was written.
                throw new ExampleException("Could not write the post of " + username + ": " + rootMessage(e)
                        + ". Nothing was written. Usernames have at most 50 characters and titles at most 200"
                        + " (columns users.username and posts.title).", e);
            }
            out.println(username + " posted \"" + title + "\"");
            out.println();
            printDashboard(Dashboard.load(orm));
        }
        return 0;
    }

    private void printDashboard(List<ActiveUser> contributors) {
        out.println("Active Contributors (entity ActiveUser, view active_users)");
        Dashboard.print(contributors, out);
    }

    private static SessionFactory startOrm(Database database) {
        try {
            return Orm.start(database.dataSource(), ENTITIES);
        } catch (RuntimeException e) {
            // Typically schema validation: the database is not at the revision the entities were written for.
            throw new ExampleException("Hibernate could not start against " + database.description() + ": "
                    + rootMessage(e) + ". The entities expect the schema of the newest revision: run "
                    + "\"upgrade head\" first.", e);
        }
    }

    private void printHistory(List<AppliedRevision> history) {
        TextTable table = new TextTable(
                TextTable.Column.right("rev"),
                TextTable.Column.left("description"),
                TextTable.Column.left("applied at (UTC)"),
                TextTable.Column.right("ms"));
        for (AppliedRevision revision : history) {
            table.row(revision.revision(), revision.description(),
                    revision.appliedAt().atOffset(ZoneOffset.UTC).format(SECONDS), revision.executionMillis());
        }
        table.print(out, "  ");
    }

    private int runCli(List<String> command, Database database) {
        Map<String, String> cliEnv = new HashMap<>(env);
        if (database != null) {
            // The CLI reads its connection from the environment as well as from options: pass it that way, so
            // that the user's arguments reach the CLI exactly as typed.
            cliEnv.put("VIEWMIGRATE_URL", database.url());
            putOrRemove(cliEnv, "VIEWMIGRATE_USER", database.user());
            putOrRemove(cliEnv, "VIEWMIGRATE_PASSWORD", database.password());
        }
        return Cli.run(out, err, cliEnv, command.toArray(String[]::new));
    }

    private static void putOrRemove(Map<String, String> map, String key, String value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Prints one line per revision while an upgrade runs. */
    private static final class Progress implements MigrationListener {
        private final PrintStream out;

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void beforeRevision(Migration migration, MigrationResult.Direction direction) {
            out.print("  " + (direction == MigrationResult.Direction.UPGRADE ? "applying " : "reverting ")
                    + migration.revision() + ": " + migration.description() + " ... ");
            out.flush();
        }

        @Override
        public void afterRevision(Migration migration, MigrationResult.Direction direction, Duration duration) {
            out.println("done (" + duration.toMillis() + " ms)");
        }
    }

    /**
     * The command line: connection options (taken out wherever they appear) and the command (everything else).
     */
    record Arguments(String url, String user, String password, List<String> command) {
        static Arguments parse(List<String> args, Map<String, String> env) {
            Map<String, String> connection = new HashMap<>();
            List<String> command = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String option = connectionOption(arg);
                if (option == null) {
                    command.add(arg);
                } else if (arg.contains("=")) {
                    connection.put(option, arg.substring(arg.indexOf('=') + 1));
                } else if (i + 1 < args.size()) {
                    connection.put(option, args.get(++i));
                } else {
                    throw new ExampleException("Option " + option + " needs a value, e.g. " + option + " "
                            + example(option) + ".");
                }
            }
            String url = firstNonBlank(connection.get("--url"), env.get("VIEWMIGRATE_URL"));
            String user = firstNonBlank(connection.get("--user"), env.get("VIEWMIGRATE_USER"));
            String password = connection.containsKey("--password")
                    ? connection.get("--password")
                    : env.get("VIEWMIGRATE_PASSWORD");
            if (url == null && (connection.containsKey("--user") || connection.containsKey("--password"))) {
                throw new ExampleException("--user and --password need --url: name the server with --url "
                        + example("--url") + ", or leave all three out to use the embedded PostgreSQL.");
            }
            return new Arguments(url, user, password, List.copyOf(command));
        }

        private static String connectionOption(String arg) {
            for (String option : List.of("--url", "--user", "--password")) {
                if (arg.equals(option) || arg.startsWith(option + "=")) {
                    return option;
                }
            }
            return null;
        }

        private static String example(String option) {
            return switch (option) {
                case "--url" -> "jdbc:postgresql://localhost:5432/app";
                case "--user" -> "app";
                default -> "secret";
            };
        }

        private static String firstNonBlank(String first, String second) {
            if (first != null && !first.isBlank()) {
                return first;
            }
            return second != null && !second.isBlank() ? second : null;
        }
    }
}
