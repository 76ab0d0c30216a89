package dev.viewmigrate.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the planner rebuilds a materialized view side by side, and when it falls back to DROP + CREATE. */
class SideBySidePlannerTest {
    private static final IndexDefinition KEY =
            new IndexDefinition("m_id_key", List.of("id"), true, "", "", List.of());

    private static ViewDefinition matview(String sql, boolean sideBySide, boolean withData, String... dependsOn) {
        return new ViewDefinition(new ViewKey("", "m"), true, withData, List.of(KEY),
                List.of(dependsOn).stream().map(d -> new ViewKey("", d)).toList(), sql, "com.example.M", List.of(),
                "", sideBySide);
    }

    private static ViewDefinition view(String name, String sql) {
        return new ViewDefinition(new ViewKey("", name), false, true, List.of(), List.of(), sql, "com.example.V");
    }

    private static MigrationPlan plan(List<ViewDefinition> before, List<ViewDefinition> changed) {
        FrozenState state = FrozenState.EMPTY.apply(new Revision(1, 0, "base", "0001_base.yaml", before, List.of(),
                List.of()));
        return Planner.plan(state, new Revision(2, 1, "test", "0002_test.yaml", changed, List.of(),
                List.of()));
    }

    @Test
    void changedSql_buildsBesideBeforeTheDrops_andSwapsInWhereItWouldBeCreated_bothWays() {
        ViewDefinition before = matview("SELECT id, a FROM t", false, true);
        ViewDefinition after = matview("SELECT id, a, b FROM t", true, true);
        ViewDefinition reader = view("r", "SELECT id FROM m");

        MigrationPlan plan = plan(List.of(before, reader), List.of(after));

        assertThat(plan.upgrade()).containsExactly(
                new Step.CheckDependents(List.of(reader, before)),
                new Step.SavePrivileges(List.of(reader, before)),
                new Step.BuildBeside(List.of(after)),
                new Step.DropView(reader), new Step.DropView(before),
                new Step.SwapIn(after), new Step.CreateView(reader),
                new Step.RestorePrivileges(List.of(after, reader))).inOrder();
        // The revision's declaration governs its downgrade too: the old definition is rebuilt side by side.
        assertThat(plan.downgrade()).containsExactly(
                new Step.CheckDependents(List.of(reader, after)),
                new Step.SavePrivileges(List.of(reader, after)),
                new Step.BuildBeside(List.of(before)),
                new Step.DropView(reader), new Step.DropView(after),
                new Step.SwapIn(before), new Step.CreateView(reader),
                new Step.RestorePrivileges(List.of(before, reader))).inOrder();
    }

    @Test
    void withNoData_isRecreated() {
        ViewDefinition before = matview("SELECT id FROM t", false, true);
        ViewDefinition after = matview("SELECT id, b FROM t", true, false);

        MigrationPlan plan = plan(List.of(before), List.of(after));

        assertThat(plan.upgrade()).contains(new Step.CreateView(after));
        assertThat(plan.upgrade().stream().anyMatch(s -> s instanceof Step.BuildBeside)).isFalse();
        // Downgrade builds the old definition, WITH DATA, side by side.
        assertThat(plan.downgrade()).contains(new Step.BuildBeside(List.of(before)));
    }

    @Test
    void aViewItReadsChangingInTheSameRevision_fallsBackToDropAndCreate() {
        ViewDefinition base = view("base", "SELECT 1 AS id");
        ViewDefinition baseAfter = view("base", "SELECT 1 AS id, 2 AS extra");
        ViewDefinition before = matview("SELECT id FROM base", false, true, "base");
        ViewDefinition after = matview("SELECT id, extra FROM base", true, true, "base");

        MigrationPlan plan = plan(List.of(base, before), List.of(baseAfter, after));

        assertThat(plan.upgrade()).contains(new Step.CreateView(after));
        assertThat(plan.upgrade().stream().anyMatch(s -> s instanceof Step.BuildBeside || s instanceof Step.SwapIn))
                .isFalse();
    }

    @Test
    void onlyTheRebuildModeChanging_isNoChange() {
        ViewDefinition dropCreate = matview("SELECT id FROM t", false, true);
        assertThat(dropCreate.sameContentAs(matview("SELECT id FROM t", true, true))).isTrue();
        assertThat(Planner.steps(java.util.Map.of(dropCreate.key(), dropCreate),
                java.util.Map.of(dropCreate.key(), matview("SELECT id FROM t", true, true)))).isEmpty();
    }
}
