package dev.viewmigrate.runtime;

import dev.viewmigrate.runtime.TargetResult.Outcome;
import dev.viewmigrate.runtime.internal.CatalogLoader;
import dev.viewmigrate.runtime.internal.Messages;
import dev.viewmigrate.runtime.internal.targets.SchemaBoundDataSource;
import dev.viewmigrate.runtime.internal.targets.TargetExecutor;
import dev.viewmigrate.sql.Identifiers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs {@code upgrade}, {@code downgrade}, {@code status}, {@code verify} or {@code refresh} on many targets —
 * databases and tenant schemas, each with its own history — with bounded parallelism and a failure policy, and
 * reports one {@link TargetResult} per target.
 *
 * <pre>{@code
 * TargetsResult<MigrationResult> result = TargetRunner.builder()
 *         .url("jdbc:postgresql://db/app", user, password)      // the database of the tenant schemas
 *         .targetsQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1")
 *         .parallel(4)
 *         .onFailure(TargetRunner.OnFailure.CONTINUE)
 *         .build()
 *         .upgrade("head");
 * }</pre>
 *
 * <p>Every target is run by its own {@link ViewMigrator}, built with the settings given to
 * {@link Builder#migrator(Consumer)}, so it behaves exactly as a single run would: its own history, its own advisory
 * lock (the lock key is derived from the history table's qualified name, so tenant schemas do not wait for each
 * other), one transaction per revision. A run that stopped (a failure with {@link OnFailure#STOP}, a killed process)
 * is resumed by running it again: finished targets report "already at head".
 *
 * <p>A tenant schema target ({@link Target#schema}) runs every transaction with {@code search_path} set to the schema
 * (then the {@linkplain Builder#sharedSchemas shared schemas}), with {@code set_config(..., true)} — what
 * {@code SET LOCAL} does, so nothing stays on the session and it works behind PgBouncer in transaction mode — and keeps
 * its history table in that schema, which upgrade creates when it is missing. Views declared unqualified in
 * {@code @View} are therefore created, verified and refreshed in each tenant's schema. Views declared with a schema
 * stay in that schema: they are shared by every tenant, so do not give a schema to views meant per tenant.
 *
 * <p>Immutable and thread-safe; each operation runs its targets on its own threads (none with {@code parallel(1)}).
 */
public final class TargetRunner {
    /** What to do when a target fails. */
    public enum OnFailure {
        /** Let the targets already running finish, start no other: they are reported {@link Outcome#NOT_RUN}. */
        STOP,
        /** Run every target; the failures are reported with the others. */
        CONTINUE
    }

    private final List<Target> targets;
    private final String targetsQuery;
    private final DataSource dataSource;
    private final String url;
    private final String user;
    private final String password;
    private final List<String> sharedSchemas;
    private final int parallel;
    private final OnFailure onFailure;
    private final Consumer<ViewMigrator.Builder> settings;
    private final Consumer<TargetResult<?>> progress;

    private TargetRunner(Builder builder) {
        this.targets = List.copyOf(builder.targets);
        this.targetsQuery = builder.targetsQuery;
        this.dataSource = builder.dataSource;
        this.url = builder.url;
        this.user = builder.user;
        this.password = builder.password;
        this.sharedSchemas = List.copyOf(builder.sharedSchemas);
        this.parallel = builder.parallel;
        this.onFailure = builder.onFailure;
        this.settings = builder.settings;
        this.progress = builder.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Upgrades every target to {@code revision} ({@code head}, {@code +N} or a revision id). */
    public TargetsResult<MigrationResult> upgrade(String revision) {
        Objects.requireNonNull(revision, "revision");
        return run(migrator -> migrator.upgrade(revision), result -> migrated(result, revision));
    }

    /** Downgrades every target to {@code revision} ({@code -N}, a revision id or {@code base}). */
    public TargetsResult<MigrationResult> downgrade(String revision) {
        Objects.requireNonNull(revision, "revision");
        return run(migrator -> migrator.downgrade(revision), result -> migrated(result, revision));
    }

    /** The status of every target; a history that disagrees with the code counts as a failure. */
    public TargetsResult<Status> status() {
        return run(ViewMigrator::status, TargetRunner::described);
    }

    /** Verifies every target; drift counts as a failure. */
    public TargetsResult<VerifyReport> verify() {
        return run(ViewMigrator::verify, TargetRunner::described);
    }

    /** Refreshes the managed materialized views of every target, as {@link ViewMigrator#refresh(RefreshOptions)}. */
    public TargetsResult<RefreshResult> refresh(RefreshOptions options) {
        Objects.requireNonNull(options, "options");
        return run(migrator -> migrator.refresh(options), TargetRunner::described);
    }

    /**
     * The targets an operation runs on: those given, then the rows of the targets query (run now on the runner's
     * database). Fails with {@link ViewMigrateException.ErrorCode#INVALID_TARGET} when there are none, when one is
     * listed twice, or when the query fails.
     */
    public List<Target> resolveTargets() {
        List<Target> all = new ArrayList<>(targets);
        if (targetsQuery != null) {
            all.addAll(queryTargets());
        }
        if (all.isEmpty()) {
            throw Messages.noTargets(targetsQuery != null ? "the targets query returned no rows (" + targetsQuery + ")"
                    : "none was given");
        }
        Set<Target> seen = new HashSet<>();
        for (Target target : all) {
            if (!seen.add(target)) {
                throw Messages.duplicateTarget(target.displayName());
            }
            if (target.url().isEmpty() && dataSource == null && url == null) {
                throw Messages.targetsNeedDatabase("Tenant schema " + target.displayName());
            }
        }
        return all;
    }

    /** One line of a summary: what happened on a target, for a result of type R. */
    private record Summary(Outcome outcome, int revisions, String message) {}

    private <R> TargetsResult<R> run(Function<ViewMigrator, R> operation, Function<R, Summary> summary) {
        long started = System.nanoTime();
        List<Target> resolved = resolveTargets();
        MigrationCatalog catalog = catalog();
        List<TargetResult<R>> results = TargetExecutor.run(resolved, parallel, onFailure == OnFailure.STOP,
                target -> runOn(target, catalog, operation, summary), progress::accept);
        return new TargetsResult<>(results, Duration.ofNanos(System.nanoTime() - started));
    }

    private <R> TargetResult<R> runOn(Target target, MigrationCatalog catalog, Function<ViewMigrator, R> operation,
            Function<R, Summary> summary) {
        long started = System.nanoTime();
        try {
            R value = operation.apply(migrator(target, catalog));
            Summary line = summary.apply(value);
            return new TargetResult<>(target, line.outcome(), line.revisions(), since(started), line.message(),
                    Optional.of(value), Optional.empty());
        } catch (RuntimeException e) {
            return new TargetResult<>(target, Outcome.FAILED, 0, since(started), firstSentence(e.getMessage()),
                    Optional.empty(), Optional.of(e));
        }
    }

    /** A migrator for one target: the common settings, then the target's connection and history schema. */
    private ViewMigrator migrator(Target target, MigrationCatalog catalog) {
        ViewMigrator.Builder builder = ViewMigrator.builder();
        settings.accept(builder);
        if (builder.catalog == null) {
            builder.catalog(catalog);
        }
        SchemaBoundDataSource.Opener opener = target.url().isPresent()
                ? () -> DriverManager.getConnection(target.url().get(), user, password)
                : this::openOwn;
        if (target.schema().isEmpty()) {
            builder.url(target.url().orElseThrow(), user, password);
        } else {
            String schema = target.schema().get();
            builder.dataSource(new SchemaBoundDataSource(opener, searchPath(schema)));
            builder.historySchema(schema);
        }
        return builder.build();
    }

    /** The catalog, loaded once for all targets unless the settings give one. */
    private MigrationCatalog catalog() {
        ViewMigrator.Builder probe = ViewMigrator.builder();
        settings.accept(probe);
        if (probe.catalog != null) {
            return probe.catalog;
        }
        ClassLoader loader = probe.classLoader != null ? probe.classLoader
                : Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                        TargetRunner.class.getClassLoader());
        return CatalogLoader.load(loader);
    }

    private String searchPath(String schema) {
        List<String> path = new ArrayList<>();
        path.add(Identifiers.quote(schema));
        sharedSchemas.forEach(shared -> path.add(Identifiers.quote(shared)));
        return String.join(", ", path);
    }

    private Connection openOwn() throws SQLException {
        return dataSource != null ? dataSource.getConnection() : DriverManager.getConnection(url, user, password);
    }

    private List<Target> queryTargets() {
        if (dataSource == null && url == null) {
            throw Messages.targetsNeedDatabase("The targets query");
        }
        List<Target> found = new ArrayList<>();
        try (Connection connection = openOwn();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(targetsQuery)) {
            while (rows.next()) {
                String value = rows.getString(1);
                if (value == null || value.isBlank()) {
                    throw Messages.targetsQueryNull(targetsQuery);
                }
                found.add(Target.parse(value));
            }
        } catch (SQLException e) {
            throw Messages.targetsQueryFailed(targetsQuery, ownDatabase(), e);
        }
        return found;
    }

    private String ownDatabase() {
        return url != null ? Target.database(url).displayName() : "the runner's DataSource";
    }

    private static Summary migrated(MigrationResult result, String revision) {
        boolean up = result.direction() == MigrationResult.Direction.UPGRADE;
        String to = position(result.to());
        if (result.executed().isEmpty()) {
            return new Summary(Outcome.OK, 0, "already at " + (revision.equals("head") ? "head (" + to + ")" : to));
        }
        return new Summary(Outcome.OK, result.executed().size(),
                (up ? "upgraded" : "downgraded") + " from " + position(result.from()) + " to " + to);
    }

    private static Summary described(Status status) {
        if (!status.valid()) {
            return new Summary(Outcome.FAILED, 0, "history disagrees with the code: "
                    + firstSentence(status.problems().get(0)));
        }
        String at = position(status.current().map(AppliedRevision::revision));
        return new Summary(Outcome.OK, 0, status.upToDate() ? "up to date at " + at
                : "at " + at + ", " + status.pending().size() + " pending");
    }

    private static Summary described(VerifyReport report) {
        String against = position(report.revision());
        if (report.clean()) {
            return new Summary(Outcome.OK, 0, "no drift against " + against + " (" + report.viewsChecked()
                    + (report.viewsChecked() == 1 ? " view" : " views") + " checked)");
        }
        int count = report.findings().size();
        return new Summary(Outcome.FAILED, 0, "drift against " + against + ": " + count
                + (count == 1 ? " finding" : " findings") + ", first: "
                + firstSentence(report.findings().get(0).message()));
    }

    private static Summary described(RefreshResult result) {
        int count = result.refreshed().size();
        return new Summary(Outcome.OK, 0, count == 0 ? "no managed materialized view to refresh"
                : "refreshed " + count + " materialized view" + (count == 1 ? "" : "s"));
    }

    private static String position(Optional<String> revision) {
        return revision.orElse("base");
    }

    /** The first sentence of a one-paragraph message, for a summary line; the whole message stays in the result. */
    static String firstSentence(String message) {
        if (message == null) {
            return "failed";
        }
        int end = message.indexOf(". ");
        String sentence = end < 0 ? message : message.substring(0, end + 1);
        return sentence.length() <= 200 ? sentence : sentence.substring(0, 197) + "...";
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Configures a {@link TargetRunner}: at least the targets (given or queried). */
    public static final class Builder {
        private final List<Target> targets = new ArrayList<>();
        private String targetsQuery;
        private DataSource dataSource;
        private String url;
        private String user;
        private String password;
        private final List<String> sharedSchemas = new ArrayList<>();
        private int parallel = 1;
        private OnFailure onFailure = OnFailure.STOP;
        private Consumer<ViewMigrator.Builder> settings = builder -> {};
        private Consumer<TargetResult<?>> progress = result -> {};

        private Builder() {}

        public Builder targets(List<Target> targets) {
            targets.forEach(this::target);
            return this;
        }

        public Builder target(Target target) {
            this.targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /**
         * A query run on the runner's database when an operation starts; the first column of each row is a target
         * as {@link Target#parse} reads it: a schema name, a JDBC URL, or {@code URL SCHEMA}. Its targets come after
         * the ones given with {@link #targets}.
         */
        public Builder targetsQuery(String sql) {
            this.targetsQuery = Objects.requireNonNull(sql, "sql");
            return this;
        }

        /** The runner's own database: where tenant schema targets without a URL live and the targets query runs. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The runner's own database as a JDBC URL; {@code user} and {@code password} are also used for the targets
         * given by URL (a URL's own {@code user=}/{@code password=} parameters win).
         */
        public Builder url(String url, String user, String password) {
            this.url = Objects.requireNonNull(url, "url");
            return credentials(user, password);
        }

        /** User and password for the targets given by URL, when the runner's own database is a DataSource. */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * Schemas put after the tenant's in the search_path of a tenant schema target, e.g. {@code public} when the
         * views call functions of extensions installed there. Default: none, so an unqualified name can only mean
         * the tenant's object (or {@code pg_catalog}'s).
         */
        public Builder sharedSchemas(List<String> schemas) {
            schemas.forEach(schema -> {
                if (schema == null || schema.isBlank()) {
                    throw new IllegalArgumentException("a shared schema name is blank");
                }
                sharedSchemas.add(schema);
            });
            return this;
        }

        /** How many targets run at the same time, each on its own connection; default 1 (one after the other). */
        public Builder parallel(int parallel) {
            if (parallel < 1) {
                throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
            }
            this.parallel = parallel;
            return this;
        }

        /** Default {@link OnFailure#STOP}. */
        public Builder onFailure(OnFailure onFailure) {
            this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        /**
         * Settings applied to the {@link ViewMigrator.Builder} of every target (history table, lock timeout, catalog,
         * class loader, listener). The runner then sets the target's connection and, for a tenant schema target, the
         * history schema. A listener is called on the thread running the target.
         */
        public Builder migrator(Consumer<ViewMigrator.Builder> settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Called once per target as soon as it finished (not for targets left unrun), one call at a time, on the
         * thread that ran it: for a progress line per target on long runs.
         */
        public Builder progress(Consumer<TargetResult<?>> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public TargetRunner build() {
            return new TargetRunner(this);
        }
    }
}
