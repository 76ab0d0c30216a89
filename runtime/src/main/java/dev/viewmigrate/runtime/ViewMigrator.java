package dev.viewmigrate.runtime;

import dev.viewmigrate.runtime.MigrationResult.Direction;
import dev.viewmigrate.runtime.internal.CatalogLoader;
import dev.viewmigrate.runtime.internal.Chain;
import dev.viewmigrate.runtime.internal.ChainValidator;
import dev.viewmigrate.runtime.internal.ConnectionSource;
import dev.viewmigrate.runtime.internal.HistoryTable;
import dev.viewmigrate.runtime.internal.LockWaits;
import dev.viewmigrate.runtime.internal.OnlineRunner;
import dev.viewmigrate.runtime.internal.Refresher;
import dev.viewmigrate.runtime.internal.RuntimeLog;
import dev.viewmigrate.runtime.internal.ScriptWriter;
import dev.viewmigrate.runtime.internal.Stamper;
import dev.viewmigrate.runtime.internal.Targets;
import dev.viewmigrate.runtime.internal.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The runtime's single entry point: applies, rolls back and reports the application's view migrations.
 *
 * <pre>{@code
 * ViewMigrator migrator = ViewMigrator.builder().dataSource(dataSource).build();
 * migrator.upgrade();            // to head
 * migrator.downgrade("-1");      // one revision back
 * }</pre>
 *
 * <p>Migrations come from the catalog the processor generates ({@link MigrationCatalog}, found with
 * {@link java.util.ServiceLoader}). Every revision runs in its own transaction; upgrade and downgrade are
 * serialised across processes with a PostgreSQL advisory lock; before anything runs, applied revisions are
 * validated against the code (checksums, unknown revisions).
 *
 * <p>Targets: {@code head}, {@code +N} (N revisions forward), {@code -N} (N back), a revision id, {@code base}
 * (nothing applied).
 *
 * <p>A {@code ViewMigrator} is immutable and thread-safe; every call opens (and closes) its own connection. Every
 * failure is a {@link ViewMigrateException} whose {@link ViewMigrateException#code() code} tells it apart.
 *
 * <p>What it does is logged through {@link System#getLogger} under {@code dev.viewmigrate.runtime} (revisions
 * applied and rolled back with their time, a run with nothing to do, waits for the lock, views refreshed, the outcome
 * of verify); failures are thrown, not logged.
 */
public final class ViewMigrator {
    public static final String DEFAULT_HISTORY_TABLE = "viewmigrate_history";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);
    /** How long one statement waits for a table lock before its transaction is rolled back and retried. */
    public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** How many times a transaction that timed out waiting for a table lock is tried again. */
    public static final int DEFAULT_DDL_LOCK_RETRIES = 3;

    private final MigrationCatalog explicitCatalog;
    private final ClassLoader classLoader;
    private final HistoryTable table;
    private final OnlineRunner runner;
    private final Refresher refresher;
    private final Verifier verifier;
    private final Stamper stamper;
    private final LockWaits waits;
    private volatile Chain chain;

    private ViewMigrator(Builder config) {
        this.explicitCatalog = config.catalog;
        this.classLoader = config.classLoader;
        this.table = new HistoryTable(config.historySchema, config.historyTable);
        ConnectionSource connections = config.dataSource != null ? ConnectionSource.of(config.dataSource)
                : config.url != null ? ConnectionSource.of(config.url, config.user, config.password)
                : ConnectionSource.none();
        this.waits = new LockWaits(config.ddlLockTimeout, config.ddlLockRetries);
        this.runner = new OnlineRunner(connections, table, config.lockTimeout, config.lockMode, waits,
                config.listener);
        this.refresher = new Refresher(connections, table, config.listener, waits);
        this.verifier = new Verifier(connections, table);
        this.stamper = new Stamper(connections, table, config.lockTimeout, config.lockMode, waits, config.listener);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Upgrades to head. */
    public MigrationResult upgrade() {
        return upgrade("head");
    }

    /** Upgrades to {@code target}: {@code head}, {@code +N} or a revision id at or after the current one. */
    public MigrationResult upgrade(String target) {
        return runner.run(chain(), Direction.UPGRADE, target);
    }

    /** Downgrades to {@code target}: {@code -N}, a revision id at or before the current one, or {@code base}. */
    public MigrationResult downgrade(String target) {
        return runner.run(chain(), Direction.DOWNGRADE, target);
    }

    /** The newest applied revision; empty at base (or when the history table does not exist yet). */
    public Optional<AppliedRevision> current() {
        List<AppliedRevision> applied = history();
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
    }

    /** The applied revisions, oldest first. Reads the history table only: works even without a catalog. */
    public List<AppliedRevision> history() {
        return List.copyOf(runner.read().applied());
    }

    /**
     * Applied and pending revisions. Reports disagreements between the history and the code in
     * {@link Status#problems()} instead of throwing them (use {@link #validate()} to throw).
     */
    public Status status() {
        Chain known = chain();
        List<AppliedRevision> applied = runner.read().applied();
        List<String> problems = ChainValidator.problems(known, table, applied).stream()
                .map(ChainValidator.Problem::message)
                .toList();
        return new Status(applied, OnlineRunner.pending(known, applied, problems.isEmpty()), problems);
    }

    /**
     * Checks the history against the code as {@code upgrade} and {@code downgrade} do before running anything:
     * throws {@link ViewMigrateException.ErrorCode#CHECKSUM_MISMATCH} or
     * {@link ViewMigrateException.ErrorCode#UNKNOWN_APPLIED_REVISION} naming every disagreement.
     */
    public void validate() {
        Chain known = chain();
        ChainValidator.check(known, table, runner.read().applied());
    }

    /** Refreshes every managed materialized view of the applied revisions, in dependency order. */
    public RefreshResult refresh() {
        return refresh(RefreshOptions.all());
    }

    /**
     * Refreshes the managed materialized views of the applied revisions — all of them, or those
     * {@link RefreshOptions#views()} names — in dependency order: a view is refreshed after every refreshed view it
     * reads, directly or through plain views. Each view is refreshed in its own transaction and committed before the
     * next starts.
     *
     * <p>Before anything is refreshed, fails with {@link ViewMigrateException.ErrorCode#UNKNOWN_VIEW} when a name is
     * not a managed materialized view (the message lists the managed ones), and with
     * {@link ViewMigrateException.ErrorCode#REFRESH_REFUSED} when a view is missing from the database or, for
     * {@code CONCURRENTLY}, has no usable unique index or was never populated. The history is validated as for
     * {@link #upgrade(String)}. A failing {@code REFRESH} is {@link ViewMigrateException.ErrorCode#REFRESH_FAILED};
     * the views refreshed before it stay refreshed.
     */
    public RefreshResult refresh(RefreshOptions options) {
        Objects.requireNonNull(options, "options");
        return refresher.refresh(chain(), options);
    }

    /**
     * Compares the live database with what the applied revisions say it holds, and reports every difference:
     * checksum mismatches and unknown applied revisions (as {@link #status()} reports them), views missing, views the
     * revisions removed (or pending ones will create) that exist, plain/materialized swapped, definitions changed by
     * hand (with a unified diff), and declared indexes of materialized views missing, different or undeclared.
     *
     * <p>Never changes the database: definitions are compared by creating the frozen SQL as temporary views in a
     * transaction that is always rolled back, so that PostgreSQL normalises both sides the same way.
     */
    public VerifyReport verify() {
        VerifyReport report = verifier.verify(chain());
        RuntimeLog.verified(report);
        return report;
    }

    /**
     * Records {@code target} ({@code head}, {@code base} or a revision id) as the database's current revision without
     * running any migration: adopts a database whose views already exist, or repairs a history that lies. First
     * compares the live views with the target's frozen state as {@link #verify()} does and, when they differ, fails
     * with {@link ViewMigrateException.ErrorCode#STAMP_REFUSED} listing verify's findings, recording nothing;
     * {@code force} skips that check. History rows above the target (a stamp down, {@code base}) or not the chain's
     * are deleted; the missing ones are inserted (execution time 0). Only views are checked, not what hand-written
     * migrations did. Takes the same advisory lock as upgrade.
     */
    public StampResult stamp(String target, boolean force) {
        return stamper.stamp(chain(), target, force);
    }

    /**
     * Offline mode: the SQL script that stamps {@code target} ({@code head}, {@code base} or a revision id), the
     * history statements only. It cannot check the live views: run {@link #verify()} after it. Never connects.
     */
    public String stampSql(String target) {
        return stamper.script(chain(), target);
    }

    /** The known chain of migrations, oldest first (no database access). */
    public List<Migration> migrations() {
        return chain().migrations();
    }

    /**
     * Offline mode: the SQL script that upgrades from {@code from} (a revision id, or {@code base} when null) to
     * {@code target} ({@code head}, {@code +N} or a revision id), one transaction per revision, including the
     * history table's DDL and rows. Never connects to a database. Fed to {@code psql}, it produces the same schema
     * as {@link #upgrade(String)}. Each revision of the script first checks that the database is at the revision
     * before it, and stops otherwise.
     */
    public String upgradeSql(String from, String target) {
        Chain known = chain();
        int start = Targets.forStart(known, from, 0);
        return new ScriptWriter(table, waits).write(known, start, Targets.forUpgrade(known, start, target));
    }

    /**
     * Offline mode: the SQL script that downgrades from {@code from} (a revision id, or head when null) to
     * {@code target} ({@code -N}, a revision id or {@code base}). Never connects to a database.
     */
    public String downgradeSql(String from, String target) {
        Chain known = chain();
        int start = Targets.forStart(known, from, known.size());
        return new ScriptWriter(table, waits).write(known, start, Targets.forDowngrade(known, start, target));
    }

    /** The validated chain, loaded on first use (so that a migrator for history() needs no catalog). */
    private Chain chain() {
        Chain loaded = chain;
        if (loaded == null) {
            MigrationCatalog catalog = explicitCatalog != null ? explicitCatalog
                    : CatalogLoader.load(classLoader != null ? classLoader
                            : Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                                    ViewMigrator.class.getClassLoader()));
            loaded = Chain.of(catalog);
            chain = loaded;
        }
        return loaded;
    }

    /** Configures a {@link ViewMigrator}. Only the database is required (and not even that for offline SQL). */
    public static final class Builder {
        DataSource dataSource;
        String url;
        String user;
        String password;
        String historySchema;
        String historyTable = DEFAULT_HISTORY_TABLE;
        Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        Duration ddlLockTimeout = DEFAULT_DDL_LOCK_TIMEOUT;
        int ddlLockRetries = DEFAULT_DDL_LOCK_RETRIES;
        LockMode lockMode = LockMode.TRANSACTION;
        MigrationCatalog catalog;
        ClassLoader classLoader;
        MigrationListener listener = new MigrationListener() {};

        private Builder() {}

        /** Each call opens one connection from it (a pooled one is fine) and closes it at the end. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A JDBC URL ({@code jdbc:postgresql://host:port/database}), opened with DriverManager. */
        public Builder url(String url, String user, String password) {
            this.url = Objects.requireNonNull(url, "url");
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * Schema of the history table (a name, not SQL: it is quoted as needed, and created when missing); default:
         * none, so the table is unqualified and lands in the first schema of the connection's search_path.
         */
        public Builder historySchema(String schema) {
            this.historySchema = schema;
            return this;
        }

        /** Name of the history table (a name, not SQL: quoted as needed); default {@value #DEFAULT_HISTORY_TABLE}. */
        public Builder historyTable(String table) {
            this.historyTable = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * How long upgrade, downgrade and stamp wait for another run's advisory lock (viewmigrate's own lock, not
         * PostgreSQL's table locks: see {@link #ddlLockTimeout}) before failing with
         * {@link ViewMigrateException.ErrorCode#LOCK_TIMEOUT}; default 10 minutes. Must be positive.
         */
        public Builder lockTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lockTimeout must be positive, was " + timeout);
            }
            this.lockTimeout = timeout;
            return this;
        }

        /**
         * How long each statement viewmigrate runs (a revision's DDL, stamp's history writes, refresh) waits for a table lock
         * held by another session, e.g. a long report reading the view, before its transaction is rolled back and
         * tried again; default 10 seconds. Set as {@code SET LOCAL lock_timeout} in every such transaction, so that
         * the readers queued behind a waiting {@code DROP VIEW} wait at most this long. Offline scripts start with
         * {@code SET lock_timeout} to this value (without retries). Must be positive.
         */
        public Builder ddlLockTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("ddlLockTimeout must be positive, was " + timeout);
            }
            this.ddlLockTimeout = timeout;
            return this;
        }

        /**
         * How many times a transaction that timed out waiting for a table lock is tried again, after a pause (the
         * timeout capped at 1 s, doubling each retry, at most 30 s); default 3. After the last, the run fails with
         * {@link ViewMigrateException.ErrorCode#LOCK_TIMEOUT} naming the blocking sessions, with that revision
         * rolled back. 0: no retry.
         */
        public Builder ddlLockRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("ddlLockRetries must be 0 or more, was " + retries);
            }
            this.ddlLockRetries = retries;
            return this;
        }

        /**
         * How runs serialise: {@link LockMode#TRANSACTION} (default; works behind PgBouncer in transaction mode) or
         * {@link LockMode#SESSION} (one lock held for the whole run; needs a direct or session-pooled connection).
         */
        public Builder lockMode(LockMode mode) {
            this.lockMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Uses this catalog instead of the one found with ServiceLoader. */
        public Builder catalog(MigrationCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** Class loader that ServiceLoader searches for the catalog; default: the thread's context class loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Progress callbacks, called on the calling thread around every revision. */
        public Builder listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the migrator. Fails with {@link IllegalArgumentException} when the history table or schema name is
         * blank. The catalog is looked up on first use, not here.
         */
        public ViewMigrator build() {
            return new ViewMigrator(this);
        }
    }
}
