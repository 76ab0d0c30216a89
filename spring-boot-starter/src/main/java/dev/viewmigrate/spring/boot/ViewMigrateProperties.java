package dev.viewmigrate.spring.boot;

import dev.viewmigrate.runtime.LockMode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code viewmigrate.*} properties. docs/spring-boot.md describes each one with an example; the javadoc of
 * every field is what IDEs show for it (through spring-configuration-metadata.json).
 */
@ConfigurationProperties(prefix = "viewmigrate")
public class ViewMigrateProperties {

    /**
     * Whether to auto-configure viewmigrate. false: no ViewMigrator bean, nothing runs at start-up, nothing is read
     * or written in the database (e.g. for tests that build their schema another way).
     */
    private boolean enabled = true;

    /**
     * What happens at start-up, before JPA starts: "upgrade" applies the pending revisions up to 'target';
     * "validate" changes nothing and fails the start when the database is not exactly at 'target' or its history
     * disagrees with the code (for deployments that run 'viewmigrate upgrade' in a separate job); "none" runs
     * nothing (the ViewMigrator bean and the actuator endpoint stay available). Ignored when the application
     * defines a ViewMigrateStrategy bean.
     */
    private OnStartup onStartup = OnStartup.UPGRADE;

    /** Revision to upgrade to at start-up: "head", "+N" or a revision id. */
    private String target = "head";

    /** Name of the history table (a name, not SQL: quoted as needed). */
    private String historyTable = "viewmigrate_history"; // ViewMigrator.DEFAULT_HISTORY_TABLE, as a literal for the metadata

    /**
     * Schema of the history table, created when missing. Default: none, so the table lands in the first schema of
     * the connection's search_path.
     */
    private String historySchema;

    /**
     * JDBC URL of a separate connection for migrations (e.g. a user that owns the views), opened with
     * DriverManager. Default: none, so the application's DataSource is used.
     */
    private String url;

    /** User of the separate migration connection; used only with 'url'. */
    private String user;

    /** Password of the separate migration connection; used only with 'url'. */
    private String password;

    /**
     * How long start-up waits for another instance's upgrade (the advisory lock) before failing. Several
     * instances starting at once apply each revision exactly once.
     */
    private Duration lockTimeout = Duration.ofMinutes(10); // ViewMigrator.DEFAULT_LOCK_TIMEOUT

    /**
     * How long each statement of a revision waits for a table lock held by another session (e.g. a long report
     * reading the view) before the revision is rolled back and retried; readers queued behind it wait at most this.
     */
    private Duration ddlLockTimeout = Duration.ofSeconds(10); // ViewMigrator.DEFAULT_DDL_LOCK_TIMEOUT

    /** How many times a revision that timed out waiting for a table lock is tried again, after a growing pause. */
    private int ddlLockRetries = 3; // ViewMigrator.DEFAULT_DDL_LOCK_RETRIES

    /**
     * How instances starting together serialise: 'transaction' (an advisory lock per revision transaction; works
     * behind PgBouncer in transaction mode) or 'session' (one lock for the whole run; direct connections only).
     */
    private LockMode lockMode = LockMode.TRANSACTION;

    private final Health health = new Health();

    private final TableChanges tableChanges = new TableChanges();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public OnStartup getOnStartup() {
        return onStartup;
    }

    public void setOnStartup(OnStartup onStartup) {
        this.onStartup = onStartup;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getHistoryTable() {
        return historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public String getHistorySchema() {
        return historySchema;
    }

    public void setHistorySchema(String historySchema) {
        this.historySchema = historySchema;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Duration getDdlLockTimeout() {
        return ddlLockTimeout;
    }

    public void setDdlLockTimeout(Duration ddlLockTimeout) {
        this.ddlLockTimeout = ddlLockTimeout;
    }

    public int getDdlLockRetries() {
        return ddlLockRetries;
    }

    public void setDdlLockRetries(int ddlLockRetries) {
        this.ddlLockRetries = ddlLockRetries;
    }

    public LockMode getLockMode() {
        return lockMode;
    }

    public void setLockMode(LockMode lockMode) {
        this.lockMode = lockMode;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Health getHealth() {
        return health;
    }

    public TableChanges getTableChanges() {
        return tableChanges;
    }

    /** What the application does with its view revisions when it starts. */
    public enum OnStartup {
        /** Apply the pending revisions up to the target (like Flyway's migrate). */
        UPGRADE,
        /** Change nothing; fail the start unless the database is at the target and agrees with the code. */
        VALIDATE,
        /** Run nothing. */
        NONE
    }

    /** The {@code viewmigrate.health.*} properties. */
    public static class Health {
        /**
         * Whether the health indicator also runs 'verify' (drift: views changed by hand, missing views or
         * indexes) on every health check, reporting DOWN when it finds any. verify creates the frozen SQL as
         * temporary views in a transaction that is always rolled back: cheap, but not free.
         */
        private boolean verify = false;

        public boolean isVerify() {
            return verify;
        }

        public void setVerify(boolean verify) {
            this.verify = verify;
        }
    }

    /** Table migrations of Flyway and Liquibase under the managed views (docs/table-changes.md). */
    public static class TableChanges {
        /**
         * Whether a Flyway migration or Liquibase changeset that retypes, drops or renames a column (or drops or
         * renames a table) that managed views read drops those views before the statement and creates them again
         * after the migration, in its transaction. false: such a migration fails as it does without viewmigrate
         * ("cannot alter type of a column used by a view or rule").
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
