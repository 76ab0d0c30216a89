package dev.viewmigrate.runtime.internal.sqlite;

import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.VerifyReport.Finding;
import dev.viewmigrate.runtime.VerifyReport.Kind;
import dev.viewmigrate.runtime.internal.Chain;
import dev.viewmigrate.runtime.internal.ChainValidator;
import dev.viewmigrate.runtime.internal.ExpectedState;
import dev.viewmigrate.runtime.internal.HistoryTable;
import dev.viewmigrate.runtime.internal.UnifiedDiff;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code verify} on SQLite. SQLite keeps a view's {@code CREATE VIEW} statement in {@code sqlite_master} as it was
 * written (it rewrites it only when {@code ALTER TABLE ... RENAME} renames something it mentions), so a definition is
 * compared as text: the query after the view's {@code AS}, trimmed, line ends and trailing blanks normalised, with the
 * frozen query. Reports views missing, a table where a view should be, definitions that differ (with a unified diff),
 * and views the chain removed (or a pending revision creates) that exist.
 */
final class SqliteVerifier {
    private SqliteVerifier() {}

    /** A row of {@code sqlite_master}. */
    record LiveObject(String type, String name, String sql) {}

    static Map<String, LiveObject> live(Connection connection) throws SQLException {
        Map<String, LiveObject> live = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, name, sql FROM sqlite_master "
                        + "WHERE type IN ('view', 'table')")) {
            while (rows.next()) {
                LiveObject object = new LiveObject(rows.getString(1), rows.getString(2), rows.getString(3));
                live.put(SqliteText.key(object.name()), object);
            }
        }
        return live;
    }

    static VerifyReport verify(Connection connection, Chain chain, SqliteHistory history) throws SQLException {
        HistoryTable.Contents contents = history.read(connection);
        List<Finding> findings = new ArrayList<>();
        boolean unknown = false;
        for (ChainValidator.Problem problem : ChainValidator.problems(chain, history.named(), contents.applied())) {
            boolean structural = problem.code() == ErrorCode.UNKNOWN_APPLIED_REVISION;
            unknown |= structural;
            findings.add(new Finding(structural ? Kind.UNKNOWN_REVISION : Kind.CHECKSUM_MISMATCH, Optional.empty(),
                    problem.message(), Optional.empty()));
        }
        int applied = contents.applied().size();
        Optional<String> revision = applied == 0 ? Optional.empty()
                : Optional.of(contents.applied().get(applied - 1).revision());
        if (unknown) {
            return new VerifyReport(revision, 0, findings);
        }
        ExpectedState state = ExpectedState.at(chain, applied);
        findings.addAll(viewFindings(connection, state));
        return new VerifyReport(revision, state.views().size(), findings);
    }

    /** The differences between the live views and the state: what verify and stamp's check report. */
    static List<Finding> viewFindings(Connection connection, ExpectedState state) throws SQLException {
        Map<String, LiveObject> live = live(connection);
        List<Finding> findings = new ArrayList<>();
        for (ExpectedState.ExpectedView expected : state.views().values()) {
            FrozenView view = expected.view();
            String where = Chain.describe(expected.setBy());
            LiveObject object = live.get(SqliteText.key(view.name().name()));
            if (object == null) {
                findings.add(new Finding(Kind.MISSING_VIEW, Optional.of(expected.name()), "View " + expected.name()
                        + " does not exist, but " + where + " defines it. It was dropped outside viewmigrate. "
                        + "Recreate it with its frozen SQL (the CREATE VIEW of that revision), or restore the "
                        + "database from a backup.", Optional.empty()));
            } else if (!object.type().equals("view")) {
                findings.add(new Finding(Kind.WRONG_KIND, Optional.of(expected.name()), expected.name() + " is a "
                        + object.type() + ", but " + where + " defines a view of that name. Rename or drop the "
                        + object.type() + ", then recreate the view with its frozen SQL.", Optional.empty()));
            } else {
                String frozen = SqliteText.normalise(view.sql());
                String actual = SqliteText.viewQuery(object.sql() == null ? "" : object.sql());
                if (!frozen.equals(actual)) {
                    String diff = UnifiedDiff.of(expected.name() + " (" + where + ")", frozen + "\n",
                            expected.name() + " (database)", actual + "\n");
                    findings.add(new Finding(Kind.DEFINITION_CHANGED, Optional.of(expected.name()), "View "
                            + expected.name() + " differs from its frozen definition (" + where + "): it was "
                            + "changed outside viewmigrate, or an ALTER TABLE ... RENAME rewrote it. If the change "
                            + "is wanted, put it in the @View and compile (a new revision recreates the view); "
                            + "otherwise recreate the view with its frozen SQL.", Optional.of(diff)));
                }
            }
        }
        for (ExpectedState.Mention mention : state.elsewhere().values()) {
            LiveObject object = live.get(SqliteText.key(mention.view().name()));
            if (object != null && object.type().equals("view")) {
                findings.add(new Finding(Kind.UNEXPECTED_VIEW, Optional.of(mention.name()), "View " + mention.name()
                        + " exists, but the applied revisions do not define it (" + mention.reason() + "). Drop it"
                        + (mention.pending() ? " so that upgrade can create it" : "") + ", or, if it should stay, "
                        + "declare it with @View.", Optional.empty()));
            }
        }
        return findings;
    }
}
