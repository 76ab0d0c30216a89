package dev.viewmigrate.test;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.ViewMigrator;
import dev.viewmigrate.test.TestTarget.Catalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The database the checks of one run share, and the checks themselves. Checks run in chain order on one database;
 * after a failure the next check starts from a fresh database brought to the revision it needs, so that one broken
 * revision (which may leave anything behind) does not make the following ones fail too.
 */
final class Session implements AutoCloseable {
    private final ViewMigrationTests settings;
    private final List<Migration> chain;
    /** Positions (1-based) whose upgrade failed in their own check: later checks that need them are skipped. */
    private final Set<Integer> failedUpgrades = new HashSet<>();

    private TestTarget database;
    private ViewMigrator migrator;
    /** The catalog of the fresh database after setup, before revision 1. */
    private Catalog base;
    private boolean dirty;
    /** Set when the user's setup failed: it fails the same way on every fresh database, so report it once. */
    private boolean setupFailed;

    Session(ViewMigrationTests settings, List<Migration> chain) {
        this.settings = settings;
        this.chain = List.copyOf(chain);
    }

    /** Runs one check; any failure leaves the database in an unknown state, so the next check starts afresh. */
    void check(Executable body) throws Throwable {
        try {
            body.execute();
        } catch (TestAbortedException e) {
            throw e;
        } catch (Throwable e) {
            dirty = true;
            throw e;
        }
    }

    void roundTrip(int position) throws SQLException {
        Migration migration = chain.get(position - 1);
        String label = ChainChecks.label(migration);
        String revision = migration.revision();
        String previous = position == 1 ? "base" : chain.get(position - 2).revision();
        String previousLabel = position == 1 ? "base (no revision applied)" : "revision " + previous;
        prepare(position - 1, label);

        Catalog before = snapshot();
        try {
            migrator.upgrade(revision);
        } catch (RuntimeException e) {
            failedUpgrades.add(position);
            throw failure(capitalize(label) + " does not upgrade from " + previousLabel + ". " + e.getMessage(), e);
        }
        Catalog after = snapshot();
        try {
            migrator.downgrade(previous);
        } catch (RuntimeException e) {
            throw failure(capitalize(label) + " upgrades, but its downgrade back to " + previousLabel + " fails. "
                    + e.getMessage(), e);
        }
        Catalog restored = snapshot();
        if (!before.equals(restored)) {
            throw difference(capitalize(label) + ": the downgrade does not restore the database as it was before "
                    + "the revision (it must undo exactly what the upgrade did; fix the downgrade)", before, restored,
                    "before revision " + revision, "after its downgrade");
        }
        try {
            migrator.upgrade(revision);
        } catch (RuntimeException e) {
            throw failure(capitalize(label) + " upgrades and downgrades, but upgrading it again after the downgrade "
                    + "fails: the downgrade leaves something behind that the upgrade trips over. " + e.getMessage(), e);
        }
        Catalog again = snapshot();
        if (!after.equals(again)) {
            throw difference(capitalize(label) + ": upgrading again after the downgrade does not give the database "
                    + "of the first upgrade (the downgrade leaves something behind that the upgrade does not "
                    + "recreate, e.g. a grant, comment or index)", after, again, "after the first upgrade",
                    "after the second upgrade");
        }
    }

    void verifyHead() throws SQLException {
        Migration head = chain.get(chain.size() - 1);
        prepare(chain.size(), "head");
        VerifyReport report = migrator.verify();
        FrozenHead frozen = FrozenHead.fold(chain);
        if (!report.clean()) {
            StringBuilder message = new StringBuilder("At head (" + ChainChecks.label(head) + "), the live "
                    + "database does not match the frozen @View definitions: ");
            message.append(report.findings().size()).append(report.findings().size() == 1 ? " finding" : " findings");
            for (VerifyReport.Finding finding : report.findings()) {
                message.append("\n- ").append(finding.message());
                finding.diff().ifPresent(diff -> message.append("\n").append(diff.stripTrailing().indent(4)
                        .stripTrailing()));
            }
            throw new AssertionFailedError(message.toString());
        }
        if (report.viewsChecked() != frozen.views().size()) {
            throw new AssertionFailedError("At head (" + ChainChecks.label(head) + "), verify compared "
                    + report.viewsChecked() + " views, but the revisions' frozen views add up to "
                    + frozen.views().size() + " " + frozen.views().keySet() + ". The generated migrations and the "
                    + "runtime disagree: build them from the same viewmigrate version.");
        }
    }

    void downgradeAll() throws SQLException {
        prepare(chain.size(), "the downgrade to base");
        try {
            migrator.downgrade("base");
        } catch (RuntimeException e) {
            throw failure("Downgrading from head (" + ChainChecks.label(chain.get(chain.size() - 1)) + ") to base "
                    + "in one run fails. " + e.getMessage(), e);
        }
        Catalog now = snapshot();
        if (!base.equals(now)) {
            throw difference("Downgrading from head to base in one run does not restore the database as it was "
                    + "before revision " + chain.get(0).revision(), base, now, "before revision " + chain.get(0)
                    .revision(), "after downgrade to base");
        }
    }

    /**
     * Brings the database to {@code applied} revisions (0: base), on a fresh database when there is none yet or
     * the last check failed. Skips the check ({@link TestAbortedException}) when that needs a revision whose upgrade
     * already failed in its own check: that failure is the one to fix.
     */
    private void prepare(int applied, String what) throws SQLException {
        if (setupFailed) {
            throw new TestAbortedException("Skipped: the setup of the test database failed (see the first failing "
                    + "test).");
        }
        for (int position = 1; position <= applied; position++) {
            if (failedUpgrades.contains(position)) {
                throw new TestAbortedException("Skipped: " + what + " needs " + ChainChecks.label(chain.get(
                        position - 1)) + ", whose upgrade failed (see its own test).");
            }
        }
        if (database == null || dirty) {
            reset();
        }
        int current = currentPosition();
        if (current == applied) {
            return;
        }
        String target = applied == 0 ? "base" : chain.get(applied - 1).revision();
        try {
            if (current < applied) {
                migrator.upgrade(target);
            } else {
                migrator.downgrade(target);
            }
        } catch (RuntimeException e) {
            dirty = true;
            throw failure("Could not bring the database from " + positionLabel(current) + " to "
                    + positionLabel(applied) + ", which " + what + " starts from. " + e.getMessage(), e);
        }
    }

    private int currentPosition() {
        Optional<AppliedRevision> current = migrator.current();
        if (current.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).revision().equals(current.get().revision())) {
                return i + 1;
            }
        }
        throw new IllegalStateException("The test database is at revision " + current.get().revision()
                + ", which the chain does not hold");
    }

    private String positionLabel(int position) {
        return position == 0 ? "base" : ChainChecks.label(chain.get(position - 1));
    }

    private void reset() throws SQLException {
        close();
        dirty = true;
        // A SQLite chain runs on a temporary database file, a PostgreSQL one on a fresh database.
        database = TestTarget.isSqlite(chain) ? TestTarget.sqlite(settings)
                : TestTarget.postgres(settings.createDatabase(), settings);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(true);
            settings.setUp(connection);
        } catch (Exception e) {
            setupFailed = true;
            throw failure("The setup of a fresh test database failed (setupSql() or setUp(Connection) of "
                    + settings.getClass().getName() + "): " + e.getMessage() + ". Fix the setup: it runs before "
                    + "revision 1 on an empty database.", e);
        }
        migrator = database.attach(settings.configuredMigrator()).build();
        base = snapshot();
        dirty = false;
    }

    private Catalog snapshot() throws SQLException {
        return database.snapshot();
    }

    private static AssertionFailedError failure(String message, Throwable cause) {
        return new AssertionFailedError(message, cause);
    }

    private static AssertionFailedError difference(String what, Catalog expected, Catalog actual,
            String expectedLabel, String actualLabel) {
        int count = expected.differenceCount(actual);
        return new AssertionFailedError(what + ". " + count + (count == 1 ? " object differs" : " objects differ")
                + ":\n" + expected.diff(actual, expectedLabel, actualLabel).stripTrailing(), expected.toString(),
                actual.toString());
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @Override
    public void close() {
        TestTarget open = database;
        database = null;
        migrator = null;
        if (open != null) {
            open.close();
        }
    }
}
