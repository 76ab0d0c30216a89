package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.internal.steps.StepHelpers;
import java.util.Locale;

/**
 * Offline mode: writes the SQL script of an upgrade or downgrade without a database. Fed to
 * {@code psql -v ON_ERROR_STOP=1 -f}, it leaves the same schema and history rows as the online run:
 *
 * <ol>
 *   <li>a header comment: what the script does and how to run it;</li>
 *   <li>the same advisory lock the online runner takes (so a script and an application starting at the same time
 *       do not interleave), then {@code SET lock_timeout} to the DDL lock timeout (no retries: psql has none);</li>
 *   <li>per revision: {@code BEGIN;}, in the first one the history table's {@code CREATE ... IF NOT EXISTS} (inside
 *       the transaction, as online: a first revision that fails leaves no empty history table behind), a guard that
 *       stops unless the history's newest row is the revision the script expects before this one, the revision's
 *       statements, the history row, {@code COMMIT;}.</li>
 * </ol>
 *
 * <p>The guard makes the script safe to run against a database in another state, and safe even without
 * {@code ON_ERROR_STOP}: after a failed revision, every later revision's guard fails too, so nothing runs out of
 * order. Every statement about the history table comes from {@link HistoryTable}, the same place the online runner
 * gets its statements from.
 */
public final class ScriptWriter {
    private final HistoryTable table;
    private final LockWaits waits;
    private boolean helpersUsed;

    public ScriptWriter(HistoryTable table) {
        this(table, new LockWaits(java.time.Duration.ofSeconds(10), 3));
    }

    /** {@code waits}: its timeout becomes the script's {@code SET lock_timeout} (psql has no retries). */
    public ScriptWriter(HistoryTable table, LockWaits waits) {
        this.table = table;
        this.waits = waits;
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
        out.append(table.lockSql()).append(";\n");
        out.append(lockTimeout(waits));
        int helpersAt = out.length();
        helpersUsed = false;
        if (upgrade) {
            for (int i = from; i < to; i++) {
                Migration migration = chain.get(i);
                revision(out, chain, migration, i, "Revision " + migration.revision(), i == from);
                run(chain, i, migration, true, out);
                out.append(table.insertScript(i + 1, migration)).append(";\n")
                        .append("COMMIT;\n");
            }
        } else {
            for (int i = from - 1; i >= to; i--) {
                Migration migration = chain.get(i);
                revision(out, chain, migration, i + 1, "Downgrade of revision " + migration.revision(),
                        i == from - 1);
                run(chain, i + 1, migration, false, out);
                out.append(table.deleteScript(migration.revision())).append(";\n")
                        .append("COMMIT;\n");
            }
        }
        out.append('\n').append(table.unlockSql()).append(";\n");
        if (helpersUsed) {
            out.insert(helpersAt, helperDefinitions());
        }
        return out.toString();
    }

    /**
     * After the advisory lock (whose wait it must not bound): every later statement waits at most the DDL lock timeout
     * for a table lock, so that a script queued behind a long reader does not hold up every other reader for long.
     */
    static String lockTimeout(LockWaits waits) {
        return "-- Each statement waits at most " + Messages.duration(waits.timeout()) + " for a table lock held by "
                + "another session, then fails (psql does not retry: run the script again later).\n"
                + waits.setSessionSql() + ";\n";
    }

    /**
     * Comment, BEGIN, the history table's DDL when this is the script's first revision, and the guard that the
     * newest applied revision is the one at state {@code expected}.
     */
    private void revision(StringBuilder out, Chain chain, Migration migration, int expected, String title,
            boolean first) {
        out.append("\n-- ").append(title).append(": ").append(oneLine(migration.description())).append('\n');
        out.append("BEGIN;\n");
        if (first) {
            for (String ddl : table.createSql()) {
                out.append(ddl).append(";\n");
            }
        }
        String expectedRevision = expected == 0 ? null : chain.get(expected - 1).revision();
        out.append(table.guardScript(expectedRevision, title.toLowerCase(Locale.ROOT))).append(";\n");
    }

    /** The view steps' helpers, defined once for the script's session (see {@code StepHelpers}). */
    private static String helperDefinitions() {
        StringBuilder out = new StringBuilder("\n-- Helpers the view steps below call (temporary functions: they "
                + "end with the session).\n");
        for (String definition : StepHelpers.definitions()) {
            out.append(definition).append(";\n");
        }
        return out.toString();
    }

    /** The revision's statements; {@code applied}: the revisions applied when it starts. */
    private void run(Chain chain, int applied, Migration migration, boolean upgrade, StringBuilder out) {
        OfflineContext context = new OfflineContext(out, migration.revision(), !upgrade,
                () -> OnlineRunner.managedViews(chain, applied));
        try {
            if (upgrade) {
                migration.upgrade(context);
            } else {
                migration.downgrade(context);
            }
            context.finish();
        } catch (Exception e) {
            throw Messages.offlineRevisionFailed(migration, upgrade, e);
        }
        helpersUsed |= context.usedHelpers();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
