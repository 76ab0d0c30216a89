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
 */
public record Revision(
        int number,
        int parent,
        String description,
        String fileName,
        List<ViewDefinition> views,
        List<ViewKey> removed,
        Optional<HandWrittenDefinition> handWritten) {

    public Revision {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fileName, "fileName");
        views = views.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
        removed = removed.stream().sorted().toList();
        Objects.requireNonNull(handWritten, "handWritten");
    }

    public String id() {
        return Integer.toString(number);
    }

    public boolean isHandWritten() {
        return handWritten.isPresent();
    }
}
