package dev.viewmigrate.processor.extract;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/** A {@code @HandWrittenMigration} class as declared, not yet validated. */
public record HandWrittenDeclaration(TypeElement type, AnnotationMirror mirror, String description) {
    public String className() {
        return type.getQualifiedName().toString();
    }
}
