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
import dev.viewmigrate.runtime.internal.sqlite.Backups;
import dev.viewmigrate.runtime.internal.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
 *
 * <p>SQLite ({@code jdbc:sqlite:FILE}, or a DataSource whose driver reports SQLite) runs a chain generated with
 * {@code -Aviewmigrate.dialect=sqlite}: the same verbs except {@code refresh}, SQLite's write lock instead of the
 * advisory lock, and a backup of the file before {@code upgrade}, {@code downgrade} and {@code stamp} change it (see
 * {@link Builder#backups}, docs/sqlite.md). A chain of one dialect is refused on a database of the other.
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
    private final Settings config;
    private final ConnectionSource connections;
    private final LockWaits waits;
    private volatile Chain chain;
    private volatile SqliteDatabase sqlite;
    private volatile Boolean isSqlite;

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
        this.config = new Settings(config.url, config.dataSource, config.historySchema, config.historyTable,
                config.lockTimeout, config.listener, config.backups, config.backupDir, config.keepBackups);
        this.connections = connections;
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
        if (sqlite() != null) {
            return sqlite().run(chain(), Direction.UPGRADE, target);
        }
        SqliteDatabase.requireDialect(chain(), SqliteDatabase.POSTGRESQL);
        return runner.run(chain(), Direction.UPGRADE, target);
    }

    /** Downgrades to {@code target}: {@code -N}, a revision id at or before the current one, or {@code base}. */
    public MigrationResult downgrade(String target) {
        if (sqlite() != null) {
            return sqlite().run(chain(), Direction.DOWNGRADE, target);
        }
        SqliteDatabase.requireDialect(chain(), SqliteDatabase.POSTGRESQL);
        return runner.run(chain(), Direction.DOWNGRADE, target);
    }

    /** The newest applied revision; empty at base (or when the history table does not exist yet). */
    public Optional<AppliedRevision> current() {
        List<AppliedRevision> applied = history();
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
    }

    /** The applied revisions, oldest first. Reads the history table only: works even without a catalog. */
    public List<AppliedRevision> history() {
        return List.copyOf(readHistory().applied());
    }

    /**
     * Applied and pending revisions. Reports disagreements between the history and the code in
     * {@link Status#problems()} instead of throwing them (use {@link #validate()} to throw).
     */
    public Status status() {
        Chain known = chain();
        List<AppliedRevision> applied = readHistory().applied();
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
        ChainValidator.check(known, table, readHistory().applied());
    }

    /** Refreshes every managed materialized view of the applied revisions, in dependency order. */
    public RefreshResult refresh() {
        return refresh(RefreshOptions.all());
    }

    /**
     * Refreshes the managed materialized views of the applied revisions — all of them, or those
     * {@link RefreshOptions#views()} names — in dependency order: a view is refreshed after every refreshed view it
     * reads, directly or through plain views. Each view is refreshed in its own transaction and committed before the
     * next starts. With {@link RefreshOptions#cascade()}, the managed materialized views reading the views named are
     * refreshed too; with {@link RefreshOptions#wherePossible()}, a view that can't be refreshed {@code CONCURRENTLY}
     * is refreshed without it, and its {@link RefreshResult.RefreshedView#fallback()} says why.
     *
     * <p>Before anything is refreshed, fails with {@link ViewMigrateException.ErrorCode#UNKNOWN_VIEW} when a name is
     * not a managed materialized view (the message lists the managed ones), and with
     * {@link ViewMigrateException.ErrorCode#REFRESH_REFUSED} when a view is missing from the database or, for
     * {@code CONCURRENTLY} (unless where possible), has no usable unique index or was never populated. The history is validated as for
     * {@link #upgrade(String)}. A failing {@code REFRESH} is {@link ViewMigrateException.ErrorCode#REFRESH_FAILED};
     * the views refreshed before it stay refreshed.
     */
    public RefreshResult refresh(RefreshOptions options) {
        Objects.requireNonNull(options, "options");
        if (sqlite() != null) {
            throw sqlite().refreshRefused();
        }
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
        VerifyReport report;
        if (sqlite() != null) {
            report = sqlite().verify(chain());
        } else {
            SqliteDatabase.requireDialect(chain(), SqliteDatabase.POSTGRESQL);
            report = verifier.verify(chain());
        }
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
        if (sqlite() != null) {
            return sqlite().stamp(chain(), target, force);
        }
        SqliteDatabase.requireDialect(chain(), SqliteDatabase.POSTGRESQL);
        return stamper.stamp(chain(), target, force);
    }

    /**
     * Offline mode: the SQL script that stamps {@code target} ({@code head}, {@code base} or a revision id), the
     * history statements only. It cannot check the live views: run {@link #verify()} after it. Never connects.
     */
    public String stampSql(String target) {
        if (offlineSqlite() != null) {
            return offlineSqlite().stampScript(chain(), target);
        }
        return stamper.script(chain(), target);
    }

    /**
     * Table changes under managed views for a migration that another tool (Flyway, Liquibase) runs on
     * {@code connection}, inside its own transaction: see {@link TableChangeGuard}. Reads viewmigrate's history on
     * that connection (without failing its transaction when the table does not exist yet: then no view is managed).
     *
     * @param owner the migration, for messages (e.g. {@code "Flyway migration 3 (widen usernames)"})
     */
    public TableChangeGuard tableChanges(java.sql.Connection connection, String owner) {
        return new TableChangeGuard(new dev.viewmigrate.runtime.internal.ForeignTableChanges(chain(), table,
                connection, owner));
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
        if (offlineSqlite() != null) {
            return offlineSqlite().script(known, start, Targets.forUpgrade(known, start, target));
        }
        return new ScriptWriter(table, waits).write(known, start, Targets.forUpgrade(known, start, target));
    }

    /**
     * Offline mode: the SQL script that downgrades from {@code from} (a revision id, or head when null) to
     * {@code target} ({@code -N}, a revision id or {@code base}). Never connects to a database.
     */
    public String downgradeSql(String from, String target) {
        Chain known = chain();
        int start = Targets.forStart(known, from, known.size());
        if (offlineSqlite() != null) {
            return offlineSqlite().script(known, start, Targets.forDowngrade(known, start, target));
        }
        return new ScriptWriter(table, waits).write(known, start, Targets.forDowngrade(known, start, target));
    }

    /**
     * SQLite only: the backups of the database file that upgrade, downgrade and stamp took, oldest first (in the
     * backup directory, see {@link Builder#backupDir}). Empty on PostgreSQL, which viewmigrate does not back up.
     */
    public List<Path> backups() {
        return sqlite() != null ? sqlite().listBackups() : List.of();
    }

    private HistoryTable.Contents readHistory() {
        return sqlite() != null ? sqlite().read() : runner.read();
    }

    /**
     * The SQLite implementation when the database is SQLite, else null. A URL says so by itself. A DataSource is asked
     * (one connection, its driver's product name) only when the chain is SQLite's, so that a PostgreSQL application
     * opens no extra connection; a SQLite chain on PostgreSQL is then refused by the dialect check.
     */
    private SqliteDatabase sqlite() {
        Boolean known = isSqlite;
        if (known == null) {
            if (config.url() != null) {
                known = SqliteDatabase.isSqliteUrl(config.url());
            } else if (config.dataSource() != null && sqliteChain()) {
                try (Connection connection = config.dataSource().getConnection()) {
                    known = SqliteDatabase.isSqlite(connection);
                } catch (SQLException e) {
                    known = false; // the operation itself connects again and reports the failure
                }
            } else {
                known = false;
            }
            isSqlite = known;
        }
        return known ? sqliteDatabase() : null;
    }

    /** Whether the chain is SQLite's; false when there is no catalog (history() works without one). */
    private boolean sqliteChain() {
        try {
            return SqliteDatabase.isSqliteChain(chain());
        } catch (ViewMigrateException e) {
            return false;
        }
    }

    /**
     * For offline scripts, which never connect: SQLite when the URL says so, or, without a URL, when the chain is
     * SQLite's.
     */
    private SqliteDatabase offlineSqlite() {
        boolean sqliteScript = config.url() != null ? SqliteDatabase.isSqliteUrl(config.url())
                : SqliteDatabase.isSqliteChain(chain());
        return sqliteScript ? sqliteDatabase() : null;
    }

    private SqliteDatabase sqliteDatabase() {
        SqliteDatabase database = sqlite;
        if (database == null) {
            database = new SqliteDatabase(connections, config.historySchema, config.historyTable,
                    new Backups(config.backups, config.backupDir, config.keepBackups), config.lockTimeout,
                    config.listener);
            sqlite = database;
        }
        return database;
    }

    /** The builder's settings that the SQLite implementation, made on first use, needs. */
    private record Settings(String url, DataSource dataSource, String historySchema, String historyTable,
            Duration lockTimeout, MigrationListener listener, boolean backups, Path backupDir, int keepBackups) {}

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
        boolean backups = true;
        Path backupDir;
        int keepBackups;

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
         * SQLite only: whether {@code upgrade}, {@code downgrade} and {@code stamp} first copy the database file to
         * a timestamped backup ({@code VACUUM INTO}); default true. Ignored on PostgreSQL.
         */
        public Builder backups(boolean enabled) {
            this.backups = enabled;
            return this;
        }

        /** SQLite only: the directory of the backups; default: the database file's directory. */
        public Builder backupDir(Path dir) {
            this.backupDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * SQLite only: how many backups of the database to keep; after a new backup, the oldest beyond this count
         * are deleted. 0 (the default) keeps all.
         */
        public Builder keepBackups(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("keepBackups must be 0 (keep all) or positive, was " + count);
            }
            this.keepBackups = count;
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
