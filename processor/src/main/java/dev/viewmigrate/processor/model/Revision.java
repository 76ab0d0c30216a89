package dev.viewmigrate.processor.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One frozen revision: the delta it applies to the state of its parent. Either view changes ({@code views} created
 * or changed, with their full new definition; {@code removed} views) or exactly one hand-written migration.
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
        Optional<HandWrittenDefinition> handWritten,
        Dialect dialect) {

    public Revision {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fileName, "fileName");
        views = views.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
        removed = removed.stream().sorted().toList();
        Objects.requireNonNull(handWritten, "handWritten");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** A PostgreSQL revision. */
    public Revision(int number, int parent, String description, String fileName, List<ViewDefinition> views,
            List<ViewKey> removed, Optional<HandWrittenDefinition> handWritten) {
        this(number, parent, description, fileName, views, removed, handWritten, Dialect.POSTGRESQL);
    }

    /** The same revision written for {@code other}. */
    public Revision withDialect(Dialect other) {
        return new Revision(number, parent, description, fileName, views, removed, handWritten, other);
    }

    public String id() {
        return Integer.toString(number);
    }

    public boolean isHandWritten() {
        return handWritten.isPresent();
    }
}
