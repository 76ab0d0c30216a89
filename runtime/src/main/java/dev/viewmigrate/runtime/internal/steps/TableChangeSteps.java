package dev.viewmigrate.runtime.internal.steps;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.sql.Literals;
import dev.viewmigrate.sql.SqlText;
import dev.viewmigrate.sql.TableChanges;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tables changing under managed views: before a statement that retypes, drops or renames a column (or drops,
 * renames or moves a table) that managed views read, those views and their managed dependents are dropped (grants
 * and comments saved, never {@code CASCADE}); once the migration's own statements are done — before its next view
 * step, or at its end — they are created again from their frozen definitions, with their options, comments,
 * indexes and data, and what was saved is restored. All in the revision's transaction.
 *
 * <p>Which statements matter is {@link TableChanges}' rule; which views read what they change is the database's
 * ({@code pg_depend}, in the helper {@code viewmigrate_drop_readers}): the views that do not read it are not touched.
 * Online the dropped views are read back from the helper's table; an offline script recreates, at run time, those
 * the helper dropped, from a {@code CASE} over every managed view.
 */
public final class TableChangeSteps {
    private final MigrationContext context;
    private final SqlViewSteps steps;
    private final Supplier<Collection<FrozenView>> managedViews;
    private final Connection connection;
    private Map<String, FrozenView> managed;
    private final List<String> statements = new ArrayList<>();
    private boolean pending;
    private boolean recreating;
    private java.util.function.Function<String, FrozenView> later = name -> null;

    /**
     * @param managedViews the managed views as the revision finds them (asked for only when a statement changes a
     *     table)
     * @param connection the revision's connection online, to read back what was dropped; null offline
     */
    public TableChangeSteps(MigrationContext context, SqlViewSteps steps,
            Supplier<Collection<FrozenView>> managedViews, Connection connection) {
        this.context = context;
        this.steps = steps;
        this.managedViews = managedViews;
        this.connection = connection;
    }

    /**
     * For another tool's migration that runs before viewmigrate's pending revisions: when a dropped view cannot be
     * created again as applied, the definition a pending revision gives it (by {@code ViewName.sql()}), or null. The
     * pending revision then replaces it as it would have replaced the applied one.
     */
    public void laterDefinitions(java.util.function.Function<String, FrozenView> later) {
        this.later = later;
    }

    /** Called before each statement of the migration: drops the managed views that {@code sql} would break. */
    public void before(String sql) throws Exception {
        if (recreating) {
            return;
        }
        List<TableChanges.Change> changes = TableChanges.of(sql);
        if (changes.isEmpty()) {
            return;
        }
        Map<String, FrozenView> views = managed();
        if (views.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        StringBuilder comments = new StringBuilder("ARRAY[");
        for (FrozenView view : views.values()) {
            names.add(view.name().sql());
            options.add(String.join(",", ViewDdl.optionNames(view.options())));
            drops.add(ViewDdl.drop(view));
            for (FrozenIndex index : view.indexes()) {
                indexes.add(ViewDdl.indexName(view.name(), index.name()));
            }
            comments.append(comments.length() > 6 ? ", " : "").append(view.comment().isPresent());
        }
        comments.append("]::boolean[]");
        String statement = SqlText.abbreviate(sql.strip().replaceAll("\\s+", " "), 200);
        statements.add(statement);
        steps.defineHelpers();
        for (TableChanges.Change change : changes) {
            context.execute("SELECT " + StepHelpers.DROP_READERS + "(" + Literals.string(change.table()) + ", "
                    + Literals.textArray(change.columns()) + ", " + change.refused() + ", "
                    + Literals.textArray(names) + ", " + Literals.textArray(options) + ", " + comments + ", "
                    + Literals.textArray(drops) + ", " + Literals.textArray(indexes) + ", "
                    + Literals.string(statement) + ", "
                    + Literals.string(context.isDowngrade() ? "downgrade" : "upgrade") + ")");
        }
        pending = true;
    }

    /**
     * Creates again the views dropped since the last call, readers of readers last; nothing when none was. Called
     * before the migration's next view step and at its end.
     *
     * @return the views created, in creation order, each as created (online; offline, where the script decides at
     *     its run time, empty)
     */
    public List<FrozenView> recreate() throws Exception {
        if (!pending || recreating) {
            return List.of();
        }
        pending = false;
        recreating = true;
        try {
            if (connection == null) {
                recreateOffline();
                return List.of();
            }
            return recreateOnline();
        } finally {
            recreating = false;
        }
    }

    private List<FrozenView> recreateOnline() throws Exception {
        List<FrozenView> dropped = new ArrayList<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT view_name FROM pg_temp.viewmigrate_dropped "
                        + "ORDER BY batch DESC, depth, view_name")) {
            while (rows.next()) {
                dropped.add(managed.get(rows.getString(1)));
            }
        }
        if (dropped.isEmpty()) {
            return List.of();
        }
        context.execute("DELETE FROM pg_temp.viewmigrate_dropped");
        List<FrozenView> created = new ArrayList<>();
        for (FrozenView view : dropped) {
            FrozenView pendingDefinition = later.apply(view.name().sql());
            if (pendingDefinition == null) {
                try {
                    steps.create(view);
                } catch (SQLException e) {
                    throw new ViewBrokenByTableChange(view, statements, e);
                }
                created.add(view);
                continue;
            }
            java.sql.Savepoint savepoint = connection.setSavepoint();
            try {
                steps.create(view);
                connection.releaseSavepoint(savepoint);
                created.add(view);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                try {
                    steps.create(pendingDefinition);
                } catch (SQLException second) {
                    second.addSuppressed(e);
                    throw new ViewBrokenByTableChange(pendingDefinition, statements, second);
                }
                created.add(pendingDefinition);
            }
        }
        steps.restorePrivileges(created);
        return created;
    }

    /**
     * A {@code DO} block that, at the script's run time, creates each view the helper dropped, in order, from a
     * {@code CASE} over every managed view, and restores what was saved.
     */
    private void recreateOffline() throws Exception {
        StringBuilder body = new StringBuilder("\nDECLARE\n    vm_view record;\nBEGIN\n")
                .append("IF to_regclass('pg_temp.viewmigrate_dropped') IS NULL THEN\n    RETURN;\nEND IF;\n")
                .append("FOR vm_view IN SELECT view_name FROM pg_temp.viewmigrate_dropped"
                        + " ORDER BY batch DESC, depth, view_name LOOP\n")
                .append("CASE vm_view.view_name\n");
        for (FrozenView view : managed.values()) {
            body.append("WHEN ").append(Literals.string(view.name().sql())).append(" THEN\n");
            for (String statement : ViewDdl.create(view)) {
                body.append("    EXECUTE ").append(Literals.string(statement)).append(";\n");
            }
        }
        body.append("END CASE;\n")
                .append("PERFORM ").append(StepHelpers.RESTORE).append("(vm_view.view_name);\n")
                .append("END LOOP;\n")
                .append("DELETE FROM pg_temp.viewmigrate_dropped;\n")
                .append("END\n");
        context.execute("DO " + SqlText.dollarQuote(body.toString()));
    }

    private Map<String, FrozenView> managed() {
        if (managed == null) {
            managed = new LinkedHashMap<>();
            for (FrozenView view : managedViews.get()) {
                managed.put(view.name().sql(), view);
            }
        }
        return managed;
    }

    /**
     * A view dropped around a table change that cannot be created again from its frozen definition: the change
     * breaks it (a column it returns was dropped or renamed, a type it needs changed).
     */
    public static final class ViewBrokenByTableChange extends SQLException {
        private final transient FrozenView view;
        private final List<String> statements;

        ViewBrokenByTableChange(FrozenView view, List<String> statements, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.view = view;
            this.statements = List.copyOf(statements);
        }

        public FrozenView view() {
            return view;
        }

        /** The table statements of the migration that made viewmigrate drop it (abbreviated, one line each). */
        public List<String> statements() {
            return statements;
        }
    }
}
