package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.MigrationContext;
import java.sql.Connection;
import java.util.Optional;

/** Appends a revision's statements to the script being written, each terminated exactly once. */
final class OfflineContext implements MigrationContext {
    private final StringBuilder script;
    private final String revision;

    OfflineContext(StringBuilder script, String revision) {
        this.script = script;
        this.revision = revision;
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
