package dev.viewmigrate.processor.model;

import java.util.Objects;

/** A hand-written migration frozen into the chain: its class (canonical name) and description. */
public record HandWrittenDefinition(String className, String description) {
    public HandWrittenDefinition {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(description, "description");
    }
}
