package dev.viewmigrate.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import dev.viewmigrate.processor.model.FrozenState;
import dev.viewmigrate.processor.model.HandWrittenDefinition;
import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner on hand-built models: which steps, in which order, and that downgrade inverts upgrade. */
class PlannerTest {
    private static ViewDefinition view(String name, String sql, String... dependsOn) {
        return new ViewDefinition(new ViewKey("", name), false, false, List.of(),
                List.of(dependsOn).stream().map(d -> new ViewKey("", d)).toList(), sql, "com.example.X");
    }

    private static ViewDefinition matview(String name, String sql, IndexDefinition... indexes) {
        return new ViewDefinition(new ViewKey("", name), true, true, List.of(indexes), List.of(), sql,
                "com.example.X");
    }

    private static Revision revision(List<ViewDefinition> views, List<ViewKey> removed) {
        return new Revision(2, 1, "test", "0002_test.yaml", views, removed, List.of());
    }

    private static FrozenState state(ViewDefinition... views) {
        return FrozenState.EMPTY.apply(new Revision(1, 0, "base", "0001_base.yaml", List.of(views), List.of(),
                List.of()));
    }

    /** Drop + create of {@code from} → {@code to} with its checks, for a view without managed dependents. */
    private static List<Step> recreate(ViewDefinition from, ViewDefinition to) {
        return List.of(new Step.CheckDependents(List.of(from)), new Step.SavePrivileges(List.of(from)),
                new Step.DropView(from), new Step.CreateView(to), new Step.RestorePrivileges(List.of(to)));
    }

    @Test
    void appendedColumn_isAGuardedReplaceForwardAndARecreateBack() {
        ViewDefinition before = view("v", "SELECT a, b FROM t");
        ViewDefinition after = view("v", "SELECT a, b, c FROM t");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactly(new Step.ReplaceView(before, after, List.of()));
        assertThat(plan.downgrade()).containsExactlyElementsIn(recreate(after, before)).inOrder();
    }

    @Test
    void renamedColumn_isDropAndCreateBothWays() {
        ViewDefinition before = view("v", "SELECT a, b FROM t");
        ViewDefinition after = view("v", "SELECT a, b AS bee FROM t");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactlyElementsIn(recreate(before, after)).inOrder();
        assertThat(plan.downgrade()).containsExactlyElementsIn(recreate(after, before)).inOrder();
    }

    @Test
    void unparseableSql_fallsBackToTheGuardedReplace() {
        ViewDefinition before = view("v", "SELECT a FROM t");
        ViewDefinition after = view("v", "SELECT * FROM t");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactly(new Step.ReplaceView(before, after, List.of()));
        assertThat(plan.downgrade()).containsExactly(new Step.ReplaceView(after, before, List.of()));
    }

    @Test
    void mixedRevision_dropsFirstThenCreatesAndChangesInDependencyOrder_andDowngradeIsTheReverse() {
        ViewDefinition gone = view("gone", "SELECT 1 AS x");
        ViewDefinition kept = view("kept", "SELECT 1 AS x");
        ViewDefinition keptAfter = view("kept", "SELECT 1 AS x, 2 AS y");
        ViewDefinition top = view("a_top", "SELECT x FROM z_base", "z_base");
        ViewDefinition base = view("z_base", "SELECT 1 AS x");

        MigrationPlan plan = Planner.plan(state(gone, kept),
                revision(List.of(keptAfter, top, base), List.of(gone.key())));

        assertThat(plan.upgrade()).containsExactly(
                new Step.CheckDependents(List.of(gone)),
                new Step.DropView(gone),
                // One dependency order for everything created or changed; ties by name.
                new Step.CreateView(base),
                new Step.CreateView(top),
                new Step.ReplaceView(kept, keptAfter, List.of())).inOrder();
        assertThat(plan.downgrade()).containsExactly(
                new Step.CheckDependents(List.of(keptAfter, top, base)),
                new Step.SavePrivileges(List.of(keptAfter)),
                new Step.DropView(keptAfter),
                new Step.DropView(top),
                new Step.DropView(base),
                new Step.CreateView(gone),
                new Step.CreateView(kept),
                new Step.RestorePrivileges(List.of(kept))).inOrder();
    }

    @Test
    void droppedColumnOfAViewOthersRead_dropsTheChainFirstAndRecreatesItAfterInOrder() {
        ViewDefinition a = view("a", "SELECT id, name, email FROM users");
        ViewDefinition aAfter = view("a", "SELECT id, name FROM users");
        ViewDefinition b = view("b", "SELECT id, name FROM a"); // inferred from the SQL
        ViewDefinition c = view("c", "WITH x AS (SELECT id FROM b) SELECT count(*) AS n FROM x");

        MigrationPlan plan = Planner.plan(state(a, b, c), revision(List.of(aAfter), List.of()));

        assertThat(plan.upgrade()).containsExactly(
                new Step.CheckDependents(List.of(c, b, a)),
                new Step.SavePrivileges(List.of(c, b, a)),
                new Step.DropView(c),
                new Step.DropView(b),
                new Step.DropView(a),
                new Step.CreateView(aAfter),
                new Step.CreateView(b),
                new Step.CreateView(c),
                new Step.RestorePrivileges(List.of(aAfter, b, c))).inOrder();
        assertThat(plan.downgrade()).containsExactly(
                new Step.ReplaceView(aAfter, a, List.of(b, c))).inOrder();
    }

    @Test
    void replaceWhoseDependentAlsoChanges_becomesAnExplicitRecreate() {
        ViewDefinition a = view("a", "SELECT id FROM users");
        ViewDefinition aAfter = view("a", "SELECT id, name FROM users");
        ViewDefinition b = view("b", "SELECT id FROM a");
        ViewDefinition bAfter = view("b", "SELECT id, name FROM a");

        MigrationPlan plan = Planner.plan(state(a, b), revision(List.of(aAfter, bAfter), List.of()));

        assertThat(plan.upgrade()).containsExactly(
                new Step.CheckDependents(List.of(b, a)),
                new Step.SavePrivileges(List.of(b, a)),
                new Step.DropView(b),
                new Step.DropView(a),
                new Step.CreateView(aAfter),
                new Step.CreateView(bAfter),
                new Step.RestorePrivileges(List.of(aAfter, bAfter))).inOrder();
    }

    @Test
    void diamond_dropsEachDependentOnceAndRecreatesAfterBothParents() {
        ViewDefinition base = view("base", "SELECT 1 AS id, 2 AS x");
        ViewDefinition baseAfter = view("base", "SELECT 1 AS id");
        ViewDefinition left = view("left_side", "SELECT id FROM base");
        ViewDefinition right = view("right_side", "SELECT id FROM base");
        ViewDefinition top = view("top", "SELECT l.id FROM left_side l JOIN right_side r USING (id)");

        List<Step> upgrade = Planner.plan(state(base, left, right, top), revision(List.of(baseAfter), List.of()))
                .upgrade();

        assertThat(upgrade).containsExactly(
                new Step.CheckDependents(List.of(top, right, left, base)),
                new Step.SavePrivileges(List.of(top, right, left, base)),
                new Step.DropView(top),
                new Step.DropView(right),
                new Step.DropView(left),
                new Step.DropView(base),
                new Step.CreateView(baseAfter),
                new Step.CreateView(left),
                new Step.CreateView(right),
                new Step.CreateView(top),
                new Step.RestorePrivileges(List.of(baseAfter, left, right, top))).inOrder();
    }

    @Test
    void indexOnlyChange_dropsAndCreatesOnlyTheChangedIndexes() {
        IndexDefinition byId = new IndexDefinition("m_id_key", List.of("id"), true);
        IndexDefinition byName = new IndexDefinition("m_name_idx", List.of("name"), false);
        IndexDefinition byNameUnique = new IndexDefinition("m_name_idx", List.of("name"), true);
        ViewDefinition before = matview("m", "SELECT id, name FROM users", byId, byName);
        ViewDefinition after = matview("m", "SELECT id, name FROM users", byId, byNameUnique);
        ViewDefinition reader = view("reader", "SELECT id FROM m");

        MigrationPlan plan = Planner.plan(state(before, reader), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactly(
                new Step.DropIndex(before, byName), new Step.CreateIndex(after, byNameUnique)).inOrder();
        assertThat(plan.downgrade()).containsExactly(
                new Step.DropIndex(after, byNameUnique), new Step.CreateIndex(before, byName)).inOrder();
    }

    @Test
    void materializedSqlChange_recreatesTheViewAndWhatReadsIt() {
        ViewDefinition before = matview("m", "SELECT id FROM users");
        ViewDefinition after = matview("m", "SELECT id FROM users WHERE active");
        ViewDefinition reader = matview("reader", "SELECT count(*) AS n FROM m");

        List<Step> upgrade = Planner.plan(state(before, reader), revision(List.of(after), List.of())).upgrade();

        assertThat(upgrade).containsExactly(
                new Step.CheckDependents(List.of(reader, before)),
                new Step.SavePrivileges(List.of(reader, before)),
                new Step.DropView(reader),
                new Step.DropView(before),
                new Step.CreateView(after),
                new Step.CreateView(reader),
                new Step.RestorePrivileges(List.of(after, reader))).inOrder();
    }

    @Test
    void plainToMaterialized_isARecreate() {
        ViewDefinition before = view("m", "SELECT id FROM users");
        ViewDefinition after = matview("m", "SELECT id FROM users");

        MigrationPlan plan = Planner.plan(state(before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).containsExactlyElementsIn(recreate(before, after)).inOrder();
        assertThat(plan.downgrade()).containsExactlyElementsIn(recreate(after, before)).inOrder();
    }

    @Test
    void onlyDependsOnChanged_doesNothingInTheDatabase() {
        ViewDefinition other = view("other", "SELECT 1 AS x");
        ViewDefinition before = view("v", "SELECT 1 AS y");
        ViewDefinition after = view("v", "SELECT 1 AS y", "other");

        MigrationPlan plan = Planner.plan(state(other, before), revision(List.of(after), List.of()));

        assertThat(plan.upgrade()).isEmpty();
        assertThat(plan.downgrade()).isEmpty();
    }

    @Test
    void handWrittenRevision_runsTheClassBothWays() {
        Revision revision = new Revision(1, 0, "create table t", "0001_create_table_t.yaml", List.of(), List.of(),
                List.of(new HandWrittenDefinition("com.example.CreateT", "create table t")));

        MigrationPlan plan = Planner.plan(FrozenState.EMPTY, revision);

        assertThat(plan.upgrade()).containsExactly(new Step.RunHandWritten("com.example.CreateT", true));
        assertThat(plan.downgrade()).containsExactly(new Step.RunHandWritten("com.example.CreateT", false));
    }
}
