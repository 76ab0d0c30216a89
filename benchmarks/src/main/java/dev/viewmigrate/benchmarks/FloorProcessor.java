package dev.viewmigrate.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * The floor of any processor that generates code, for the processor benchmark's reference row: it claims no
 * annotation (like viewmigrate's, {@code "*"}), reads nothing, and writes one empty class in its first round. What
 * it costs on top of javac alone is javac's own price for running a processor and a second round (entering every
 * source again, then the generated one), which no processor that generates a file can go below.
 */
public final class FloorProcessor extends IdleProcessor {
    private boolean written;

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!written) {
            written = true;
            try (Writer out = processingEnv.getFiler().createSourceFile("floor.generated.Floor").openWriter()) {
                out.write("package floor.generated;\n\n/** Written by the benchmark's FloorProcessor. */\n"
                        + "public final class Floor {}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
