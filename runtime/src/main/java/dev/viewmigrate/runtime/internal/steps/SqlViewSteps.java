package dev.viewmigrate.runtime.internal.steps;

import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.sql.Literals;
import dev.viewmigrate.sql.SqlText;
import java.util.ArrayList;
import java.util.List;

/**
 * The view steps as SQL, executed through the revision's {@link MigrationContext}: online on the revision's
 * transaction, offline appended to the script. Steps that need the PL/pgSQL helpers ({@link StepHelpers}) call
 * them; online, the helpers are defined in the revision's transaction before the first such call (a transaction
 * pooler may hand every transaction another server session, so nothing is assumed to survive between revisions).
 * Offline the script defines them once at its top: see {@link #usedHelpers()}.
 */
public final class SqlViewSteps implements ViewSteps {
    private final MigrationContext context;
    private final boolean defineHelpers;
    private boolean helpersReady;
    private boolean usedHelpers;
    private TableChangeSteps tableChanges;

    /**
     * @param defineHelpers define the helpers on first use (online); false when the caller defines them (offline)
     */
    public SqlViewSteps(MigrationContext context, boolean defineHelpers) {
        this.context = context;
        this.defineHelpers = defineHelpers;
    }

    /**
     * Table changes under managed views: the views a migration's table statement dropped are created again before
     * the next step runs (a step may read them).
     */
    public void tableChanges(TableChangeSteps tableChanges) {
        this.tableChanges = tableChanges;
    }

    private void settle() throws Exception {
        if (tableChanges != null) {
            tableChanges.recreate();
        }
    }

    /** Whether a step called one of the helpers. */
    public boolean usedHelpers() {
        return usedHelpers;
    }

    @Override
    public void checkDependents(List<FrozenView> views) throws Exception {
        settle();
        if (!views.isEmpty()) {
            execute("SELECT " + checkCall(views));
        }
    }

    @Override
    public void savePrivileges(List<FrozenView> views) throws Exception {
        settle();
        for (FrozenView view : views) {
            execute("SELECT " + saveCall(view));
        }
    }

    @Override
    public void drop(List<FrozenView> views) throws Exception {
        settle();
        for (FrozenView view : views) {
            execute(ViewDdl.drop(view));
        }
    }

    @Override
    public void create(List<FrozenView> views) throws Exception {
        settle();
        for (FrozenView view : views) {
            for (String statement : ViewDdl.create(view)) {
                execute(statement);
            }
        }
    }

    @Override
    public void buildBeside(List<FrozenView> views) throws Exception {
        settle();
        for (FrozenView view : views) {
            for (String statement : SideBySide.build(view)) {
                execute(statement);
            }
        }
    }

    @Override
    public void swapIn(List<FrozenView> views) throws Exception {
        settle();
        for (FrozenView view : views) {
            for (String statement : SideBySide.swap(view)) {
                execute(statement);
            }
        }
    }

    /**
     * Three statements: save what is set by hand (a {@code CREATE OR REPLACE} resets options), a {@code DO} block
     * that replaces the view and, when PostgreSQL refuses (42P16), recreates it with its dependents instead, then
     * restore.
     */
    @Override
    public void replace(FrozenView from, FrozenView to, List<FrozenView> dependents) throws Exception {
        settle();
        execute("SELECT " + saveCall(from));
        StringBuilder body = new StringBuilder("\nBEGIN\n");
        for (String statement : ViewDdl.create(to, to.name(), true)) {
            body.append(SqlText.terminate(statement)).append('\n');
        }
        List<FrozenView> dropped = new ArrayList<>();
        dropped.add(from);
        dropped.addAll(dependents);
        body.append("EXCEPTION WHEN invalid_table_definition THEN\n")
                .append("PERFORM ").append(checkCall(dropped)).append(";\n");
        for (FrozenView dependent : dependents) {
            body.append("PERFORM ").append(saveCall(dependent)).append(";\n");
        }
        for (int i = dependents.size() - 1; i >= 0; i--) {
            body.append(ViewDdl.drop(dependents.get(i))).append(";\n");
        }
        body.append(ViewDdl.drop(from)).append(";\n");
        List<FrozenView> recreated = new ArrayList<>();
        recreated.add(to);
        recreated.addAll(dependents);
        for (FrozenView view : recreated) {
            for (String statement : ViewDdl.create(view)) {
                body.append(SqlText.terminate(statement)).append('\n');
            }
        }
        for (FrozenView dependent : dependents) {
            body.append("PERFORM ").append(restoreCall(dependent)).append(";\n");
        }
        body.append("END\n");
        execute("DO " + SqlText.dollarQuote(body.toString()));
        execute("SELECT " + restoreCall(to));
    }

    @Override
    public void restorePrivileges(List<FrozenView> views) throws Exception {
        settle();
        for (FrozenView view : views) {
            execute("SELECT " + restoreCall(view));
        }
    }

    @Override
    public void createIndexes(FrozenView view, List<String> indexes) throws Exception {
        settle();
        for (String name : indexes) {
            execute(ViewDdl.createIndex(view.name(), index(view, name)));
        }
    }

    @Override
    public void dropIndexes(FrozenView view, List<String> indexes) throws Exception {
        settle();
        for (String name : indexes) {
            execute(ViewDdl.dropIndex(view.name(), index(view, name)));
        }
    }

    private static FrozenIndex index(FrozenView view, String name) {
        return view.indexes().stream().filter(index -> index.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(view.describe() + " declares no index " + name));
    }

    @Override
    public void alter(FrozenView from, FrozenView to) throws Exception {
        settle();
        for (String statement : ViewDdl.alter(from, to)) {
            execute(statement);
        }
    }

    private String checkCall(List<FrozenView> views) throws Exception {
        helpers();
        List<String> names = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        for (FrozenView view : views) {
            names.add(view.name().sql());
            view.indexes().forEach(index -> indexes.add(ViewDdl.indexName(view.name(), index.name())));
        }
        return StepHelpers.CHECK_DEPENDENTS + "(" + Literals.textArray(names) + ", " + Literals.textArray(indexes)
                + ", " + Literals.string(context.isDowngrade() ? "downgrade" : "upgrade") + ")";
    }

    private String saveCall(FrozenView view) throws Exception {
        helpers();
        return StepHelpers.SAVE + "(" + Literals.string(view.name().sql()) + ", "
                + Literals.textArray(ViewDdl.optionNames(view.options())) + ", " + view.comment().isPresent() + ")";
    }

    private String restoreCall(FrozenView view) throws Exception {
        helpers();
        return StepHelpers.RESTORE + "(" + Literals.string(view.name().sql()) + ")";
    }

    /** Defines the helpers in this revision's transaction unless done already (online) or by the script (offline). */
    void defineHelpers() throws Exception {
        helpers();
    }

    private void helpers() throws Exception {
        usedHelpers = true;
        if (defineHelpers && !helpersReady) {
            helpersReady = true;
            for (String definition : StepHelpers.definitions()) {
                execute(definition);
            }
        }
    }

    private void execute(String sql) throws Exception {
        context.execute(sql);
    }
}
