package dev.viewmigrate.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The dependency graph on hand-built models: edges from SQL and dependsOn, name resolution, orders and cycles. */
class DependencyGraphTest {
    private static ViewKey key(String schema, String name) {
        return new ViewKey(schema, name);
    }

    private static ViewDefinition view(ViewKey key, String sql, ViewKey... dependsOn) {
        return new ViewDefinition(key, false, true, List.of(), List.of(dependsOn), sql, "com.example.V");
    }

    private static Map<ViewKey, ViewDefinition> views(ViewDefinition... views) {
        Map<ViewKey, ViewDefinition> map = new TreeMap<>();
        for (ViewDefinition view : views) {
            map.put(view.key(), view);
        }
        return map;
    }

    @Test
    void edgesComeFromTheSql_includingSubqueriesCtesAndJoins_butNotFromCteNames() {
        ViewKey base = key("", "base");
        ViewKey other = key("", "other");
        ViewKey reader = key("", "reader");
        DependencyGraph graph = DependencyGraph.of(views(
                view(base, "SELECT 1 AS id"),
                view(other, "SELECT 2 AS id"),
                view(reader, "WITH base2 AS (SELECT id FROM base) SELECT b.id FROM base2 b"
                        + " WHERE EXISTS (SELECT 1 FROM other o WHERE o.id = b.id)")));

        assertThat(graph.dependenciesOf(reader)).containsExactly(base, other);
        assertThat(graph.dependentsOf(List.of(base))).containsExactly(reader);
        assertThat(graph.unparsed()).isEmpty();
    }

    @Test
    void names_resolveUnderTheDefaultSearchPath_withPostgresCaseFolding() {
        ViewKey unqualified = key("", "totals");
        ViewKey inReporting = key("reporting", "daily");
        ViewKey quoted = key("", "Mixed");
        ViewKey reader = key("", "reader");
        DependencyGraph graph = DependencyGraph.of(views(
                view(unqualified, "SELECT 1 AS n"),
                view(inReporting, "SELECT 1 AS n"),
                view(quoted, "SELECT 1 AS n"),
                view(reader, "SELECT * FROM PUBLIC.TOTALS, reporting.Daily, \"Mixed\", mixed, other.totals")));

        // public.totals is the unqualified view; "Mixed" keeps its case, mixed does not match it; other.totals is not
        // the managed totals.
        assertThat(graph.dependenciesOf(reader)).containsExactly(unqualified, inReporting, quoted);
    }

    @Test
    void dependsOn_addsEdgesTheSqlDoesNotShow_andUnparsedSqlIsListed() {
        ViewKey base = key("", "base");
        ViewKey reader = key("", "reader");
        DependencyGraph graph = DependencyGraph.of(views(
                view(base, "SELECT 1 AS id"),
                view(reader, "SELECT some_syntax_the_parser_lacks FROM base ~~~ !!!", base)));

        assertThat(graph.unparsed()).containsExactly(reader);
        assertThat(graph.dependenciesOf(reader)).containsExactly(base);
    }

    @Test
    void creationOrder_putsEachViewAfterWhatItReads_alsoThroughViewsNotListed() {
        ViewKey a = key("", "a");
        ViewKey b = key("", "b");
        ViewKey c = key("", "c");
        DependencyGraph graph = DependencyGraph.of(views(
                view(c, "SELECT id FROM b"),
                view(b, "SELECT id FROM a"),
                view(a, "SELECT 1 AS id")));

        assertThat(graph.creationOrder(List.of(c, b, a))).containsExactly(a, b, c).inOrder();
        assertThat(graph.creationOrder(List.of(c, a))).containsExactly(a, c).inOrder();
        assertThat(graph.dropOrder(List.of(a, b, c))).containsExactly(c, b, a).inOrder();
        assertThat(graph.dependentsOf(List.of(a))).containsExactly(b, c);
    }

    @Test
    void cycle_isReportedFromTheSmallestKey_andAViewReadingItselfIsNoEdge() {
        ViewKey a = key("", "a");
        ViewKey b = key("", "b");
        ViewKey self = key("", "self");
        DependencyGraph graph = DependencyGraph.of(views(
                view(a, "SELECT id FROM b"),
                view(b, "SELECT id FROM a"),
                view(self, "SELECT id FROM self")));

        assertThat(graph.cycle()).isEqualTo(Optional.of(List.of(a, b, a)));
        assertThat(graph.dependenciesOf(self)).isEmpty();
    }

    @Test
    void noCycle_isEmpty() {
        assertThat(DependencyGraph.of(views(view(key("", "a"), "SELECT 1 AS id"))).cycle()).isEmpty();
    }
}
