package dev.viewmigrate.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites a golden file of {@code src/test/resources} when a test runs with {@code -Dviewmigrate.updateGolden}:
 * the deliberate way to accept a change in generated code (review the diff in git, and say why in the commit).
 */
final class Golden {
    private Golden() {}

    static void update(String resource, String content) {
        Path file = Path.of("src/test/resources").resolve(resource);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
