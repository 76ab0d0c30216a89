package dev.viewmigrate.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner on hand-built models: which steps, in which order, and that downgrade inverts upgrade. */
class PlannerTest {
    private static ViewDefinition view(String name, String sql, String... dependsOn) {
        return new ViewDefinition(new ViewKey("", name), false, false, List.of(),
                List.of(dependsOn).stream().map(d -> new ViewKey("", d)).toList(), sql, "com.example.X");
    }

    private static Revision revision(List<ViewDefinition> views, List<ViewKey> removed) {
        return new Revision(2, 1, "test", "0002_test.yaml", views, removed, Optional.empty());
    }

    private static FrozenState state(ViewDefinition... views) {
        return FrozenState.EMPTY.apply(new Revision(1, 0, "base", "0001_base.yaml", List.of(views), List.of(),
                Optional.empty()));
    }

    @Test
    void appendedColumn_isAGuardedReplaceBothWaysOnlyForward() {
        ViewDefinition before = view("v", "SELECT a, b FROM t");
        ViewDefinition after = view("v", "SELECT a, b, c FROM t");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactly(new Step.ReplaceView(before, after));
        assertThat(plan.downgrade()).containsExactly(new Step.RecreateView(after, before));
    }

    @Test
    void renamedColumn_isDropAndCreateBothWays() {
        ViewDefinition before = view("v", "SELECT a, b FROM t");
        ViewDefinition after = view("v", "SELECT a, b AS bee FROM t");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactly(new Step.RecreateView(before, after));
        assertThat(plan.downgrade()).containsExactly(new Step.RecreateView(after, before));
    }

    @Test
    void unparseableSql_fallsBackToTheGuardedReplace() {
        ViewDefinition before = view("v", "SELECT a FROM t");
        ViewDefinition after = view("v", "SELECT * FROM t");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactly(new Step.ReplaceView(before, after));
        assertThat(plan.downgrade()).containsExactly(new Step.ReplaceView(after, before));
    }

    @Test
    void mixedRevision_dropsFirstThenChangesThenCreatesInDependencyOrder_andDowngradeIsTheReverse() {
        ViewDefinition gone = view("gone", "SELECT 1 AS x");
        ViewDefinition kept = view("kept", "SELECT 1 AS x");
        ViewDefinition keptAfter = view("kept", "SELECT 1 AS x, 2 AS y");
        ViewDefinition top = view("a_top", "SELECT x FROM z_base", "z_base");
        ViewDefinition base = view("z_base", "SELECT 1 AS x");

        MigrationPlan plan = Planner.plan(state(gone, kept),
                revision(List.of(keptAfter, top, base), List.of(gone.key())));

        assertThat(plan.upgrade()).containsExactly(
                new Step.DropView(gone),
                new Step.ReplaceView(kept, keptAfter),
                new Step.CreateView(base),
                new Step.CreateView(top)).inOrder();
        assertThat(plan.downgrade()).containsExactly(
                new Step.DropView(top),
                new Step.DropView(base),
                new Step.RecreateView(keptAfter, kept),
                new Step.CreateView(gone)).inOrder();
    }

    @Test
    void handWrittenRevision_runsTheClassBothWays() {
        Revision revision = new Revision(1, 0, "create table t", "0001_create_table_t.yaml", List.of(), List.of(),
                Optional.of(new HandWrittenDefinition("com.example.CreateT", "create table t")));

        MigrationPlan plan = Planner.plan(FrozenState.EMPTY, revision);

        assertThat(plan.upgrade()).containsExactly(new Step.RunHandWritten("com.example.CreateT", true));
        assertThat(plan.downgrade()).containsExactly(new Step.RunHandWritten("com.example.CreateT", false));
    }

    @Test
    void renderedSql_quotesOnlyWhereNeededAndGuardsTheReplace() {
        ViewDefinition before = new ViewDefinition(new ViewKey("Reporting", "user"), false, false, List.of(),
                List.of(), "SELECT 1 AS a", "X");
        ViewDefinition after = new ViewDefinition(new ViewKey("Reporting", "user"), false, false, List.of(),
                List.of(), "SELECT 1 AS a, '$vm$' AS b -- trailing comment", "X");

        List<String> sql = SqlRenderer.statements(new Step.ReplaceView(before, after));

        assertThat(sql).containsExactly("""
                DO $vm1$
                BEGIN
                CREATE OR REPLACE VIEW "Reporting"."user" AS
                SELECT 1 AS a, '$vm$' AS b -- trailing comment
                ;
                EXCEPTION WHEN invalid_table_definition THEN
                DROP VIEW "Reporting"."user";
                CREATE VIEW "Reporting"."user" AS
                SELECT 1 AS a, '$vm$' AS b -- trailing comment
                ;
                END
                $vm1$""");
    }
}
