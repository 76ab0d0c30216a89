package dev.viewmigrate.processor.extract;

import dev.viewmigrate.processor.Reporter;
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
 * @param options the {@code options} entries as written
 * @param unresolved true when an attribute's value is one javac could not resolve ({@code materialized = f} with no
 *     {@code f}): javac reports that itself, and the view's other values can't be trusted
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
        List<TypeMirror> dependsOn,
        List<String> options,
        String comment,
        String rebuild,
        boolean unresolved) {

    /** The attribute's value as written, or null when it was left to its default. */
    public AnnotationValue value(String attribute) {
        return explicit.get(attribute);
    }

    public String className() {
        return type.getQualifiedName().toString();
    }

    /** The {@code @View} annotation, to report a problem of the view as a whole. */
    public Reporter.At at() {
        return Reporter.At.annotation(type, mirror);
    }

    /** The attribute when it was written, else the {@code @View} annotation. */
    public Reporter.At at(String attribute) {
        return Reporter.At.attribute(type, mirror, value(attribute));
    }

    /** Entry {@code index} of an array attribute as written, else the attribute (or annotation). */
    public Reporter.At at(String attribute, int index) {
        return Reporter.At.attribute(type, mirror, entry(value(attribute), index));
    }

    /** The {@code index}-th value of an array attribute, or the attribute itself when it isn't written as one. */
    static AnnotationValue entry(AnnotationValue array, int index) {
        if (array != null && array.getValue() instanceof List<?> values && index < values.size()
                && values.get(index) instanceof AnnotationValue value) {
            return value;
        }
        return array;
    }

    /**
     * One {@code @View.Index} as written.
     *
     * @param explicit the index's attributes written in the annotation
     */
    public record IndexDeclaration(AnnotationMirror mirror, Map<String, AnnotationValue> explicit, String name,
            List<String> columns, boolean unique, String using, String where, List<String> include) {
        /** The attribute of this index when it was written, else the {@code @View.Index} annotation. */
        public Reporter.At at(TypeElement type, String attribute) {
            return Reporter.At.attribute(type, mirror, explicit.get(attribute));
        }

        /** Entry {@code index} of an array attribute of this index as written, else the attribute. */
        public Reporter.At at(TypeElement type, String attribute, int index) {
            return Reporter.At.attribute(type, mirror, entry(explicit.get(attribute), index));
        }
    }
}
