package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.AppliedRevision;
import dev.viewmigrate.runtime.MigrationListener;
import dev.viewmigrate.runtime.RefreshOptions;
import dev.viewmigrate.runtime.RefreshResult;
import dev.viewmigrate.runtime.RefreshResult.RefreshedView;
import dev.viewmigrate.runtime.ViewMigrateException;
import dev.viewmigrate.runtime.ViewName;
import dev.viewmigrate.runtime.internal.ExpectedState.ExpectedView;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refreshes the managed materialized views of the applied revisions in dependency order.
 *
 * <p>Everything that can be known before running is checked first, and reported all at once, so that a refusal
 * never leaves half the views refreshed: the names asked for, that every view exists as a materialized view, and for
 * {@code CONCURRENTLY} that every view is populated and has a unique index PostgreSQL can use.
 *
 * <p>Each view is refreshed in its own transaction, waiting at most the DDL lock timeout for the view's lock and
 * retried when it timed out ({@link LockWaits#execute}). A plain {@code REFRESH} holds an
 * {@code ACCESS EXCLUSIVE} lock that blocks every reader of the view until its transaction ends: one transaction for
 * all views would keep the first view unreadable until the last one is done. A refreshed view is complete and
 * consistent on its own, so committing it right away loses nothing; a failure leaves the views before it refreshed
 * and the others as they were. No advisory lock: a refresh may take long and must not hold up deploys, and
 * PostgreSQL's own locks already order a refresh with a migration that drops or recreates the same view.
 */
public final class Refresher {
    private final ConnectionSource connections;
    private final HistoryTable table;
    private final MigrationListener listener;
    private final LockWaits waits;

    public Refresher(ConnectionSource connections, HistoryTable table, MigrationListener listener) {
        this(connections, table, listener, new LockWaits(Duration.ofSeconds(10), 3));
    }

    /** {@code waits}: each REFRESH waits at most its timeout for the view's lock, and is retried (see LockWaits). */
    public Refresher(ConnectionSource connections, HistoryTable table, MigrationListener listener, LockWaits waits) {
        this.connections = connections;
        this.table = table;
        this.listener = listener;
        this.waits = waits;
    }

    public RefreshResult refresh(Chain chain, RefreshOptions options) {
        long started = System.nanoTime();
        return connections.inAutoCommit(connection -> refreshOn(connection, chain, options, started),
                e -> Messages.connectionLost(connections.describe(), "", e, "Check the server and the network, then "
                        + "run refresh again: every view it reported as refreshed is committed."));
    }

    private RefreshResult refreshOn(Connection connection, Chain chain, RefreshOptions options, long started)
            throws SQLException {
        List<AppliedRevision> applied = table.read(connection).applied();
        ChainValidator.check(chain, table, applied, "Refusing to refresh, nothing was refreshed: ");
        int current = applied.size();
        // From the history, not the chain: an applied revision may be one the chain does not have.
        Optional<String> revision = current == 0 ? Optional.empty()
                : Optional.of(applied.get(current - 1).revision());
        String at = current == 0 ? "the database is at base"
                : "the database is at revision " + chain.stateName(current);
        ExpectedState state = ExpectedState.at(chain, current);

        boolean cascade = options.cascade() && !options.views().isEmpty();
        List<ExpectedView> named = select(connection, state, options.views(), at, cascade);
        if (named.isEmpty()) {
            return new RefreshResult(revision, options.concurrently(), List.of(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
        Map<ExpectedView, LiveCatalog.Relation> live = locate(connection, named, at);
        Set<String> cascaded = new HashSet<>();
        if (cascade) {
            cascaded.addAll(cascade(connection, state, named, live));
        }
        List<ExpectedView> selected = new ArrayList<>(named.stream().filter(v -> v.view().materialized()).toList());
        state.materialized().stream().filter(v -> cascaded.contains(v.name())).forEach(selected::add);
        Map<ExpectedView, String> fallbacks = new HashMap<>();
        if (options.concurrently()) {
            List<String> problems = checkConcurrently(connection, selected, live, fallbacks);
            if (!options.wherePossible() && !problems.isEmpty()) {
                throw Messages.cannotRefreshConcurrently(problems);
            }
        }
        List<ExpectedView> order = dependencyOrder(connection, selected, live);

        List<RefreshedView> refreshed = new ArrayList<>(order.size());
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < order.size(); i++) {
                ExpectedView view = order.get(i);
                boolean concurrently = options.concurrently() && !fallbacks.containsKey(view);
                listener.beforeRefresh(view.name(), concurrently);
                long start = System.nanoTime();
                try {
                    waits.execute(connection, statement, "REFRESH MATERIALIZED VIEW "
                            + (concurrently ? "CONCURRENTLY " : "") + live.get(view).sqlName(),
                            "refresh of " + view.name(), listener);
                } catch (SQLException e) {
                    throw failed(view, e, refreshed, order.subList(i + 1, order.size()));
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                refreshed.add(new RefreshedView(view.name(), took, concurrently, cascaded.contains(view.name()),
                        Optional.ofNullable(fallbacks.get(view))));
                RuntimeLog.refreshed(view.name(), concurrently, took);
                listener.afterRefresh(view.name(), concurrently, took);
            }
        }
        return new RefreshResult(revision, options.concurrently(), refreshed,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The managed materialized views asked for (all of them for an empty list), each once. A name is {@code schema.name}
     * or a bare {@code name} (enough when only one managed materialized view has it), either part optionally in SQL's
     * double quotes ({@code "Sales Data"."Daily Totals"}, as psql shows it); a view the revisions leave unqualified is
     * also found under the schema it lives in ({@code public.a_ranks}).
     */
    private static List<ExpectedView> select(Connection connection, ExpectedState state, List<String> names,
            String at, boolean plainToo) throws SQLException {
        List<ExpectedView> managed = state.materialized();
        if (names.isEmpty()) {
            return managed;
        }
        Map<String, ExpectedView> selected = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String given : names) {
            ViewName name = parseName(given);
            ExpectedView exact = state.views().get(name);
            if (exact == null) {
                exact = unqualifiedIn(connection, state, name);
            }
            ExpectedView match = exact != null && (plainToo || exact.view().materialized()) ? exact : null;
            String note = exact != null && match == null
                    ? " (a plain view: only materialized views are refreshed; with cascade, the materialized views"
                            + " that read it are)" : "";
            if (exact == null) {
                // A bare name is enough when exactly one managed materialized view has it, whatever its schema.
                List<ExpectedView> bare = name.schema().isPresent() ? List.of() : managed.stream()
                        .filter(v -> v.view().name().name().equals(name.name())).toList();
                match = bare.size() == 1 ? bare.get(0) : null;
                if (bare.size() > 1) {
                    note = " (ambiguous: " + bare.stream().map(v -> typed(v.view().name()))
                            .collect(Collectors.joining(", "))
                            + "; qualify it with its schema)";
                }
            }
            if (match == null) {
                unknown.add("'" + given + "'" + note);
            } else {
                selected.putIfAbsent(match.name(), match);
            }
        }
        if (!unknown.isEmpty()) {
            String list = managed.isEmpty() ? "The applied revisions manage no materialized view (" + at + "), so "
                    + "there is nothing to refresh."
                    : "The managed materialized views are: " + managed.stream().map(v -> typed(v.view().name()))
                            .collect(Collectors.joining(", ")) + ". Name some of them, or none to refresh them all.";
            throw Messages.unknownViews(unknown, at, list);
        }
        return new ArrayList<>(selected.values());
    }

    /**
     * The view the revisions leave unqualified that {@code key}'s schema-qualified name denotes: its name, and the
     * schema it was created in (the connection's {@code current_schema()}, where {@link LiveCatalog#find} looks).
     */
    private static ExpectedView unqualifiedIn(Connection connection, ExpectedState state, ViewName name)
            throws SQLException {
        ExpectedView unqualified = name.schema().isEmpty() ? null : state.views().get(ViewName.of(name.name()));
        if (unqualified == null) {
            return null;
        }
        LiveCatalog.Relation relation = LiveCatalog.find(connection, List.of(LiveCatalog.Key.of(unqualified.view())))
                .get(LiveCatalog.Key.of(unqualified.view()));
        return relation != null && relation.schema().equals(name.schema().get()) ? unqualified : null;
    }

    /**
     * {@code name} as {@link #parseName} reads it back: {@code schema.name}, with a part in double quotes (inner ones
     * doubled) when it holds a dot or a quote ({@code "Odd ""Sch.ema"".M V}), so that every name a refusal lists can
     * be typed as it is shown.
     */
    static String typed(ViewName name) {
        return name.schema().map(schema -> typedPart(schema) + ".").orElse("") + typedPart(name.name());
    }

    private static String typedPart(String part) {
        return part.indexOf('.') < 0 && part.indexOf('"') < 0 ? part : "\"" + part.replace("\"", "\"\"") + "\"";
    }

    /**
     * A name as a user types it: {@code schema.name} or {@code name}, either part optionally in SQL's double quotes
     * ({@code "Sales Data"."Daily Totals"}, as psql shows it); a dot inside quotes belongs to the name.
     */
    static ViewName parseName(String given) {
        StringBuilder part = new StringBuilder();
        String schema = null;
        boolean quoted = false;
        for (int i = 0; i < given.length(); i++) {
            char c = given.charAt(i);
            if (c == '"' && quoted && i + 1 < given.length() && given.charAt(i + 1) == '"') {
                part.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted && schema == null) {
                schema = part.toString();
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return schema == null ? ViewName.of(part.toString()) : ViewName.of(schema, part.toString());
    }

    /** Each view's relation; refuses, naming every one, when a view is missing or is not a materialized view. */
    private static Map<ExpectedView, LiveCatalog.Relation> locate(Connection connection, List<ExpectedView> views,
            String at) throws SQLException {
        Map<LiveCatalog.Key, LiveCatalog.Relation> found = LiveCatalog.find(connection,
                views.stream().map(v -> LiveCatalog.Key.of(v.view())).toList());
        Map<ExpectedView, LiveCatalog.Relation> live = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ExpectedView view : views) {
            LiveCatalog.Relation relation = found.get(LiveCatalog.Key.of(view.view()));
            String what = "materialized view " + view.name() + " (from " + Chain.describe(view.setBy()) + ")";
            if (relation == null) {
                problems.add(what + " does not exist in the database");
            } else if (!view.view().materialized() && relation.kind() == 'v') {
                live.put(view, relation); // a plain view named with cascade: only its readers are refreshed
            } else if (!relation.isMaterializedView()) {
                problems.add(what + " is " + relation.kindDescription() + " in the database");
            } else {
                live.put(view, relation);
            }
        }
        if (!problems.isEmpty()) {
            throw Messages.refreshTargetsMissing(at, problems);
        }
        return live;
    }

    /**
     * The names of the managed materialized views, beyond {@code named}, that read one of {@code named} directly or
     * through other views (as {@code pg_depend} records it); their relations are added to {@code live}. A managed
     * view missing from the database is left out here: nothing can read it.
     */
    private static Set<String> cascade(Connection connection, ExpectedState state, List<ExpectedView> named,
            Map<ExpectedView, LiveCatalog.Relation> live) throws SQLException {
        Set<String> namedNames = new HashSet<>();
        named.forEach(v -> namedNames.add(v.name()));
        List<ExpectedView> others = state.materialized().stream().filter(v -> !namedNames.contains(v.name())).toList();
        Map<LiveCatalog.Key, LiveCatalog.Relation> found = LiveCatalog.find(connection,
                others.stream().map(v -> LiveCatalog.Key.of(v.view())).toList());
        Map<Long, ExpectedView> byOid = new HashMap<>();
        for (ExpectedView view : others) {
            LiveCatalog.Relation relation = found.get(LiveCatalog.Key.of(view.view()));
            if (relation != null && relation.isMaterializedView()) {
                byOid.put(relation.oid(), view);
            }
        }
        Set<Long> reached = new HashSet<>();
        named.forEach(v -> reached.add(live.get(v).oid()));
        Set<Long> all = new HashSet<>(reached);
        all.addAll(byOid.keySet());
        Map<Long, Set<Long>> reads = LiveCatalog.reads(connection, all);
        Set<String> cascaded = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, ExpectedView> candidate : byOid.entrySet()) {
                if (!reached.contains(candidate.getKey())
                        && reads.get(candidate.getKey()).stream().anyMatch(reached::contains)) {
                    reached.add(candidate.getKey());
                    cascaded.add(candidate.getValue().name());
                    live.put(candidate.getValue(), found.get(LiveCatalog.Key.of(candidate.getValue().view())));
                    grew = true;
                }
            }
        }
        return cascaded;
    }

    /**
     * CONCURRENTLY compares the new contents with the old row by row, which PostgreSQL only does for a populated view
     * with a unique index on plain columns; it refuses the statement otherwise. Checking first explains why, for
     * every such view at once, before anything is refreshed: the problems, one per view, and in {@code fallbacks}
     * each such view with the short reason a fallback to a plain refresh reports.
     */
    private static List<String> checkConcurrently(Connection connection, List<ExpectedView> views,
            Map<ExpectedView, LiveCatalog.Relation> live, Map<ExpectedView, String> fallbacks) throws SQLException {
        Map<Long, List<LiveCatalog.Index>> indexes = LiveCatalog.indexes(connection,
                views.stream().map(v -> live.get(v).oid()).toList());
        List<String> problems = new ArrayList<>();
        for (ExpectedView view : views) {
            LiveCatalog.Relation relation = live.get(view);
            List<LiveCatalog.Index> unique = indexes.get(relation.oid()).stream()
                    .filter(LiveCatalog.Index::unique).toList();
            if (unique.stream().noneMatch(LiveCatalog.Index::usableForConcurrentRefresh)) {
                String why = unique.isEmpty() ? "has no unique index"
                        : "has no unique index PostgreSQL can use (" + unique.stream().map(Refresher::unusable)
                                .collect(Collectors.joining("; ")) + ")";
                fallbacks.put(view, "it " + why);
                problems.add(view.name() + " " + why + ". REFRESH ... CONCURRENTLY needs a unique index on plain "
                        + "columns, without a WHERE clause. Declare one on the view's class, e.g. "
                        + "@View.Index(unique = true, columns = {\"id\"}) in @View(indexes = ...), with columns that "
                        + "identify a row, and compile to freeze a revision that adds it; or refresh this view "
                        + "without CONCURRENTLY");
            }
            if (!relation.populated()) {
                fallbacks.merge(view, "it was never populated (created WITH NO DATA)", (a, b) -> a + " and " + b);
                problems.add(view.name() + " has never been populated (created WITH NO DATA), and CONCURRENTLY only "
                        + "refreshes a populated view. Refresh it once without CONCURRENTLY (readers are blocked "
                        + "while it runs); later refreshes can be concurrent");
            }
        }
        return problems;
    }

    private static String unusable(LiveCatalog.Index index) {
        List<String> why = new ArrayList<>();
        if (index.partial()) {
            why.add("has a WHERE clause");
        }
        if (index.expression()) {
            why.add("indexes an expression");
        }
        if (!index.valid()) {
            why.add("is not valid (left by a failed CREATE INDEX CONCURRENTLY: REINDEX it)");
        }
        if (!index.immediate()) {
            why.add("is deferrable");
        }
        if (!index.method().equals("btree")) {
            why.add("is a " + index.method() + " index, not btree");
        }
        return index.name() + " " + String.join(" and ", why);
    }

    /**
     * Dependencies first: a view is refreshed after every selected view it reads, directly or through plain views,
     * as {@code pg_depend} records it. Ties (and unrelated views) go by name, so the order is always the same.
     */
    private static List<ExpectedView> dependencyOrder(Connection connection, List<ExpectedView> views,
            Map<ExpectedView, LiveCatalog.Relation> live) throws SQLException {
        Map<Long, ExpectedView> byOid = new HashMap<>();
        views.forEach(v -> byOid.put(live.get(v).oid(), v));
        Map<Long, Set<Long>> reads = LiveCatalog.reads(connection, byOid.keySet());
        Map<ExpectedView, Integer> waitingFor = new HashMap<>();
        Map<ExpectedView, List<ExpectedView>> readers = new HashMap<>();
        for (ExpectedView view : views) {
            Set<Long> dependencies = reads.get(live.get(view).oid());
            waitingFor.put(view, dependencies.size());
            for (long dependency : dependencies) {
                readers.computeIfAbsent(byOid.get(dependency), k -> new ArrayList<>()).add(view);
            }
        }
        TreeSet<ExpectedView> ready = new TreeSet<>(Comparator.comparing(ExpectedView::name));
        views.stream().filter(v -> waitingFor.get(v) == 0).forEach(ready::add);
        List<ExpectedView> order = new ArrayList<>(views.size());
        while (!ready.isEmpty()) {
            ExpectedView next = ready.pollFirst();
            order.add(next);
            for (ExpectedView reader : readers.getOrDefault(next, List.of())) {
                if (waitingFor.merge(reader, -1, Integer::sum) == 0) {
                    ready.add(reader);
                }
            }
        }
        if (order.size() != views.size()) {
            // PostgreSQL does not allow cycles between views; reaching this means the catalog changed under us.
            throw Messages.refreshCycle();
        }
        return order;
    }

    private static ViewMigrateException failed(ExpectedView view, SQLException e, List<RefreshedView> refreshed,
            List<ExpectedView> remaining) {
        return Messages.refreshFailed(view.name(), e, refreshed.stream().map(RefreshedView::view).toList(),
                remaining.stream().map(ExpectedView::name).toList());
    }
}
