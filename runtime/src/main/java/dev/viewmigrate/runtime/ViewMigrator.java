package dev.viewmigrate.runtime;

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
 */
public final class ViewMigrator {
    public static final String DEFAULT_HISTORY_TABLE = "viewmigrate_history";

    private final Builder config;

    private ViewMigrator(Builder config) {
        this.config = config;
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
        throw new UnsupportedOperationException("upgrade: runtime implementation pending");
    }

    /** Downgrades to {@code target}: {@code -N}, a revision id at or before the current one, or {@code base}. */
    public MigrationResult downgrade(String target) {
        throw new UnsupportedOperationException("downgrade: runtime implementation pending");
    }

    /** The newest applied revision; empty at base (or when the history table does not exist yet). */
    public Optional<AppliedRevision> current() {
        throw new UnsupportedOperationException("current: runtime implementation pending");
    }

    /** The applied revisions, oldest first. */
    public List<AppliedRevision> history() {
        throw new UnsupportedOperationException("history: runtime implementation pending");
    }

    /** Applied and pending revisions. */
    public Status status() {
        throw new UnsupportedOperationException("status: runtime implementation pending");
    }

    /** The known chain of migrations, oldest first (no database access). */
    public List<Migration> migrations() {
        throw new UnsupportedOperationException("migrations: runtime implementation pending");
    }

    /**
     * Offline mode: the SQL script that upgrades from {@code from} (a revision id, or {@code base} when null) to
     * {@code target} ({@code head}, {@code +N} or a revision id), one transaction per revision, including the
     * history table's DDL and rows. Never connects to a database. Fed to {@code psql}, it produces the same schema
     * as {@link #upgrade(String)}.
     */
    public String upgradeSql(String from, String target) {
        throw new UnsupportedOperationException("upgradeSql: runtime implementation pending");
    }

    /**
     * Offline mode: the SQL script that downgrades from {@code from} (a revision id, or head when null) to
     * {@code target} ({@code -N}, a revision id or {@code base}). Never connects to a database.
     */
    public String downgradeSql(String from, String target) {
        throw new UnsupportedOperationException("downgradeSql: runtime implementation pending");
    }

    /** Configures a {@link ViewMigrator}. Only the database is required (and not even that for offline SQL). */
    public static final class Builder {
        DataSource dataSource;
        String url;
        String user;
        String password;
        String historySchema;
        String historyTable = DEFAULT_HISTORY_TABLE;
        MigrationCatalog catalog;
        ClassLoader classLoader;
        MigrationListener listener = new MigrationListener() {};

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

        /** Schema of the history table; default: the first schema of the connection's search_path. */
        public Builder historySchema(String schema) {
            this.historySchema = schema;
            return this;
        }

        /** Name of the history table; default {@value #DEFAULT_HISTORY_TABLE}. */
        public Builder historyTable(String table) {
            this.historyTable = Objects.requireNonNull(table, "table");
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

        public Builder listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public ViewMigrator build() {
            return new ViewMigrator(this);
        }
    }
}
