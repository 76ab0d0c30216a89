package dev.viewmigrate.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one way the processor reports: a message from {@link Messages} (tagged, saying what is wrong, why, and what to
 * do), printed {@link At} the most precise place known. Remembers whether any was an error, so that nothing is
 * frozen after one.
 */
public final class Reporter {
    private final Messager messager;
    private int errors;

    public Reporter(Messager messager) {
        this.messager = messager;
    }

    /** A reporter that prints nothing (reading views from class files, whose problems are not this compile's). */
    public static Reporter silent() {
        return new Reporter(new SilentMessager());
    }

    /**
     * Where a diagnostic points: an annotation attribute, an annotation, an element, or nowhere (the compile as a
     * whole: options, the snapshot directory).
     */
    public record At(Element element, AnnotationMirror annotation, AnnotationValue value) {
        public static final At COMPILE = new At(null, null, null);

        public static At element(Element element) {
            return new At(element, null, null);
        }

        public static At annotation(Element element, AnnotationMirror annotation) {
            return new At(element, annotation, null);
        }

        /** On the attribute when it was written explicitly ({@code value} not null), else on the annotation. */
        public static At attribute(Element element, AnnotationMirror annotation, AnnotationValue value) {
            return new At(element, annotation, value);
        }
    }

    public void error(String message, At at) {
        errors++;
        print(Diagnostic.Kind.ERROR, message, at);
    }

    public void warning(String message, At at) {
        print(Diagnostic.Kind.WARNING, message, at);
    }

    public void note(String message, At at) {
        print(Diagnostic.Kind.NOTE, message, at);
    }

    public int errorCount() {
        return errors;
    }

    private void print(Diagnostic.Kind kind, String message, At at) {
        if (at.element() == null) {
            messager.printMessage(kind, message);
        } else if (at.annotation() == null) {
            messager.printMessage(kind, message, at.element());
        } else if (at.value() == null) {
            messager.printMessage(kind, message, at.element(), at.annotation());
        } else {
            messager.printMessage(kind, message, at.element(), at.annotation(), at.value());
        }
    }

    private static final class SilentMessager implements Messager {
        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg) {}

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {}

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {}

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a,
                AnnotationValue v) {}
    }
}
