package dev.viewmigrate.example.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block in {@code README.md} and {@code docs/*.md} compiles against the real artifacts, or is
 * marked {@code <!-- not compiled: reason -->}. The convention is described in {@link JavaSnippets}.
 */
class DocsCodeSamplesTest {
    private static final Pattern NOT_COMPILED = Pattern.compile("not compiled:\\s*(\\S.*)");

    /** A java block and where it is. */
    private record Sample(String id, Markdown.CodeBlock block) {}

    private static List<Sample> javaSamples() {
        List<Sample> samples = new ArrayList<>();
        for (DocPages.Page page : DocPages.all()) {
            for (Markdown.CodeBlock block : Markdown.codeBlocks(page.text())) {
                if (block.language().equals("java")) {
                    samples.add(new Sample(page.name() + ":" + block.line(), block));
                }
            }
        }
        return samples;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesOrIsMarked() throws IOException {
        // In target/, not a temporary directory, so that the files javac saw can be read after a failure.
        Path workDir = Path.of("target", "docs-samples").toAbsolutePath();
        deleteRecursively(workDir);
        List<Sample> samples = javaSamples();
        List<JavaSnippets.Source> sources = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (!isMarkedNotCompiled(sample.block())) {
                sources.add(JavaSnippets.prepare(sample.id(), i, sample.block().code()));
            }
        }
        // One javac run for all blocks: compiling them one by one would cost a second each.
        Map<String, List<String>> errors = JavaSnippets.compile(sources, workDir);
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.id(), () -> {
            if (isMarkedNotCompiled(sample.block())) {
                return;
            }
            List<String> blockErrors = errors.get(sample.id());
            if (!blockErrors.isEmpty()) {
                fail("The java block at " + sample.id() + " (line of its opening fence) does not compile (javac's"
                        + " input is in " + workDir + "):\n  "
                        + String.join("\n  ", blockErrors) + "\nFix the sample (imports and common variables such"
                        + " as dataSource are provided, see JavaSnippets), or, if it cannot compile on its own, put"
                        + " <!-- not compiled: reason --> on the line before the fence.");
            }
        }));
    }

    @Test
    void notCompiledMarksGiveAReasonAndStayRare() {
        List<Sample> samples = javaSamples();
        List<String> marked = new ArrayList<>();
        for (Sample sample : samples) {
            String mark = sample.block().mark();
            if (mark.startsWith("not compiled")) {
                assertTrue(NOT_COMPILED.matcher(mark).matches(), sample.id() + ": '<!-- " + mark + " -->' gives no"
                        + " reason; write <!-- not compiled: why it cannot compile -->.");
                marked.add(sample.id());
            }
        }
        assertFalse(samples.isEmpty(), "no java blocks found in the docs: is the repository root right?");
        assertTrue(marked.size() * 5 <= samples.size(), "More than one java block in five is marked not compiled ("
                + marked + " of " + samples.size() + "): make the samples compile instead.");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static boolean isMarkedNotCompiled(Markdown.CodeBlock block) {
        return NOT_COMPILED.matcher(block.mark()).matches();
    }
}
