package dev.viewmigrate.processor.plan;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The graph a chain's planning derives revision by revision ({@link DependencyGraph#with}) is the graph built from
 * scratch for the same state, and so are the plans: views reading views, removals, kind changes, dependencies renamed,
 * a view created under a name other views already read as a table, dependsOn, SQL the parser can't read.
 */
class IncrementalGraphTest {
    private static ViewKey key(String schema, String name) {
        return new ViewKey(schema, name);
    }

    private static ViewDefinition view(ViewKey key, String sql, ViewKey... dependsOn) {
        return new ViewDefinition(key, false, true, List.of(), List.of(dependsOn), sql, "com.example.V");
    }

    private static ViewDefinition matview(ViewKey key, String sql, boolean withData) {
        return new ViewDefinition(key, true, withData, List.of(new IndexDefinition("i_" + key.name(), List.of("id"),
                false, "", "", List.of())), List.of(), sql, "com.example.M");
    }

    private static final ViewKey BASE = key("", "base");
    private static final ViewKey MID = key("", "mid");
    private static final ViewKey TOP = key("", "top");
    private static final ViewKey REPORT = key("reporting", "daily");
    private static final ViewKey ORDERS = key("", "orders"); // read as a table first, created as a view later
    private static final ViewKey MID2 = key("", "mid2");
    private static final ViewKey LOOSE = key("", "loose");
    private static final ViewKey MIXED = key("", "Mixed");

    private static List<Revision> chain(Dialect dialect) {
        List<Revision> chain = new ArrayList<>();
        add(chain, dialect, List.of(
                view(BASE, "SELECT 1 AS id"),
                view(MID, "SELECT id FROM base"),
                view(TOP, "SELECT m.id FROM mid m JOIN orders o ON o.id = m.id"),
                view(REPORT, "SELECT id FROM public.top"),
                view(LOOSE, "SELECT some_syntax_the_parser_lacks FROM base ~~~ !!!", MID)), List.of());
        // orders becomes a managed view: top now reads it.
        add(chain, dialect, List.of(view(ORDERS, "SELECT 7 AS id")), List.of());
        // A change that keeps every edge, then one that adds an edge.
        add(chain, dialect, List.of(view(BASE, "SELECT 2 AS id")), List.of());
        add(chain, dialect, List.of(view(REPORT, "SELECT t.id FROM top t, mid")), List.of());
        // mid is renamed mid2: its readers change with it; loose keeps dependsOn on the removed mid.
        add(chain, dialect, List.of(view(MID2, "SELECT id FROM base"),
                view(TOP, "SELECT m.id FROM mid2 m JOIN orders o ON o.id = m.id"),
                view(REPORT, "SELECT t.id FROM top t")), List.of(MID));
        // loose's dependsOn named mid: recreating mid restores the edge without loose changing.
        add(chain, dialect, List.of(view(MID, "SELECT id FROM mid2")), List.of());
        // Kind changes: a view becomes a materialized view, with and then without data.
        add(chain, dialect, List.of(matview(MID2, "SELECT id FROM base", true)), List.of());
        add(chain, dialect, List.of(matview(MID2, "SELECT id FROM base", false),
                view(LOOSE, "SELECT id FROM \"Mixed\"")), List.of());
        // A quoted name that other views read; then orders goes away again and top reads the table.
        add(chain, dialect, List.of(view(MIXED, "SELECT id FROM orders")), List.of());
        add(chain, dialect, List.of(), List.of(ORDERS));
        add(chain, dialect, List.of(view(MIXED, "SELECT id FROM base, mid")), List.of(LOOSE));
        add(chain, dialect, List.of(), List.of(BASE, MID, MID2, TOP, REPORT, MIXED));
        add(chain, dialect, List.of(view(BASE, "SELECT 3 AS id"), view(TOP, "SELECT id FROM base")), List.of());
        return chain;
    }

    private static void add(List<Revision> chain, Dialect dialect, List<ViewDefinition> views,
            List<ViewKey> removed) {
        int number = chain.size() + 1;
        chain.add(new Revision(number, number - 1, "r" + number, String.format("%04d_r.yaml", number), views,
                removed, List.of(), dialect));
    }

    @Test
    void graphDerivedRevisionByRevision_equalsTheGraphBuiltFromScratch() {
        for (Dialect dialect : Dialect.values()) {
            FrozenState state = FrozenState.EMPTY;
            DependencyGraph derived = DependencyGraph.of(state.views(), dialect);
            for (Revision revision : chain(dialect)) {
                FrozenState after = state.apply(revision);
                Set<ViewKey> changed = new TreeSet<>(revision.removed());
                revision.views().forEach(view -> changed.add(view.key()));
                derived = derived.with(after.views(), changed, dialect);
                assertSameGraph(dialect + " after " + revision.fileName(), derived,
                        DependencyGraph.of(after.views(), dialect), after.views());
                state = after;
            }
        }
    }

    @Test
    void plansOfTheChain_equalThePlansFromGraphsBuiltFromScratch() {
        List<Revision> chain = chain(Dialect.POSTGRESQL);
        List<PlannedRevision> planned = PlannedRevision.planAll(chain);
        FrozenState state = FrozenState.EMPTY;
        for (int i = 0; i < chain.size(); i++) {
            FrozenState after = state.apply(chain.get(i));
            MigrationPlan plan = planned.get(i).plan();
            assertWithMessage("upgrade of " + chain.get(i).fileName()).that(plan.upgrade())
                    .isEqualTo(Planner.steps(state.views(), after.views()));
            assertWithMessage("downgrade of " + chain.get(i).fileName()).that(plan.downgrade())
                    .isEqualTo(Planner.steps(after.views(), state.views()));
            state = after;
        }
    }

    @Test
    void aViewCreatedUnderANameReadAsATable_getsItsReaders() {
        Map<ViewKey, ViewDefinition> before = FrozenState.EMPTY.apply(chain(Dialect.POSTGRESQL).get(0)).views();
        DependencyGraph graph = DependencyGraph.of(before, Dialect.POSTGRESQL);
        assertThat(graph.dependenciesOf(TOP)).containsExactly(MID);

        FrozenState after = FrozenState.EMPTY.apply(chain(Dialect.POSTGRESQL).get(0))
                .apply(chain(Dialect.POSTGRESQL).get(1));
        DependencyGraph derived = graph.with(after.views(), List.of(ORDERS), Dialect.POSTGRESQL);
        assertThat(derived.dependenciesOf(TOP)).containsExactly(MID, ORDERS);
        assertThat(derived.dependentsOf(List.of(ORDERS))).containsExactly(TOP, REPORT);
        assertThat(graph.dependenciesOf(TOP)).containsExactly(MID); // the graph before is left as it was
    }

    private static void assertSameGraph(String where, DependencyGraph derived, DependencyGraph scratch,
            Map<ViewKey, ViewDefinition> views) {
        List<ViewKey> all = new ArrayList<>(views.keySet());
        List<ViewKey> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertWithMessage(where + ": unparsed").that(derived.unparsed()).isEqualTo(scratch.unparsed());
        assertWithMessage(where + ": cycle").that(derived.cycle()).isEqualTo(scratch.cycle());
        assertWithMessage(where + ": creation order").that(derived.creationOrder(reversed))
                .isEqualTo(scratch.creationOrder(reversed));
        assertWithMessage(where + ": drop order").that(derived.dropOrder(all)).isEqualTo(scratch.dropOrder(all));
        for (ViewKey key : all) {
            assertWithMessage(where + ": dependencies of " + key).that(derived.dependenciesOf(key))
                    .isEqualTo(scratch.dependenciesOf(key));
            assertWithMessage(where + ": dependents of " + key).that(derived.dependentsOf(List.of(key)))
                    .isEqualTo(scratch.dependentsOf(List.of(key)));
        }
        for (int i = 0; i + 1 < all.size(); i++) {
            List<ViewKey> pair = List.of(all.get(i + 1), all.get(i));
            assertWithMessage(where + ": creation order of " + pair).that(derived.creationOrder(pair))
                    .isEqualTo(scratch.creationOrder(pair));
        }
    }
}
