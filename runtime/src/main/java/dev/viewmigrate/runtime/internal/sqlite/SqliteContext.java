package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A revision's statements on SQLite: executed on the run's connection inside the revision's transaction (online), or
 * appended to the script (offline, {@code connection} null). Remembers the first statement that failed, for the
 * message.
 */
final class SqliteContext implements MigrationContext {
    private final Connection connection;
    private final Statement statement;
    private final StringBuilder script;
    private final String revision;
    private final boolean downgrade;
    private final SqliteViewSteps steps = new SqliteViewSteps(this);
    private int executed;
    private String failedSql;
    private int failedNumber;

    private SqliteContext(Connection connection, Statement statement, StringBuilder script, String revision,
            boolean downgrade) {
        this.connection = connection;
        this.statement = statement;
        this.script = script;
        this.revision = revision;
        this.downgrade = downgrade;
    }

    static SqliteContext online(Connection connection, Statement statement, String revision, boolean downgrade) {
        return new SqliteContext(connection, statement, null, revision, downgrade);
    }

    static SqliteContext offline(StringBuilder script, String revision, boolean downgrade) {
        return new SqliteContext(null, null, script, revision, downgrade);
    }

    @Override
    public void execute(String sql) throws SQLException {
        if (sql == null || sql.isBlank()) {
            return;
        }
        executed++;
        if (script != null) {
            String text = sql.strip();
            script.append(text.endsWith(";") ? text : text + ";").append('\n');
            return;
        }
        try {
            statement.execute(sql);
        } catch (SQLException e) {
            if (failedSql == null) {
                failedSql = sql;
                failedNumber = executed;
            }
            throw e;
        }
    }

    @Override
    public boolean isOffline() {
        return script != null;
    }

    @Override
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
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

    /** The first statement that failed, or null. */
    String failedSql() {
        return failedSql;
    }

    /** Its number within the revision, from 1. */
    int failedNumber() {
        return failedNumber;
    }
}
