package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.FrozenView;
import dev.viewmigrate.runtime.FrozenIndex;
import dev.viewmigrate.runtime.internal.steps.ViewDdl;
import dev.viewmigrate.runtime.VerifyReport;
import dev.viewmigrate.runtime.VerifyReport.Finding;
import dev.viewmigrate.runtime.VerifyReport.Kind;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewMigrateException.ErrorCode;
import dev.viewmigrate.runtime.internal.ExpectedState.ExpectedView;
import dev.viewmigrate.runtime.internal.ExpectedState.Mention;
import dev.viewmigrate.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compares the live database with what the applied revisions say it holds, without changing it.
 *
 * <p>Definitions are never compared as text written by people: PostgreSQL stores a view as a parsed query and prints
 * it back normalised (keywords, aliases, casts, parentheses, qualification). So the frozen SQL is created again as a
 * temporary view, on the same connection (same search_path, so its unqualified names resolve to the same relations
 * as when the migration created the real view), and the two {@code pg_get_viewdef} outputs are compared. A
 * materialized view's declared indexes are created the same way on a temporary {@code WITH NO DATA} copy and
 * compared by their {@code pg_get_indexdef}. All of it happens in one transaction that is always rolled back;
 * temporary objects need only the TEMPORARY privilege that every user has by default, and are invisible to other
 * sessions.
 */
public final class Verifier {
    private static final String SCRATCH = "viewmigrate_verify_";
    /** The processor writes an index column that is a plain name as an identifier, anything else verbatim. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String READ_ONLY_TRANSACTION = "25006";

    private final ConnectionSource connections;
    private final HistoryTable table;

    public Verifier(ConnectionSource connections, HistoryTable table) {
        this.connections = connections;
        this.table = table;
    }

    public VerifyReport verify(Chain chain) {
        // inAutoCommit rolls back a transaction left open: the scratch work is never committed, whatever happened.
        return connections.inAutoCommit(connection -> verifyOn(connection, chain),
                e -> Messages.connectionLost(connections.describe(), " during verify", e,
                        "Nothing was changed; check the server and the network, then run verify again."));
    }

    private VerifyReport verifyOn(Connection connection, Chain chain) throws SQLException {
        // In autocommit: a missing history table must not abort a transaction.
        List<AppliedRevision> applied = table.read(connection).applied();
        int current = applied.size();
        // From the history, not the chain: an applied revision may be one the chain does not have.
        Optional<String> revision = current == 0 ? Optional.empty()
                : Optional.of(applied.get(current - 1).revision());
        List<Finding> history = new ArrayList<>();
        boolean structural = false;
        for (ChainValidator.Problem problem : ChainValidator.problems(chain, table, applied)) {
            boolean checksum = problem.code() == ErrorCode.CHECKSUM_MISMATCH;
            structural |= !checksum;
            history.add(new Finding(checksum ? Kind.CHECKSUM_MISMATCH : Kind.UNKNOWN_REVISION, Optional.empty(),
                    problem.message(), Optional.empty()));
        }
        if (structural) {
            // Which revisions are applied is not known, so neither is which views to expect.
            return new VerifyReport(revision, 0, history);
        }
        return compareAt(connection, chain, current, revision, history);
    }

    /**
     * Stamp's hook: compares the live views with state {@code position} of the chain (its first {@code position}
     * revisions applied), whatever the history says. Leaves the connection with autocommit off and nothing pending.
     */
    public VerifyReport verifyAt(Connection connection, Chain chain, int position) throws SQLException {
        return compareAt(connection, chain, position,
                position == 0 ? Optional.empty() : Optional.of(chain.get(position - 1).revision()), List.of());
    }

    private VerifyReport compareAt(Connection connection, Chain chain, int current, Optional<String> revision,
            List<Finding> history) throws SQLException {
        ExpectedState state = ExpectedState.at(chain, current);
        List<Finding> findings = new ArrayList<>();

        List<LiveCatalog.Key> keys = new ArrayList<>();
        state.views().values().forEach(v -> keys.add(LiveCatalog.Key.of(v.view())));
        state.elsewhere().values().forEach(m -> keys.add(m.key()));
        Map<LiveCatalog.Key, LiveCatalog.Relation> live = LiveCatalog.find(connection, keys);

        List<ExpectedView> comparable = new ArrayList<>();
        for (ExpectedView expected : state.views().values()) {
            LiveCatalog.Relation relation = live.get(LiveCatalog.Key.of(expected.view()));
            if (relation == null) {
                findings.add(missing(expected));
                continue;
            }
            boolean materialized = expected.view().materialized();
            if (relation.isView() || relation.isMaterializedView()) {
                if (relation.isMaterializedView() != materialized) {
                    findings.add(wrongKind(expected, relation));
                }
                comparable.add(expected);
            } else {
                findings.add(wrongKind(expected, relation));
            }
        }
        for (Mention mention : state.elsewhere().values()) {
            LiveCatalog.Relation relation = live.get(mention.key());
            // Any relation blocks a pending CREATE VIEW; a removed view only matters if a view came back.
            if (relation != null && (mention.pending() || relation.isView() || relation.isMaterializedView())) {
                findings.add(unexpected(mention, relation));
            }
        }
        compare(connection, comparable, live, findings);

        findings.sort(Comparator.comparing((Finding f) -> f.view().orElse(""))
                .thenComparing(Finding::kind));
        List<Finding> all = new ArrayList<>(history);
        all.addAll(findings);
        return new VerifyReport(revision, state.views().size(), all);
    }

    /** Definitions and indexes, in one transaction that the caller rolls back. */
    private static void compare(Connection connection, List<ExpectedView> views,
            Map<LiveCatalog.Key, LiveCatalog.Relation> live, List<Finding> findings) throws SQLException {
        if (views.isEmpty()) {
            return;
        }
        Map<Long, List<LiveCatalog.Index>> indexes = LiveCatalog.indexes(connection, views.stream()
                .map(v -> live.get(LiveCatalog.Key.of(v.view())))
                .filter(LiveCatalog.Relation::isMaterializedView)
                .map(LiveCatalog.Relation::oid)
                .toList());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement definitions = connection.prepareStatement(
                        "SELECT pg_get_viewdef(?::regclass, true), pg_get_viewdef(?::oid, true)");
                PreparedStatement indexDefinition = connection.prepareStatement(
                        "SELECT pg_get_indexdef(?::regclass)")) {
            // Frozen SQL goes to the server verbatim, as the migration sent it.
            statement.setEscapeProcessing(false);
            for (int i = 0; i < views.size(); i++) {
                ExpectedView expected = views.get(i);
                LiveCatalog.Relation relation = live.get(LiveCatalog.Key.of(expected.view()));
                String scratch = SCRATCH + (i + 1);
                statement.execute("SAVEPOINT " + SCRATCH + "view");
                try {
                    statement.execute("CREATE TEMPORARY VIEW " + scratch + " AS\n" + expected.view().sql());
                } catch (SQLException e) {
                    statement.execute("ROLLBACK TO SAVEPOINT " + SCRATCH + "view");
                    refuseWhenNotAllowed(e, expected);
                    findings.add(fails(expected, e));
                    if (relation.isMaterializedView() && expected.view().materialized()) {
                        // The declared shapes cannot be rebuilt, but missing and extra names are still known.
                        compareIndexNames(expected, relation, indexes.get(relation.oid()), findings);
                    }
                    continue;
                }
                definitions.setString(1, "pg_temp." + scratch);
                definitions.setLong(2, relation.oid());
                try (ResultSet row = definitions.executeQuery()) {
                    row.next();
                    String frozen = row.getString(1);
                    String actual = row.getString(2);
                    if (!frozen.equals(actual)) {
                        findings.add(changed(expected, frozen, actual));
                    }
                }
                compareOptionsAndComment(expected, relation, findings);
                if (relation.isMaterializedView() && expected.view().materialized()) {
                    Map<String, String> declaredShapes = declaredShapes(statement, indexDefinition, expected, scratch);
                    compareIndexes(expected, relation, indexes.get(relation.oid()), declaredShapes, findings);
                }
                statement.execute("RELEASE SAVEPOINT " + SCRATCH + "view");
            }
        } finally {
            connection.rollback();
        }
    }

    /**
     * The shape ({@link LiveCatalog#shape}) of each declared index, built on a temporary copy of the view's columns:
     * PostgreSQL normalises the column list and expressions exactly as it did for the real index. An index that
     * cannot be built maps to null.
     */
    private static Map<String, String> declaredShapes(Statement statement, PreparedStatement indexDefinition,
            ExpectedView expected, String scratch) throws SQLException {
        Map<String, String> shapes = new HashMap<>();
        List<FrozenIndex> declared = expected.view().indexes();
        if (declared.isEmpty()) {
            return shapes;
        }
        String copy = scratch + "_columns";
        statement.execute("SAVEPOINT " + SCRATCH + "index");
        try {
            statement.execute("CREATE TEMPORARY TABLE " + copy + " AS\n" + expected.view().sql() + "\nWITH NO DATA");
            statement.execute("RELEASE SAVEPOINT " + SCRATCH + "index");
        } catch (SQLException e) {
            // Only uniqueness and names can be compared then.
            statement.execute("ROLLBACK TO SAVEPOINT " + SCRATCH + "index");
            return shapes;
        }
        for (int j = 0; j < declared.size(); j++) {
            FrozenIndex index = declared.get(j);
            String name = scratch + "_index_" + (j + 1);
            statement.execute("SAVEPOINT " + SCRATCH + "index");
            try {
                statement.execute(ViewDdl.createIndex(index, name, "pg_temp." + copy));
                indexDefinition.setString(1, "pg_temp." + name);
                try (ResultSet row = indexDefinition.executeQuery()) {
                    row.next();
                    shapes.put(index.name(), LiveCatalog.shape(row.getString(1),
                            index.method().isEmpty() ? "btree" : index.method().toLowerCase(Locale.ROOT)));
                }
                statement.execute("RELEASE SAVEPOINT " + SCRATCH + "index");
            } catch (SQLException e) {
                statement.execute("ROLLBACK TO SAVEPOINT " + SCRATCH + "index");
                shapes.put(index.name(), null);
            }
        }
        return shapes;
    }

    /**
     * Declared options must be set with the declared values (booleans compared as PostgreSQL reads them: on/true/1);
     * a declared comment must be the view's comment. Options and comments that are not declared (set by hand) are
     * kept by every recreation, like grants, and are not drift.
     */
    private static void compareOptionsAndComment(ExpectedView expected, LiveCatalog.Relation relation,
            List<Finding> findings) {
        Map<String, String> declared = ViewDdl.optionMap(expected.view().options());
        Map<String, String> live = ViewDdl.optionMap(relation.options());
        List<String> differences = new ArrayList<>();
        declared.forEach((name, value) -> {
            String actual = live.get(name);
            if (actual == null) {
                differences.add(name + " is not set (declared " + value + ")");
            } else if (!sameOptionValue(value, actual)) {
                differences.add(name + " is " + actual + " (declared " + value + ")");
            }
        });
        if (!differences.isEmpty()) {
            findings.add(new Finding(Kind.OPTIONS_CHANGED, Optional.of(expected.name()), "The options of "
                    + kind(expected.view()).toLowerCase(Locale.ROOT) + " " + expected.name() + " differ from those "
                    + Chain.describe(expected.setBy()) + " declares: " + String.join("; ", differences) + ". They were "
                    + "changed outside viewmigrate (ALTER VIEW ... SET/RESET). Set them back with ALTER "
                    + ViewDdl.kind(expected.view()) + " " + relation.sqlName() + " SET (" + String.join(", ",
                            expected.view().options()) + "), or declare the new values in @View(options) and "
                    + "compile.", Optional.empty()));
        }
        Optional<String> comment = expected.view().comment();
        if (comment.isPresent() && !comment.get().equals(relation.comment())) {
            findings.add(new Finding(Kind.COMMENT_CHANGED, Optional.of(expected.name()), "The comment of "
                    + kind(expected.view()).toLowerCase(Locale.ROOT) + " " + expected.name() + " is "
                    + (relation.comment() == null ? "not set" : "'" + relation.comment() + "'") + " where "
                    + Chain.describe(expected.setBy()) + " declares '" + comment.get() + "'. It was changed outside "
                    + "viewmigrate (COMMENT ON). Set it back, or declare the new text in @View(comment) and compile.",
                    Optional.empty()));
        }
    }

    private static boolean sameOptionValue(String declared, String actual) {
        Boolean a = bool(declared);
        Boolean b = bool(actual);
        return a != null && b != null ? a.equals(b) : declared.equalsIgnoreCase(actual);
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> Boolean.TRUE;
            case "false", "off", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static void compareIndexes(ExpectedView expected, LiveCatalog.Relation relation,
            List<LiveCatalog.Index> actual, Map<String, String> declaredShapes, List<Finding> findings) {
        Map<String, LiveCatalog.Index> byName = new HashMap<>();
        actual.forEach(index -> byName.put(index.name(), index));
        for (FrozenIndex index : expected.view().indexes()) {
            LiveCatalog.Index found = byName.get(index.name());
            if (found == null) {
                findings.add(missingIndex(expected, relation, index));
                continue;
            }
            String shape = declaredShapes.get(index.name());
            boolean same = found.unique() == index.unique() && found.valid()
                    && (shape == null || shape.equals(found.shape()));
            if (!same) {
                findings.add(changedIndex(expected, relation, index, found, shape));
            }
        }
        extraIndexes(expected, actual, findings);
    }

    private static void compareIndexNames(ExpectedView expected, LiveCatalog.Relation relation,
            List<LiveCatalog.Index> actual, List<Finding> findings) {
        Set<String> names = new HashSet<>();
        actual.forEach(index -> names.add(index.name()));
        for (FrozenIndex index : expected.view().indexes()) {
            if (!names.contains(index.name())) {
                findings.add(missingIndex(expected, relation, index));
            }
        }
        extraIndexes(expected, actual, findings);
    }

    private static void extraIndexes(ExpectedView expected, List<LiveCatalog.Index> actual, List<Finding> findings) {
        Set<String> declared = new HashSet<>();
        expected.view().indexes().forEach(index -> declared.add(index.name()));
        for (LiveCatalog.Index index : actual) {
            if (!declared.contains(index.name())) {
                findings.add(new Finding(Kind.EXTRA_INDEX, Optional.of(expected.name()), "Index " + index.name()
                        + " on materialized view " + expected.name() + " is not declared by the revisions ("
                        + index.definition() + "). A revision that recreates the view will not recreate it. Declare "
                        + "it with @View.Index on the view's class (and compile: the new revision takes it over), or "
                        + "drop it.", Optional.empty()));
            }
        }
    }

    private static Finding missing(ExpectedView expected) {
        FrozenView view = expected.view();
        return new Finding(Kind.MISSING_VIEW, Optional.of(expected.name()), kind(view) + " " + expected.name()
                + " does not exist, but " + Chain.describe(expected.setBy()) + " defines it. It was dropped outside "
                + "viewmigrate. Recreate it with its frozen SQL (the CREATE statements of that revision's generated "
                + "migration" + (view.materialized() ? ", indexes included" : "") + "), or restore it from a backup.",
                Optional.empty());
    }

    private static Finding wrongKind(ExpectedView expected, LiveCatalog.Relation relation) {
        return new Finding(Kind.WRONG_KIND, Optional.of(expected.name()), expected.name() + " should be "
                + (expected.view().materialized() ? "a materialized view" : "a plain view") + " ("
                + Chain.describe(expected.setBy()) + ") but is " + relation.kindDescription() + " in the database. "
                + "Drop it and recreate it with the frozen SQL of that revision.", Optional.empty());
    }

    private static Finding unexpected(Mention mention, LiveCatalog.Relation relation) {
        String message = relation.sqlName() + " is " + relation.kindDescription() + " that the applied revisions "
                + "do not define: " + mention.reason() + ". ";
        message += mention.pending() ? "Drop or rename it before upgrading (or remove the view from the code)."
                : "It was recreated by hand, or its drop was undone: drop it, or declare it again with @View so that "
                        + "a revision manages it.";
        return new Finding(Kind.UNEXPECTED_VIEW, Optional.of(mention.name()), message, Optional.empty());
    }

    private static Finding changed(ExpectedView expected, String frozen, String actual) {
        String label = expected.name();
        String diff = UnifiedDiff.of(label + " (" + Chain.describe(expected.setBy()) + ")", frozen,
                label + " (database)", actual);
        return new Finding(Kind.DEFINITION_CHANGED, Optional.of(label), "The definition of "
                + kind(expected.view()).toLowerCase(Locale.ROOT) + " " + label + " differs from the one "
                + Chain.describe(expected.setBy()) + " froze (compared as PostgreSQL prints both). Either it was "
                + "changed outside viewmigrate (e.g. by CREATE OR REPLACE VIEW), or it reads another view with * and "
                + "was created before that view gained columns (PostgreSQL expands * once, at creation). Either put "
                + "the change into the @View's SQL and compile (a new revision records it), or restore the frozen "
                + "definition by running that revision's CREATE statement again.", Optional.of(diff));
    }

    private static Finding fails(ExpectedView expected, SQLException e) {
        return new Finding(Kind.DEFINITION_FAILS, Optional.of(expected.name()), "The frozen definition of "
                + kind(expected.view()).toLowerCase(Locale.ROOT) + " " + expected.name() + " ("
                + Chain.describe(expected.setBy()) + ") can no longer be created in this database: " + postgres(e)
                + ". Something it reads was changed outside its revisions, so the definitions could not be compared "
                + "and recreating the view (a downgrade, a later revision) would fail the same way. Restore what it "
                + "reads, or change the view's SQL to match and compile.", Optional.empty());
    }

    private static Finding missingIndex(ExpectedView expected, LiveCatalog.Relation relation, FrozenIndex index) {
        return new Finding(Kind.MISSING_INDEX, Optional.of(expected.name()), "Index " + index.name() + " declared on "
                + "materialized view " + expected.name() + " (" + Chain.describe(expected.setBy()) + ") does not "
                + "exist" + (index.unique() ? "; without it, refresh --concurrently is refused" : "") + ". Recreate "
                + "it: " + ViewDdl.createIndex(index, Identifiers.quote(index.name()), relation.sqlName()) + ";", Optional.empty());
    }

    private static Finding changedIndex(ExpectedView expected, LiveCatalog.Relation relation, FrozenIndex index,
            LiveCatalog.Index found, String declaredShape) {
        String declared = ViewDdl.createIndex(index, Identifiers.quote(index.name()), relation.sqlName());
        List<String> why = new ArrayList<>();
        if (found.unique() != index.unique()) {
            why.add(index.unique() ? "it is not unique" : "it is unique");
        }
        if (!found.valid()) {
            why.add("it is not valid (a failed CREATE INDEX CONCURRENTLY)");
        }
        if (declaredShape != null && !declaredShape.equals(found.shape())) {
            why.add("it is '" + found.shape() + "' where the declaration gives '" + declaredShape + "'");
        }
        return new Finding(Kind.CHANGED_INDEX, Optional.of(expected.name()), "Index " + index.name() + " on "
                + "materialized view " + expected.name() + " differs from its declaration in "
                + Chain.describe(expected.setBy()) + ": " + String.join("; ", why) + ". Database: "
                + found.definition() + ". Declared: " + declared + ". Drop it and create it as declared.",
                Optional.empty());
    }

    /**
     * Failures that are about this user and session, not about a view: verify cannot work at all, and reporting the
     * same refusal once per view would hide that.
     */
    private static void refuseWhenNotAllowed(SQLException e, ExpectedView expected) {
        String state = e.getSQLState();
        boolean temporary = INSUFFICIENT_PRIVILEGE.equals(state)
                && String.valueOf(e.getMessage()).contains("temporary");
        if (temporary || READ_ONLY_TRANSACTION.equals(state)) {
            throw new ViewMigrateException(ErrorCode.VERIFY_FAILED, "verify could not create its temporary copy of "
                    + expected.name() + " to compare definitions: " + postgres(e) + ". Nothing was changed. verify "
                    + "creates temporary views in a transaction it always rolls back; it needs the TEMPORARY privilege "
                    + "on the database (GRANT TEMPORARY ON DATABASE ... TO the user) and a writable session (not a "
                    + "hot standby, default_transaction_read_only off).", e);
        }
    }

    private static String postgres(SQLException e) {
        return "PostgreSQL: " + Messages.postgres(e);
    }

    private static String kind(FrozenView view) {
        return view.materialized() ? "Materialized view" : "View";
    }
}
