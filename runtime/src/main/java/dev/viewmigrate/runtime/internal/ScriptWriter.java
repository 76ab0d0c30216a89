package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.internal.steps.StepHelpers;
import dev.viewmigrate.sql.Literals;
import dev.viewmigrate.sql.SqlText;
import java.util.Locale;

/**
 * Offline mode: writes the SQL script of an upgrade or downgrade without a database. Fed to
 * {@code psql -v ON_ERROR_STOP=1 -f}, it leaves the same schema and history rows as the online run:
 *
 * <ol>
 *   <li>a header comment: what the script does and how to run it;</li>
 *   <li>the same advisory lock the online runner takes (so a script and an application starting at the same time
 *       do not interleave), then the history table's {@code CREATE ... IF NOT EXISTS};</li>
 *   <li>per revision: {@code BEGIN;}, a guard that stops unless the history's newest row is the revision the
 *       script expects before this one, the revision's statements, the history row, {@code COMMIT;}.</li>
 * </ol>
 *
 * <p>The guard makes the script safe to run against a database in another state, and safe even without
 * {@code ON_ERROR_STOP}: after a failed revision, every later revision's guard fails too, so nothing runs out of
 * order. {@code execution_ms} is measured by the database: the time since the revision's {@code BEGIN}.
 */
public final class ScriptWriter {
    private final HistoryTable table;
    private boolean helpersUsed;

    public ScriptWriter(HistoryTable table) {
        this.table = table;
    }

    /** The script that moves the database from state {@code from} to state {@code to} (either direction). */
    public String write(Chain chain, int from, int to) {
        boolean upgrade = to >= from;
        StringBuilder out = new StringBuilder(256 + Math.abs(to - from) * 512);
        out.append("-- viewmigrate ").append(upgrade ? "upgrade" : "downgrade").append(" script: ")
                .append(chain.stateName(from)).append(" -> ").append(chain.stateName(to)).append(" (")
                .append(Math.abs(to - from)).append(Math.abs(to - from) == 1 ? " revision" : " revisions")
                .append("), history table ").append(table.qualifiedName()).append(".\n")
                .append("-- Run it with: psql -v ON_ERROR_STOP=1 -f <this file> <database>\n")
                .append("-- Every revision runs in its own transaction and first checks that the database is at the "
                        + "revision before it.\n");
        if (from == to) {
            return out.append("-- Nothing to do: the start and the target are both ").append(chain.stateName(from))
                    .append(".\n").toString();
        }
        out.append('\n');
        out.append("SELECT pg_advisory_lock(").append(table.lockKey()).append(");\n");
        for (String ddl : table.createSql()) {
            out.append(ddl).append(";\n");
        }
        int helpersAt = out.length();
        helpersUsed = false;
        if (upgrade) {
            for (int i = from; i < to; i++) {
                Migration migration = chain.get(i);
                revision(out, chain, migration, i, "Revision " + migration.revision());
                run(migration, true, out);
                out.append("INSERT INTO ").append(table.qualifiedName())
                        .append(" (rank, revision, description, checksum, execution_ms)\nVALUES (")
                        .append(i + 1).append(", ").append(Literals.string(migration.revision())).append(", ")
                        .append(Literals.string(migration.description())).append(", ")
                        .append(migration.checksum())
                        .append(", (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint);\n")
                        .append("COMMIT;\n");
            }
        } else {
            for (int i = from - 1; i >= to; i--) {
                Migration migration = chain.get(i);
                revision(out, chain, migration, i + 1, "Downgrade of revision " + migration.revision());
                run(migration, false, out);
                out.append("DELETE FROM ").append(table.qualifiedName()).append(" WHERE revision = ")
                        .append(Literals.string(migration.revision())).append(";\n")
                        .append("COMMIT;\n");
            }
        }
        out.append("\nSELECT pg_advisory_unlock(").append(table.lockKey()).append(");\n");
        if (helpersUsed) {
            out.insert(helpersAt, helperDefinitions());
        }
        return out.toString();
    }

    /** Comment, BEGIN and the guard that the newest applied revision is the one at state {@code expected}. */
    private void revision(StringBuilder out, Chain chain, Migration migration, int expected, String title) {
        out.append("\n-- ").append(title).append(": ").append(oneLine(migration.description())).append('\n');
        out.append("BEGIN;\n");
        String expectedRevision = expected == 0 ? null : chain.get(expected - 1).revision();
        String shown = expectedRevision == null ? "base (no revision applied)" : "revision " + expectedRevision;
        String body = "\nDECLARE\n    newest text;\nBEGIN\n"
                + "    SELECT revision INTO newest FROM " + table.qualifiedName() + " ORDER BY rank DESC LIMIT 1;\n"
                + "    IF newest IS DISTINCT FROM "
                + (expectedRevision == null ? "NULL" : Literals.string(expectedRevision)) + " THEN\n"
                + "        RAISE EXCEPTION 'viewmigrate: % expects the database at %, but its newest applied revision "
                + "is %', " + Literals.string(title.toLowerCase(Locale.ROOT)) + ", "
                + Literals.string(shown) + ", coalesce(newest, 'none (base)')\n"
                + "            USING HINT = 'Generate the script from the revision the database is at (viewmigrate sql "
                + "... with the right starting revision), or migrate online.';\n"
                + "    END IF;\nEND\n";
        out.append("DO ").append(SqlText.dollarQuote(body)).append(";\n");
    }

    /** The view steps' helpers, defined once for the script's session (see {@code StepHelpers}). */
    private static String helperDefinitions() {
        StringBuilder out = new StringBuilder("\n-- Helpers the view steps below call (temporary: gone when the session "
                + "ends).\n");
        for (String definition : StepHelpers.definitions()) {
            out.append(definition).append(";\n");
        }
        return out.toString();
    }

    private void run(Migration migration, boolean upgrade, StringBuilder out) {
        OfflineContext context = new OfflineContext(out, migration.revision(), !upgrade);
        try {
            if (upgrade) {
                migration.upgrade(context);
            } else {
                migration.downgrade(context);
            }
        } catch (Exception e) {
            throw new ViewMigrateException(ErrorCode.MIGRATION_FAILED, "Could not write the SQL of "
                    + (upgrade ? "" : "the downgrade of ") + Chain.describe(migration) + " for the offline script: "
                    + e.getClass().getName() + ": " + e.getMessage() + ". A migration that needs to read the "
                    + "database (MigrationContext.connection()) cannot run offline; apply it online instead.", e);
        }
        helpersUsed |= context.usedHelpers();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
