package dev.viewmigrate.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Prints diagnostics on the element (and annotation attribute) at fault, and remembers whether any was an error. */
public final class Reporter {
    private final Messager messager;
    private int errors;

    public Reporter(Messager messager) {
        this.messager = messager;
    }

    public void error(String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message);
    }

    public void error(String message, Element element) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    public void error(String message, Element element, AnnotationMirror annotation) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }

    /** On the attribute when it was written explicitly, else on the annotation. */
    public void error(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        errors++;
        if (value == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
        }
    }

    /** A warning on the attribute when it was written explicitly, else on the annotation. */
    public void warning(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        if (value == null) {
            messager.printMessage(Diagnostic.Kind.WARNING, message, element, annotation);
        } else {
            messager.printMessage(Diagnostic.Kind.WARNING, message, element, annotation, value);
        }
    }

    public void note(String message) {
        messager.printMessage(Diagnostic.Kind.NOTE, message);
    }

    public void note(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.NOTE, message, element);
    }

    public void warning(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.WARNING, message, element);
    }

    public int errorCount() {
        return errors;
    }
}
