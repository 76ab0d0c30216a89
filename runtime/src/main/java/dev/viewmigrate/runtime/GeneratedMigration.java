package dev.viewmigrate.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The base of the migrations the processor generates: the revision's identity and frozen views are passed to the
 * constructor, so that a generated class holds only what is frozen (its views) and its plan ({@code upgrade} and
 * {@code downgrade}, calls of {@link ViewSteps}).
 */
public abstract class GeneratedMigration implements Migration {
    private final String revision;
    private final String description;
    private final int checksum;
    private final List<FrozenView> viewsAfter;
    private final List<ViewName> viewsRemoved;

    protected GeneratedMigration(String revision, String description, int checksum, List<FrozenView> viewsAfter,
            List<ViewName> viewsRemoved) {
        this.revision = Objects.requireNonNull(revision, "revision");
        this.description = Objects.requireNonNull(description, "description");
        this.checksum = checksum;
        this.viewsAfter = List.copyOf(viewsAfter);
        this.viewsRemoved = List.copyOf(viewsRemoved);
    }

    /**
     * The same, with arrays: what the processor generates, because an array initializer costs javac no type
     * inference (a revision creating thousands of views compiles noticeably faster).
     */
    protected GeneratedMigration(String revision, String description, int checksum, FrozenView[] viewsAfter,
            ViewName[] viewsRemoved) {
        this(revision, description, checksum, List.of(viewsAfter), List.of(viewsRemoved));
    }

    /**
     * A plain view in the connection's search_path: {@code view("active_users", "SELECT ...")} is
     * {@code FrozenView.view(ViewName.of("active_users"), "SELECT ...")}. The factories below are what generated
     * migrations call: one call per view, none overloaded, so javac resolves them cheaply.
     */
    protected static FrozenView view(String name, String sql) {
        return FrozenView.view(ViewName.of(name), sql);
    }

    /** A plain view in {@code schema}: {@code FrozenView.view(ViewName.of(schema, name), sql)}. */
    protected static FrozenView viewIn(String schema, String name, String sql) {
        return FrozenView.view(ViewName.of(schema, name), sql);
    }

    /** A materialized view in the search_path: {@code FrozenView.materializedView(ViewName.of(name), sql)}. */
    protected static FrozenView materializedView(String name, String sql) {
        return FrozenView.materializedView(ViewName.of(name), sql);
    }

    /** A materialized view in {@code schema}: {@code FrozenView.materializedView(ViewName.of(schema, name), sql)}. */
    protected static FrozenView materializedViewIn(String schema, String name, String sql) {
        return FrozenView.materializedView(ViewName.of(schema, name), sql);
    }

    /** {@code views} in reverse order, as a new array: a plan that undoes a list in the opposite order. */
    protected static FrozenView[] reversed(FrozenView[] views) {
        FrozenView[] result = new FrozenView[views.length];
        for (int i = 0; i < views.length; i++) {
            result[i] = views[views.length - 1 - i];
        }
        return result;
    }

    /** The parts, one after the other, as one array: a list too long for one method's code. */
    protected static FrozenView[] concat(FrozenView[]... parts) {
        int length = 0;
        for (FrozenView[] part : parts) {
            length += part.length;
        }
        FrozenView[] result = new FrozenView[length];
        int at = 0;
        for (FrozenView[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }

    @Override
    public final String revision() {
        return revision;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final int checksum() {
        return checksum;
    }

    @Override
    public final List<FrozenView> viewsAfter() {
        return viewsAfter;
    }

    @Override
    public final List<ViewName> viewsRemoved() {
        return viewsRemoved;
    }
}
