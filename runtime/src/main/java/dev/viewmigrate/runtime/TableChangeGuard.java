package dev.viewmigrate.runtime;

import dev.viewmigrate.runtime.internal.ForeignTableChanges;
import java.util.List;

/**
 * Lets table migrations that another tool runs (a Flyway or Liquibase migration) change columns that managed views
 * read, the way viewmigrate's own hand-written revisions can: call {@link #before(String)} with each statement just
 * before the tool executes it, on the tool's connection and transaction, and {@link #finish()} once the migration's
 * statements ran. The managed views that read what a statement retypes, drops or renames (and their managed
 * dependents) are dropped before it — grants, comments and options saved, never {@code CASCADE} — and created again
 * by {@code finish()} from their frozen definitions, with indexes and data; views that do not read it are not
 * touched. Which views are managed comes from viewmigrate's history on the same database.
 *
 * <p>Obtained from {@link ViewMigrator#tableChanges(java.sql.Connection, String)}; one per migration of the other
 * tool. The Spring Boot starter and the integrations for Flyway and Liquibase use it; nothing is committed or rolled
 * back here.
 */
public final class TableChangeGuard {
    private final ForeignTableChanges changes;

    TableChangeGuard(ForeignTableChanges changes) {
        this.changes = changes;
    }

    /**
     * Before the other tool executes {@code sql} (one or several statements): drops the managed views it would
     * break. Most statements change nothing a view reads and cost one scan of their text.
     *
     * @throws ViewMigrateException when a view viewmigrate does not manage reads what the statement changes (named
     *     in the message), or the dependents check refuses; the caller's migration must fail
     */
    public void before(String sql) {
        changes.before(sql);
    }

    /**
     * Creates again the views dropped since the last call, in dependency order, and restores what was saved.
     *
     * @return the views created again, in creation order (empty when none was dropped)
     * @throws ViewMigrateException when a view cannot be created from its frozen definition: the change breaks it
     *     (the message names the view, the statement and the fix)
     */
    public List<ViewName> finish() {
        return changes.finish();
    }
}
