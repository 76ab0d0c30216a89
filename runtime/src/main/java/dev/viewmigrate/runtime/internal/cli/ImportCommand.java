package dev.viewmigrate.runtime.internal.cli;

import dev.viewmigrate.runtime.ViewImporter;
import dev.viewmigrate.runtime.ViewMigrator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Writes one @View entity class per view of the database, to adopt it.",
            "Reads the views and materialized views of the chosen schemas (SQL as PostgreSQL prints it, indexes,"
                    + " options, comments, dependencies) and writes a JPA @Entity for each into OUT/PKG. Compile to"
                    + " freeze them, then 'stamp head'. Views owned by an extension are skipped. Refuses to overwrite"
                    + " existing classes without --force. See docs/adopting.md."
        })
final class ImportCommand extends DatabaseCommand {
    @Option(names = "--package", required = true, paramLabel = "PKG",
            description = "Package of the classes, e.g. com.example.views.")
    String packageName;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Source root the package directories go under, e.g. src/main/java.")
    Path out;

    @Option(names = "--schema", paramLabel = "NAME",
            description = "A schema to read (repeatable). Default: the schemas of the connection's search_path.")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--force", description = "Overwrite classes that already exist.")
    boolean force;

    @Option(names = "--hibernate", negatable = true,
            description = "Put Hibernate's @Immutable on the classes (--no-hibernate: never). Default: when Hibernate"
                    + " is on the class path (--classpath).")
    Boolean hibernate;

    @Option(names = "--progress-every", paramLabel = "N", defaultValue = "100",
            description = "Print a progress line on stderr every N views (default 100).")
    int progressEvery;

    ImportCommand(Session session) {
        super(session);
    }

    @Override
    int run(ViewMigrator migrator, ConnectionSettings connection) {
        ViewImporter.Builder builder = ViewImporter.builder()
                .url(connection.url(), connection.user(), connection.password())
                .packageName(packageName)
                .outputDirectory(out)
                .schemas(schemas)
                .force(force)
                .hibernate(hibernate)
                .progress(session.err()::println, Math.max(1, progressEvery));
        if (session.settings().classLoader() != null) {
            builder.classLoader(session.settings().classLoader());
        }
        ViewImporter.Result result = builder.build().importViews();
        PrintWriter printer = session.out();
        for (ViewImporter.ImportedView view : result.imported()) {
            printer.println("Imported " + (view.materialized() ? "materialized view " : "view ") + view.view()
                    + " -> " + view.file());
        }
        for (ViewImporter.SkippedView skipped : result.skipped()) {
            printer.println("Skipped " + skipped.view() + ": " + skipped.reason() + ".");
        }
        int count = result.imported().size();
        printer.println("Imported " + count + (count == 1 ? " view" : " views") + " from schema"
                + (result.schemas().size() == 1 ? " " : "s ") + String.join(", ", result.schemas())
                + (result.skipped().isEmpty() ? "" : ", skipped " + result.skipped().size()) + "; "
                + (result.hibernate() ? "with" : "without") + " Hibernate's @Immutable (" + result.hibernateReason()
                + "). Next: compile (it freezes them into a revision), then 'viewmigrate stamp head'.");
        return 0;
    }
}
