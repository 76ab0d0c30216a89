package dev.viewmigrate.runtime;

import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.internal.ConnectionSource;
import dev.viewmigrate.runtime.internal.importing.CatalogReader;
import dev.viewmigrate.runtime.internal.importing.EntityWriter;
import dev.viewmigrate.runtime.internal.importing.JavaNames;
import dev.viewmigrate.runtime.internal.importing.LiveView;
import dev.viewmigrate.runtime.internal.sqlite.SqliteDatabase;
import dev.viewmigrate.runtime.internal.sqlite.SqliteImporter;
import dev.viewmigrate.sql.Identifiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code import}: writes one {@code @View} entity class per view and materialized view of a live database, to adopt
 * it. The next compile freezes them into a revision; {@link ViewMigrator#stamp stamp head} then records that
 * revision without running it.
 *
 * <pre>{@code
 * ViewImporter.Result result = ViewImporter.builder()
 *         .dataSource(dataSource)
 *         .packageName("com.example.views")
 *         .outputDirectory(Path.of("src/main/java"))
 *         .build()
 *         .importViews();
 * }</pre>
 *
 * <p>What it reads, how names and types are mapped and how the {@code @Id} is chosen: docs/adopting.md.
 */
public final class ViewImporter {
    /** Progress is reported after every this many views by default. */
    public static final int DEFAULT_PROGRESS_EVERY = 100;
    private static final Pattern PACKAGE = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final String HIBERNATE_IMMUTABLE = "org.hibernate.annotations.Immutable";

    private final ConnectionSource connections;
    private final String packageName;
    private final Path outputDirectory;
    private final List<String> schemas;
    private final boolean force;
    private final boolean hibernate;
    private final String hibernateReason;
    private final Consumer<String> progress;
    private final int progressEvery;

    /** One class written. */
    public record ImportedView(String view, boolean materialized, String className, Path file) {}

    /** A view that was not imported, and why. */
    public record SkippedView(String view, String reason) {}

    /**
     * What {@link #importViews()} did.
     *
     * @param schemas   the schemas read
     * @param imported  the classes written, in dependency order (a view after the views it reads)
     * @param skipped   views left out (owned by an extension)
     * @param hibernate whether the classes carry Hibernate's {@code @Immutable}, and {@code hibernateReason} why
     */
    public record Result(List<String> schemas, List<ImportedView> imported, List<SkippedView> skipped,
            boolean hibernate, String hibernateReason) {}

    private ViewImporter(Builder builder) {
        this.connections = builder.dataSource != null ? ConnectionSource.of(builder.dataSource)
                : builder.url != null ? ConnectionSource.of(builder.url, builder.user, builder.password)
                : ConnectionSource.none();
        this.packageName = Objects.requireNonNull(builder.packageName, "packageName");
        this.outputDirectory = Objects.requireNonNull(builder.outputDirectory, "outputDirectory");
        this.schemas = List.copyOf(builder.schemas);
        this.force = builder.force;
        this.progress = builder.progress;
        this.progressEvery = builder.progressEvery;
        if (builder.hibernate != null) {
            this.hibernate = builder.hibernate;
            this.hibernateReason = builder.hibernate ? "asked for" : "turned off";
        } else {
            ClassLoader loader = builder.classLoader != null ? builder.classLoader
                    : Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                            ViewImporter.class.getClassLoader());
            this.hibernate = present(loader);
            this.hibernateReason = hibernate ? HIBERNATE_IMMUTABLE + " is on the class path"
                    : HIBERNATE_IMMUTABLE + " is not on the class path";
        }
    }

    private static boolean present(ClassLoader loader) {
        try {
            Class.forName(HIBERNATE_IMMUTABLE, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the views and writes their classes. Fails with {@link ErrorCode#IMPORT_FAILED}, writing nothing, when a
     * class file to write already exists and {@code force} is off.
     */
    public Result importViews() {
        Read read = connections.inAutoCommit(this::read, e -> new ViewMigrateException(ErrorCode.IMPORT_FAILED,
                "Could not read the views of " + connections.describe() + ": " + e.getMessage() + " (SQLState "
                        + e.getSQLState() + "). Nothing was written. The user needs to read pg_catalog (every user "
                        + "can) and to connect; check the connection and the schema names.", e));
        List<LiveView> ordered = dependencyOrder(read.imported());
        Map<Long, String> classNames = classNames(ordered, read.current());
        Path directory = packageName.isEmpty() ? outputDirectory
                : outputDirectory.resolve(packageName.replace('.', '/'));
        List<Path> existing = new ArrayList<>();
        for (LiveView view : ordered) {
            Path file = directory.resolve(classNames.get(view.oid()) + ".java");
            if (Files.exists(file)) {
                existing.add(file);
            }
        }
        if (!existing.isEmpty() && !force) {
            throw new ViewMigrateException(ErrorCode.IMPORT_FAILED, "Refusing to import into " + directory + ": "
                    + existing.size() + " of the " + ordered.size() + " classes to write already exist ("
                    + abbreviate(existing) + "). Nothing was written. import writes new classes; when these are "
                    + "an earlier import you want to replace (their revision not frozen yet, or you will freeze the "
                    + "difference), run it again with --force (ViewImporter.Builder.force(true)); otherwise import "
                    + "into another package.");
        }
        List<ImportedView> imported = new ArrayList<>();
        Set<Long> importedOids = new HashSet<>();
        ordered.forEach(v -> importedOids.add(v.oid()));
        try {
            Files.createDirectories(directory);
            int done = 0;
            for (LiveView view : ordered) {
                String className = classNames.get(view.oid());
                List<String> dependsOn = new ArrayList<>();
                List<String> notImported = new ArrayList<>();
                for (Long readOid : view.reads()) {
                    if (importedOids.contains(readOid)) {
                        LiveView other = read.byOid().get(readOid);
                        if (!nameAppears(view.sql(), other.name())) {
                            dependsOn.add(classNames.get(readOid));
                        }
                    } else {
                        notImported.add(read.names().getOrDefault(readOid, "oid " + readOid));
                    }
                }
                boolean qualified = !read.current().map(view.schema()::equals).orElse(false);
                String source = EntityWriter.write(packageName,
                        new EntityWriter.Plan(view, className, qualified, dependsOn, notImported), hibernate);
                Path file = directory.resolve(className + ".java");
                Files.writeString(file, source, StandardCharsets.UTF_8);
                imported.add(new ImportedView(view.displayName(), view.materialized(), className, file));
                done++;
                if (done % progressEvery == 0 && done < ordered.size()) {
                    progress.accept("Imported " + done + " of " + ordered.size() + " views ...");
                }
            }
        } catch (IOException e) {
            throw new ViewMigrateException(ErrorCode.IMPORT_FAILED, "Could not write the imported classes into "
                    + directory + ": " + e + ". The classes written before the failure stay (" + imported.size()
                    + " of " + ordered.size() + "); fix the directory and run import again with --force.", e);
        }
        return new Result(read.schemas(), imported, read.skipped(), hibernate, hibernateReason);
    }

    private record Read(List<String> schemas, Optional<String> current, List<LiveView> imported,
            List<SkippedView> skipped, Map<Long, LiveView> byOid, Map<Long, String> names) {}

    private Read read(Connection connection) throws SQLException {
        if (SqliteDatabase.isSqlite(connection)) {
            List<LiveView> views = SqliteImporter.read(connection);
            Map<Long, LiveView> byOid = new HashMap<>();
            views.forEach(view -> byOid.put(view.oid(), view));
            return new Read(List.of("main"), Optional.of("main"), views, List.of(), byOid, Map.of());
        }
        List<String> chosen = schemas.isEmpty() ? CatalogReader.searchPathSchemas(connection) : schemas;
        Optional<String> current = CatalogReader.currentSchema(connection);
        List<LiveView> imported = new ArrayList<>();
        List<SkippedView> skipped = new ArrayList<>();
        Map<Long, LiveView> byOid = new HashMap<>();
        for (LiveView view : CatalogReader.read(connection, chosen)) {
            if (view.extension().isPresent()) {
                skipped.add(new SkippedView(view.displayName(), "owned by extension " + view.extension().get()
                        + ", which creates and drops it"));
                continue;
            }
            imported.add(view);
            byOid.put(view.oid(), view);
        }
        Set<Long> elsewhere = new TreeSet<>();
        imported.forEach(v -> v.reads().stream().filter(oid -> !byOid.containsKey(oid)).forEach(elsewhere::add));
        Map<Long, String> names = CatalogReader.names(connection, List.copyOf(elsewhere));
        return new Read(chosen, current, imported, skipped, byOid, names);
    }

    /** Views before the views that read them; otherwise by schema and name. */
    private static List<LiveView> dependencyOrder(List<LiveView> views) {
        Map<Long, LiveView> byOid = new LinkedHashMap<>();
        views.forEach(v -> byOid.put(v.oid(), v));
        List<LiveView> ordered = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        for (LiveView view : views) {
            visit(view, byOid, done, new HashSet<>(), ordered);
        }
        return ordered;
    }

    private static void visit(LiveView view, Map<Long, LiveView> byOid, Set<Long> done, Set<Long> path,
            List<LiveView> ordered) {
        if (done.contains(view.oid()) || !path.add(view.oid())) {
            return; // PostgreSQL cannot hold a cycle of views; the guard only keeps a bad catalog from looping
        }
        for (Long oid : view.reads()) {
            LiveView other = byOid.get(oid);
            if (other != null) {
                visit(other, byOid, done, path, ordered);
            }
        }
        done.add(view.oid());
        ordered.add(view);
    }

    /**
     * Class names, unique ignoring case (two files that differ only in case collide on macOS and Windows): the view's
     * name; on a collision, prefixed with its schema's name when qualified; then numbered.
     */
    private static Map<Long, String> classNames(List<LiveView> views, Optional<String> current) {
        List<LiveView> sorted = new ArrayList<>(views);
        // Unqualified views first, so that they keep the plain names.
        sorted.sort((a, b) -> {
            boolean aCurrent = current.map(a.schema()::equals).orElse(false);
            boolean bCurrent = current.map(b.schema()::equals).orElse(false);
            if (aCurrent != bCurrent) {
                return aCurrent ? -1 : 1;
            }
            int schema = a.schema().compareTo(b.schema());
            return schema != 0 ? schema : a.name().compareTo(b.name());
        });
        Set<String> taken = new HashSet<>();
        Map<Long, String> names = new HashMap<>();
        for (LiveView view : sorted) {
            String candidate = JavaNames.className(view.name());
            if (taken.contains(candidate.toLowerCase(Locale.ROOT))) {
                candidate = JavaNames.className(view.schema() + "_" + view.name());
            }
            names.put(view.oid(), JavaNames.unique(candidate, taken));
        }
        return names;
    }

    /** Whether {@code sql} names the view {@code name} as PostgreSQL prints it (bare or quoted). */
    private static boolean nameAppears(String sql, String name) {
        String printed = Identifiers.quote(name);
        if (printed.startsWith("\"")) {
            return sql.contains(printed);
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}_$\"])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_$\"])")
                .matcher(sql).find();
    }

    private static String abbreviate(List<Path> files) {
        List<String> names = files.stream().limit(5).map(p -> p.getFileName().toString()).toList();
        return String.join(", ", names) + (files.size() > 5 ? ", ... (" + (files.size() - 5) + " more)" : "");
    }

    /** Configures a {@link ViewImporter}: the database, the package and the output directory are required. */
    public static final class Builder {
        DataSource dataSource;
        String url;
        String user;
        String password;
        String packageName;
        Path outputDirectory;
        List<String> schemas = List.of();
        boolean force;
        Boolean hibernate;
        ClassLoader classLoader;
        Consumer<String> progress = line -> {};
        int progressEvery = DEFAULT_PROGRESS_EVERY;

        private Builder() {}

        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        public Builder url(String url, String user, String password) {
            this.url = Objects.requireNonNull(url, "url");
            this.user = user;
            this.password = password;
            return this;
        }

        /** The package of the classes, e.g. {@code com.example.views}; empty for the unnamed package. */
        public Builder packageName(String packageName) {
            this.packageName = Objects.requireNonNull(packageName, "packageName");
            return this;
        }

        /** The source root the package directories go under, e.g. {@code src/main/java}. */
        public Builder outputDirectory(Path directory) {
            this.outputDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The schemas to read; default (empty): the schemas of the connection's search_path. */
        public Builder schemas(List<String> schemas) {
            this.schemas = List.copyOf(schemas);
            return this;
        }

        /** Overwrite classes that already exist (default: refuse, writing nothing). */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Whether the classes carry Hibernate's {@code @Immutable}; null (the default): when
         * {@code org.hibernate.annotations.Immutable} can be loaded from {@link #classLoader} (the application's
         * class path, for the CLI), since the class would not compile without Hibernate.
         */
        public Builder hibernate(Boolean hibernate) {
            this.hibernate = hibernate;
            return this;
        }

        /** Where to look for Hibernate; default: the thread's context class loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Called with a line after every {@code every} views (for large databases). */
        public Builder progress(Consumer<String> progress, int every) {
            if (every < 1) {
                throw new IllegalArgumentException("every must be at least 1, was " + every);
            }
            this.progress = Objects.requireNonNull(progress, "progress");
            this.progressEvery = every;
            return this;
        }

        /** Fails with {@link IllegalArgumentException} when the package name is not a Java package name. */
        public ViewImporter build() {
            if (packageName != null && !packageName.isEmpty() && !PACKAGE.matcher(packageName).matches()) {
                throw new IllegalArgumentException("'" + packageName + "' is not a Java package name (e.g. "
                        + "com.example.views)");
            }
            return new ViewImporter(this);
        }
    }
}
