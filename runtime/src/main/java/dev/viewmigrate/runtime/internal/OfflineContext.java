package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;
import dev.viewmigrate.runtime.internal.steps.TableChangeSteps;
import dev.viewmigrate.sql.SqlText;
import java.sql.Connection;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Appends a revision's statements to the script being written, each terminated exactly once. The view steps call
 * the helpers the script defines once at its top ({@link #usedHelpers()} tells the writer whether it must).
 */
final class OfflineContext implements MigrationContext {
    private final StringBuilder script;
    private final String revision;
    private final boolean downgrade;
    private final SqlViewSteps steps = new SqlViewSteps(this, false);
    private final TableChangeSteps tableChanges;

    OfflineContext(StringBuilder script, String revision, boolean downgrade,
            Supplier<Collection<FrozenView>> managedViews) {
        this.script = script;
        this.revision = revision;
        this.downgrade = downgrade;
        this.tableChanges = new TableChangeSteps(this, steps, managedViews, null);
        steps.tableChanges(tableChanges);
    }

    /** After the migration's code: the block that creates again the managed views a table statement dropped. */
    void finish() throws Exception {
        tableChanges.recreate();
    }

    @Override
    public boolean isDowngrade() {
        return downgrade;
    }

    @Override
    public ViewSteps views() {
        return steps;
    }

    boolean usedHelpers() {
        return steps.usedHelpers();
    }

    @Override
    public void execute(String sql) {
        if (sql == null || sql.isBlank()) {
            return;
        }
        try {
            tableChanges.before(sql);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        script.append(SqlText.terminate(sql)).append('\n');
    }

    @Override
    public boolean isOffline() {
        return true;
    }

    @Override
    public Optional<Connection> connection() {
        return Optional.empty();
    }

    @Override
    public String revision() {
        return revision;
    }
}
