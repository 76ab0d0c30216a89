package dev.viewmigrate.benchmarks;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The processor benchmark's first reference row: a processor that claims every annotation ({@code "*"}, like
 * viewmigrate's) and does nothing. What it costs on top of javac alone is javac's own price for running annotation
 * processing at all (one round over every source, with the processing machinery loaded), before any processor does
 * any work; {@link FloorProcessor} extends it with the price of generating one file.
 */
public class IdleProcessor extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return false;
    }
}
