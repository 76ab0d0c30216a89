package dev.viewmigrate.example.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user documentation as it is in the source tree: {@code README.md} and every {@code docs/*.md}. The tests read
 * the files themselves (not copies in the build output), so that a page edited a minute ago is what gets checked.
 */
final class DocPages {
    private DocPages() {}

    /** A Markdown page: where it is and its text. */
    record Page(Path file, String text) {
        String name() {
            return repositoryRoot().relativize(file).toString();
        }
    }

    /**
     * The repository root, found upwards from the working directory (Maven runs the tests in {@code example-app/};
     * an IDE may run them from the root): the first directory with {@code README.md}, {@code docs/} and
     * {@code processor/}.
     */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
                    && Files.isDirectory(dir.resolve("processor"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No viewmigrate repository root (a directory with README.md, docs/ and"
                + " processor/) at or above " + start + "; run the tests from inside the repository.");
    }

    /** {@code README.md} first, then {@code docs/*.md} by name. */
    static List<Page> all() {
        Path root = repositoryRoot();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        files.addAll(docsPages());
        return files.stream().map(DocPages::read).toList();
    }

    /** Every {@code docs/*.md}, sorted by name. */
    static List<Path> docsPages() {
        try (Stream<Path> list = Files.list(repositoryRoot().resolve("docs"))) {
            return list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Page read(Path file) {
        try {
            return new Page(file, Files.readString(file, UTF_8).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
