package dev.viewmigrate.processor.diff;

import static com.google.common.truth.Truth.assertThat;

import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The diff on hand-built models: what is created, changed and removed, and the revision it freezes. */
class ViewDiffTest {
    private static ViewDefinition view(String name, String sql) {
        return new ViewDefinition(new ViewKey("", name), false, true, List.of(), List.of(), sql,
                "com.example." + name);
    }

    private static Map<ViewKey, ViewDefinition> state(ViewDefinition... views) {
        Map<ViewKey, ViewDefinition> state = new TreeMap<>();
        for (ViewDefinition view : views) {
            state.put(view.key(), view);
        }
        return state;
    }

    @Test
    void sameViews_areNoChange() {
        ViewDiff diff = ViewDiff.between(state(view("a", "SELECT 1 AS x")), state(view("a", "SELECT 1 AS x")));

        assertThat(diff.isEmpty()).isTrue();
    }

    @Test
    void createdChangedAndRemoved_areToldApart() {
        ViewDefinition kept = view("kept", "SELECT 1 AS x");
        ViewDefinition before = view("changed", "SELECT 1 AS x");
        ViewDefinition after = view("changed", "SELECT 2 AS x");
        ViewDefinition removed = view("removed", "SELECT 1 AS x");
        ViewDefinition created = view("created", "SELECT 1 AS x");

        ViewDiff diff = ViewDiff.between(state(kept, before, removed), state(kept, after, created));

        assertThat(diff.created()).containsExactly(created);
        assertThat(diff.changed()).containsExactly(new ViewDiff.Change(before, after));
        assertThat(diff.removed()).containsExactly(removed);
        assertThat(diff.description()).isEqualTo("drop view removed, change view changed, create view created");
    }

    @Test
    void movedToAnotherClass_isNoChange() {
        ViewDefinition before = view("a", "SELECT 1 AS x");
        ViewDefinition moved = new ViewDefinition(before.key(), false, true, List.of(), List.of(), before.sql(),
                "com.example.Elsewhere");

        assertThat(ViewDiff.between(state(before), state(moved)).isEmpty()).isTrue();
    }

    @Test
    void reorderedIndexes_areNoChange_butAnIndexMethodIs() {
        IndexDefinition first = new IndexDefinition("a_x_idx", List.of("x"), false);
        IndexDefinition second = new IndexDefinition("a_y_idx", List.of("y"), false);
        ViewDefinition before = new ViewDefinition(new ViewKey("", "a"), true, true, List.of(first, second),
                List.of(), "SELECT 1 AS x, 2 AS y", "com.example.A");
        ViewDefinition reordered = new ViewDefinition(new ViewKey("", "a"), true, true, List.of(second, first),
                List.of(), "SELECT 1 AS x, 2 AS y", "com.example.A");
        ViewDefinition gin = new ViewDefinition(new ViewKey("", "a"), true, true,
                List.of(first, new IndexDefinition("a_y_idx", List.of("y"), false, "gin", "", List.of())),
                List.of(), "SELECT 1 AS x, 2 AS y", "com.example.A");

        assertThat(ViewDiff.between(state(before), state(reordered)).isEmpty()).isTrue();
        assertThat(ViewDiff.between(state(before), state(gin)).changed()).hasSize(1);
    }

    @Test
    void optionsAndComment_areContent() {
        ViewDefinition plain = view("a", "SELECT 1 AS x");
        ViewDefinition invoker = new ViewDefinition(plain.key(), false, true, List.of(), List.of(), plain.sql(),
                plain.originClass(), List.of("security_invoker=true"), "");
        ViewDefinition commented = new ViewDefinition(plain.key(), false, true, List.of(), List.of(), plain.sql(),
                plain.originClass(), List.of(), "Active users");

        assertThat(ViewDiff.between(state(plain), state(invoker)).changed()).hasSize(1);
        assertThat(ViewDiff.between(state(plain), state(commented)).changed()).hasSize(1);
    }

    @Test
    void toRevision_holdsCreatedAndChangedViews_andRemovedKeys() {
        ViewDefinition before = view("changed", "SELECT 1 AS x");
        ViewDefinition after = view("changed", "SELECT 2 AS x");
        ViewDefinition created = view("created", "SELECT 1 AS x");
        ViewDefinition removed = view("removed", "SELECT 1 AS x");

        Revision revision = ViewDiff.between(state(before, removed), state(after, created)).toRevision(3);

        assertThat(revision.number()).isEqualTo(4);
        assertThat(revision.parent()).isEqualTo(3);
        assertThat(revision.views()).containsExactly(after, created).inOrder(); // sorted by key
        assertThat(revision.removed()).containsExactly(removed.key());
        assertThat(revision.handWritten()).isEmpty();
        assertThat(revision.fileName()).startsWith("0004_");
    }
}
