package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;
import dev.viewmigrate.runtime.internal.steps.TableChangeSteps;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Table changes under managed views for statements another tool runs (a Flyway or Liquibase migration) on its own
 * connection and transaction: the same {@link TableChangeSteps} as viewmigrate's own revisions, with the managed
 * views read from viewmigrate's history on that connection. Statements are executed by the other tool; this only
 * runs the drops before and the creations after, on the same connection, never committing.
 */
public final class ForeignTableChanges implements MigrationContext {
    private final Connection connection;
    private final String owner;
    private final SqlViewSteps steps = new SqlViewSteps(this, true);
    private final TableChangeSteps tableChanges;
    private final List<FrozenView> managed;

    /**
     * @param owner what runs the statements, for messages (e.g. {@code "Flyway migration V3__widen.sql"})
     */
    public ForeignTableChanges(Chain chain, HistoryTable table, Connection connection, String owner) {
        this.connection = connection;
        this.owner = owner;
        List<FrozenView> views;
        try {
            // Inside the other tool's transaction: a query of a missing table would abort it, so look first.
            boolean exists;
            try (java.sql.PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                query.setString(1, table.qualifiedName());
                try (java.sql.ResultSet row = query.executeQuery()) {
                    exists = row.next() && row.getBoolean(1);
                }
            }
            views = exists ? OnlineRunner.managedViews(chain, Math.min(table.read(connection).applied().size(),
                    chain.size())) : List.of();
        } catch (SQLException | RuntimeException e) {
            throw Messages.foreignTableChangeFailed(owner, table.qualifiedName(), e);
        }
        this.managed = views;
        this.tableChanges = new TableChangeSteps(this, steps, () -> managed, connection);
        steps.tableChanges(tableChanges);
        // The other tool runs before viewmigrate's pending revisions: a view edited in one of them to read the table
        // as this migration leaves it is created with that definition when the applied one no longer fits; the
        // pending revision then drops and creates it again, as it would have replaced the applied one.
        java.util.Map<String, FrozenView> head = new java.util.HashMap<>();
        ExpectedState.at(chain, chain.size()).views().values().forEach(v -> head.put(v.view().name().sql(), v.view()));
        tableChanges.laterDefinitions(name -> {
            FrozenView newest = head.get(name);
            FrozenView applied = managed.stream().filter(v -> v.name().sql().equals(name)).findFirst().orElse(null);
            return newest == null || newest.equals(applied) || applied == null
                    || newest.materialized() != applied.materialized() ? null : newest;
        });
    }

    /** Drops the managed views that {@code sql} (about to run) would break; nothing for most statements. */
    public void before(String sql) {
        try {
            tableChanges.before(sql);
        } catch (Exception e) {
            throw Messages.foreignTableChangeFailed(owner, sql, e);
        }
    }

    /** Creates again the managed views dropped so far; the names, in creation order. */
    public List<ViewName> finish() {
        List<FrozenView> created;
        try {
            created = tableChanges.recreate();
        } catch (TableChangeSteps.ViewBrokenByTableChange e) {
            throw new ViewMigrateException(ErrorCode.MIGRATION_FAILED, owner + " failed: "
                    + Messages.viewBrokenByTableChange(e, null), e.getCause());
        } catch (Exception e) {
            throw Messages.foreignTableChangeFailed(owner, "creating again the views it made viewmigrate drop", e);
        }
        return created.stream().map(FrozenView::name).toList();
    }

    @Override
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            statement.execute(sql);
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
        return owner;
    }

    @Override
    public boolean isDowngrade() {
        return false;
    }

    @Override
    public ViewSteps views() {
        return steps;
    }
}
