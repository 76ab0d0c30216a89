package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

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
    private int executed;
    private String lastStatement;
    private Failure failure;

    /** The first statement of the revision that failed. {@code number} counts from 1 within the revision. */
    record Failure(String sql, int number, SQLException error) {}

    OnlineContext(Connection connection, Statement statement, String revision, boolean downgrade) {
        this.connection = connection;
        this.statement = statement;
        this.revision = revision;
        this.downgrade = downgrade;
    }

    @Override
    public void execute(String sql) throws SQLException {
        if (sql == null || sql.isBlank()) {
            return;
        }
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
