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
