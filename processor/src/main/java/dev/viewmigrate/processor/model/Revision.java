package dev.viewmigrate.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * One frozen revision: the delta it applies to the state of its parent: view changes ({@code views} created or
 * changed, with their full new definition; {@code removed} views), hand-written migrations, or both. A revision with
 * both is what a compile freezes when it finds a new hand-written migration and changed views together (a table
 * change and the views that read the table): its migration drops the old views, runs the hand-written migrations,
 * then creates the new views, and its downgrade does the reverse.
 *
 * @param number 1, 2, ...; the revision id is its decimal string
 * @param parent the previous revision's number, 0 for the first revision
 * @param fileName the snapshot file name, e.g. {@code 0002_change_view_active_users.yaml}
 * @param dialect the database the revision is written for (the whole chain has one)
 */
public record Revision(
        int number,
        int parent,
        String description,
        String fileName,
        List<ViewDefinition> views,
        List<ViewKey> removed,
        List<HandWrittenDefinition> handWritten,
        Dialect dialect) {

    public Revision {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fileName, "fileName");
        views = views.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
        removed = removed.stream().sorted().toList();
        handWritten = List.copyOf(handWritten);
        Objects.requireNonNull(dialect, "dialect");
    }

    /** A PostgreSQL revision. */
    public Revision(int number, int parent, String description, String fileName, List<ViewDefinition> views,
            List<ViewKey> removed, List<HandWrittenDefinition> handWritten) {
        this(number, parent, description, fileName, views, removed, handWritten, Dialect.POSTGRESQL);
    }

    /** The same revision written for {@code other}. */
    public Revision withDialect(Dialect other) {
        return new Revision(number, parent, description, fileName, views, removed, handWritten, other);
    }

    public String id() {
        return Integer.toString(number);
    }

    /** Whether the revision runs hand-written migrations (alone, or between its view changes). */
    public boolean isHandWritten() {
        return !handWritten.isEmpty();
    }

    /** Whether the revision also changes views. */
    public boolean changesViews() {
        return !views.isEmpty() || !removed.isEmpty();
    }
}
