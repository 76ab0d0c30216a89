package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The view steps on SQLite. A SQLite migration is made of {@code checkDependents}, {@code drop} (dependents first)
 * and {@code create}: SQLite has no {@code CREATE OR REPLACE VIEW}, no materialized views, indexes on views, options,
 * comments or privileges, so the other steps are refused (the processor never plans them for SQLite).
 */
final class SqliteViewSteps implements ViewSteps {
    /** SQLSTATE that PostgreSQL uses for the same refusal ({@code dependent_objects_still_exist}). */
    static final String DEPENDENTS_STATE = "2BP01";

    private final MigrationContext context;

    SqliteViewSteps(MigrationContext context) {
        this.context = context;
    }

    /**
     * SQLite records no dependencies, so they are found by reading: every view and trigger in {@code sqlite_master}
     * that is not among {@code views} and whose SQL mentions one of their names (outside strings and comments), and
     * every trigger defined on one of them (dropped with the view). Offline there is no database to read: the script
     * carries no check.
     */
    @Override
    public void checkDependents(List<FrozenView> views) throws SQLException {
        Optional<Connection> connection = context.connection();
        if (connection.isEmpty() || views.isEmpty()) {
            return;
        }
        List<String> found = dependents(connection.get(), views);
        if (!found.isEmpty()) {
            throw new SQLException(SqliteMessages.dependentsExist(views, found), DEPENDENTS_STATE);
        }
    }

    /** "view x (reads ...)" entries for each unmanaged object that depends on one of {@code views}. */
    static List<String> dependents(Connection connection, List<FrozenView> views) throws SQLException {
        Set<String> dropped = new HashSet<>();
        views.forEach(view -> dropped.add(SqliteText.key(view.name().name())));
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT type, name, tbl_name, sql FROM "
                + "sqlite_master WHERE type IN ('view', 'trigger') AND sql IS NOT NULL ORDER BY type, name");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String type = rows.getString(1);
                String name = rows.getString(2);
                if (dropped.contains(SqliteText.key(name))) {
                    continue;
                }
                String on = rows.getString(3);
                String sql = rows.getString(4);
                for (FrozenView view : views) {
                    String viewName = view.name().name();
                    if (type.equals("trigger") && SqliteText.key(on).equals(SqliteText.key(viewName))) {
                        found.add("trigger " + name + " (defined on view " + viewName + ", dropped with it)");
                        break;
                    }
                    if (SqliteText.mentions(sql, viewName)) {
                        found.add(type + " " + name + " (mentions " + viewName + ")");
                        break;
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void drop(List<FrozenView> views) throws Exception {
        for (FrozenView view : views) {
            context.execute(SqliteText.dropView(requirePlain(view)));
        }
    }

    @Override
    public void create(List<FrozenView> views) throws Exception {
        for (FrozenView view : views) {
            context.execute(SqliteText.createView(requirePlain(view)));
        }
    }

    @Override
    public void savePrivileges(List<FrozenView> views) {
        throw SqliteMessages.unsupportedStep("savePrivileges", context.revision());
    }

    @Override
    public void restorePrivileges(List<FrozenView> views) {
        throw SqliteMessages.unsupportedStep("restorePrivileges", context.revision());
    }

    @Override
    public void replace(FrozenView from, FrozenView to, List<FrozenView> dependents) {
        throw SqliteMessages.unsupportedStep("replace", context.revision());
    }

    @Override
    public void createIndexes(FrozenView view, List<String> indexes) {
        throw SqliteMessages.unsupportedStep("createIndexes", context.revision());
    }

    @Override
    public void dropIndexes(FrozenView view, List<String> indexes) {
        throw SqliteMessages.unsupportedStep("dropIndexes", context.revision());
    }

    @Override
    public void alter(FrozenView from, FrozenView to) {
        throw SqliteMessages.unsupportedStep("alter", context.revision());
    }

    private FrozenView requirePlain(FrozenView view) {
        if (view.materialized() || !view.options().isEmpty() || view.comment().isPresent()) {
            throw SqliteMessages.unsupportedView(view, context.revision());
        }
        return view;
    }
}
