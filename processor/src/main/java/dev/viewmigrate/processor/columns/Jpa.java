package dev.viewmigrate.processor.columns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * JPA annotations read by mirror, in either namespace ({@code jakarta.persistence} or {@code javax.persistence}):
 * the processor never needs JPA on its own class path.
 */
final class Jpa {
    private static final List<String> PACKAGES = List.of("jakarta.persistence.", "javax.persistence.");

    private Jpa() {}

    /** The JPA annotation {@code simpleName} on the element, in either namespace. */
    static Optional<AnnotationMirror> annotation(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            for (String prefix : PACKAGES) {
                if (name.equals(prefix + simpleName)) {
                    return Optional.of(mirror);
                }
            }
        }
        return Optional.empty();
    }

    static boolean has(Element element, String simpleName) {
        return annotation(element, simpleName).isPresent();
    }

    /** True when the element carries an annotation with this qualified name (for non-JPA ones, e.g. Hibernate's). */
    static boolean hasQualified(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(qualifiedName)) {
                return true;
            }
        }
        return false;
    }

    /** An attribute as written (defaults are not needed: every default we read is "" or empty). */
    static Optional<AnnotationValue> value(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** A string attribute as written, or "" when left to its default. */
    static String string(AnnotationMirror mirror, String attribute) {
        return value(mirror, attribute).map(AnnotationValue::getValue)
                .filter(String.class::isInstance).map(String.class::cast).orElse("");
    }

    /** The constant name of an enum attribute ({@code AccessType.FIELD} → FIELD), or "". */
    static String enumConstant(AnnotationMirror mirror, String attribute) {
        return value(mirror, attribute).map(AnnotationValue::getValue)
                .filter(VariableElement.class::isInstance)
                .map(v -> ((VariableElement) v).getSimpleName().toString()).orElse("");
    }

    /** A class attribute ({@code targetEntity = User.class}), or empty when left to its default. */
    static Optional<TypeMirror> type(AnnotationMirror mirror, String attribute) {
        return value(mirror, attribute).map(AnnotationValue::getValue)
                .filter(TypeMirror.class::isInstance).map(TypeMirror.class::cast);
    }

    /** A nested annotation attribute ({@code column = @Column(...)}). */
    static Optional<AnnotationMirror> nested(AnnotationMirror mirror, String attribute) {
        return value(mirror, attribute).map(AnnotationValue::getValue)
                .filter(AnnotationMirror.class::isInstance).map(AnnotationMirror.class::cast);
    }

    /** The annotations of an array attribute ({@code value = {@AttributeOverride(...), ...}}). */
    static List<AnnotationMirror> nestedList(AnnotationMirror mirror, String attribute) {
        List<AnnotationMirror> result = new ArrayList<>();
        value(mirror, attribute).map(AnnotationValue::getValue).ifPresent(value -> {
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof AnnotationValue annotationValue
                            && annotationValue.getValue() instanceof AnnotationMirror nested) {
                        result.add(nested);
                    }
                }
            } else if (value instanceof AnnotationMirror single) {
                result.add(single);
            }
        });
        return result;
    }

    /** A repeatable annotation: the single one plus those in its container. */
    static List<AnnotationMirror> repeated(Element element, String simpleName, String containerSimpleName) {
        List<AnnotationMirror> result = new ArrayList<>();
        annotation(element, simpleName).ifPresent(result::add);
        annotation(element, containerSimpleName).ifPresent(container -> result.addAll(nestedList(container,
                "value")));
        return result;
    }
}
