package dev.viewmigrate.processor.extract;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * What a {@code @View} class declares, read by mirror (from source or from a class file), with name and schema
 * defaults resolved but nothing validated yet.
 *
 * @param explicit the attributes written in the annotation, to report a problem on the attribute itself
 * @param resourceText the text of {@code sqlResource} when it was found and read, else null
 * @param resourceProblem why {@code sqlResource} could not be read (null when found, or when not set)
 * @param resourceMissing true when {@code sqlResource} was found nowhere (as opposed to unreadable)
 */
public record ViewDeclaration(
        TypeElement type,
        AnnotationMirror mirror,
        Map<String, AnnotationValue> explicit,
        String name,
        String schema,
        String sql,
        String sqlResource,
        String resourceText,
        String resourceProblem,
        boolean resourceMissing,
        boolean materialized,
        boolean withData,
        List<IndexDeclaration> indexes,
        List<TypeMirror> dependsOn) {

    /** The attribute's value as written, or null when it was left to its default. */
    public AnnotationValue value(String attribute) {
        return explicit.get(attribute);
    }

    public String className() {
        return type.getQualifiedName().toString();
    }

    /** One {@code @View.Index} as written. */
    public record IndexDeclaration(AnnotationMirror mirror, String name, List<String> columns, boolean unique) {}
}
