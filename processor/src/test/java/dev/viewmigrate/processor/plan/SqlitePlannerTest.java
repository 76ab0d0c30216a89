package dev.viewmigrate.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import dev.viewmigrate.processor.model.Dialect;
import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SQLite plans on hand-built models: only check, drop and create, in the order SQLite itself can't work out. */
class SqlitePlannerTest {
    private static ViewDefinition view(String name, String sql, String... dependsOn) {
        return new ViewDefinition(new ViewKey("", name), false, true, List.of(),
                List.of(dependsOn).stream().map(d -> new ViewKey("", d)).toList(), sql, "com.example.X");
    }

    private static Revision revision(List<ViewDefinition> views, List<ViewKey> removed) {
        return new Revision(2, 1, "test", "0002_test.yaml", views, removed, Optional.empty(), Dialect.SQLITE);
    }

    private static FrozenState state(ViewDefinition... views) {
        return FrozenState.EMPTY.apply(new Revision(1, 0, "base", "0001_base.yaml", List.of(views), List.of(),
                Optional.empty(), Dialect.SQLITE));
    }

    @Test
    void appendedColumn_isDropAndCreate_neverAReplace() {
        ViewDefinition before = view("v", "SELECT a, b FROM t");
        ViewDefinition after = view("v", "SELECT a, b, c FROM t");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactly(new Step.CheckDependents(List.of(before)), new Step.DropView(before),
                new Step.CreateView(after)).inOrder();
        assertThat(plan.downgrade()).containsExactly(new Step.CheckDependents(List.of(after)), new Step.DropView(after),
                new Step.CreateView(before)).inOrder();
    }

    @Test
    void diamondOfDependents_isDroppedReaderFirstAndCreatedBaseFirst() {
        ViewDefinition base = view("base", "SELECT a FROM t");
        ViewDefinition left = view("left_side", "SELECT a FROM BASE");
        ViewDefinition right = view("right_side", "SELECT a FROM main.\"Base\"");
        ViewDefinition top = view("top", "SELECT l.a FROM left_side l JOIN [right_side] r ON r.a = l.a");
        ViewDefinition unrelated = view("unrelated", "SELECT b FROM t");
        ViewDefinition baseAfter = view("base", "SELECT a, b FROM t");

        List<Step> upgrade = Planner.plan(state(base, left, right, top, unrelated),
                revision(List.of(baseAfter), List.of())).upgrade();

        assertThat(upgrade).containsExactly(new Step.CheckDependents(List.of(top, right, left, base)),
                new Step.DropView(top), new Step.DropView(right), new Step.DropView(left), new Step.DropView(base),
                new Step.CreateView(baseAfter), new Step.CreateView(left), new Step.CreateView(right),
                new Step.CreateView(top)).inOrder();
    }

    @Test
    void dependsOnOnlyChange_changesNothingInTheDatabase() {
        ViewDefinition a = view("a", "SELECT 1 AS one");
        ViewDefinition b = view("b", "SELECT 2 AS two");
        ViewDefinition bAfter = view("b", "SELECT 2 AS two", "a");

        MigrationPlan plan = Planner.plan(state(a, b), revision(List.of(bAfter), List.of()));

        assertThat(plan.upgrade()).isEmpty();
        assertThat(plan.downgrade()).isEmpty();
    }

    @Test
    void removal_dropsOnlyThatView_andDowngradeCreatesIt() {
        ViewDefinition base = view("base", "SELECT a FROM t");
        ViewDefinition reader = view("reader", "SELECT a FROM base");

        MigrationPlan plan = Planner.plan(state(base, reader), revision(List.of(), List.of(reader.key())));

        assertThat(plan.upgrade()).containsExactly(new Step.CheckDependents(List.of(reader)),
                new Step.DropView(reader)).inOrder();
        assertThat(plan.downgrade()).containsExactly(new Step.CreateView(reader));
    }

    @Test
    void sqliteReadsAreResolvedWithoutCase_postgresqlKeepsQuotedCase() {
        ViewDefinition base = view("base", "SELECT a FROM t");
        ViewDefinition reader = view("reader", "SELECT a FROM \"BASE\"");
        java.util.Map<ViewKey, ViewDefinition> views = java.util.Map.of(base.key(), base, reader.key(), reader);

        assertThat(DependencyGraph.of(views, Dialect.SQLITE).dependenciesOf(reader.key())).containsExactly(base.key());
        assertThat(DependencyGraph.of(views, Dialect.POSTGRESQL).dependenciesOf(reader.key())).isEmpty();
    }
}
