package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;
import dev.viewmigrate.sql.SqlText;
import java.sql.Connection;
import java.util.Optional;

/**
 * Appends a revision's statements to the script being written, each terminated exactly once. The view steps call
 * the helpers the script defines once at its top ({@link #usedHelpers()} tells the writer whether it must).
 */
final class OfflineContext implements MigrationContext {
    private final StringBuilder script;
    private final String revision;
    private final boolean downgrade;
    private final SqlViewSteps steps = new SqlViewSteps(this, false);

    OfflineContext(StringBuilder script, String revision, boolean downgrade) {
        this.script = script;
        this.revision = revision;
        this.downgrade = downgrade;
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
