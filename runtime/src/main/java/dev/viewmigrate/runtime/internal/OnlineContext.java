package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;
import dev.viewmigrate.runtime.internal.steps.TableChangeSteps;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a revision's statements on the run's connection, inside the revision's transaction. Remembers the first
 * statement that failed: after it PostgreSQL rejects everything in the transaction ("current transaction is
 * aborted"), so the first failure is the one worth reporting, whatever the migration code does with it.
 */
final class OnlineContext implements MigrationContext {
    private final Connection connection;
    private final Statement statement;
    private final String revision;
    private final boolean downgrade;
    private final SqlViewSteps steps = new SqlViewSteps(this, true);
    private final TableChangeSteps tableChanges;
    private int executed;
    private String lastStatement;
    private Failure failure;

    /** The first statement of the revision that failed. {@code number} counts from 1 within the revision. */
    record Failure(String sql, int number, SQLException error) {}

    /**
     * @param managedViews the managed views as the revision finds them, for table changes under them (asked for only
     *     when a statement changes a table)
     */
    OnlineContext(Connection connection, Statement statement, String revision, boolean downgrade,
            Supplier<Collection<FrozenView>> managedViews) {
        this.connection = connection;
        this.statement = statement;
        this.revision = revision;
        this.downgrade = downgrade;
        this.tableChanges = new TableChangeSteps(this, steps, managedViews, connection);
        steps.tableChanges(tableChanges);
    }

    /** After the migration's code: creates again the managed views a table statement made it drop. */
    void finish() throws Exception {
        tableChanges.recreate();
    }

    @Override
    public void execute(String sql) throws Exception {
        if (sql == null || sql.isBlank()) {
            return;
        }
        tableChanges.before(sql);
        executed++;
        lastStatement = sql;
        try {
            statement.execute(sql);
        } catch (SQLException e) {
            if (failure == null) {
                failure = new Failure(sql, executed, e);
            }
            throw e;
        }
    }

    @Override
    public boolean isOffline() {
        return false;
    }

    @Override
    public Optional<Connection> connection() {
        return Optional.of(connection);
    }

    @Override
    public String revision() {
        return revision;
    }

    @Override
    public boolean isDowngrade() {
        return downgrade;
    }

    @Override
    public ViewSteps views() {
        return steps;
    }

    Failure failure() {
        return failure;
    }

    int executedCount() {
        return executed;
    }

    String lastStatement() {
        return lastStatement;
    }
}
