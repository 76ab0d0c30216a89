package dev.viewmigrate.example.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.viewmigrate.example.StoryCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/getting-started.md shows what {@code mvn compile} writes for its two sample classes: the revision file and the
 * generated migration. Both are compared here with what the real processor writes for those very samples, so the
 * page cannot drift from the generator. In the Java block, a {@code // ...} comment (with any comment lines right
 * after it) stands for one or more left-out lines.
 */
class GettingStartedSamplesTest {
    private static final Path PAGE = Path.of("docs", "getting-started.md");
    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^public (?:final )?class (\\w+)");
    private static final Pattern ELISION = Pattern.compile("^\\s*// \\.\\.\\..*$");

    @TempDir
    Path project;

    @Test
    void revisionFileAndGeneratedMigrationAreWhatTheProcessorWrites() throws IOException {
        List<Markdown.CodeBlock> blocks =
                Markdown.codeBlocks(DocPages.read(DocPages.repositoryRoot().resolve(PAGE)).text());
        Path sources = project.resolve("src/main/java");
        Path snapshots = project.resolve("src/main/viewmigrate");
        for (String name : List.of("CreateOrders", "CustomerTotal")) {
            Markdown.CodeBlock block = javaBlockDeclaring(blocks, name);
            Path file = sources.resolve("com/example/shop/" + name + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, block.code(), UTF_8);
        }
        Path classes = StoryCompiler.compile(sources, snapshots, project.resolve("target/classes")).classes();

        assertEquals(List.of("0001_create_table_orders.yaml", "0002_create_view_customer_totals.yaml"),
                fileNames(snapshots), "revision files frozen for the getting-started samples");
        Markdown.CodeBlock yaml = blocks.stream().filter(b -> b.language().equals("yaml")).findFirst()
                .orElseThrow(() -> new AssertionError("no yaml block in " + PAGE));
        assertEquals(Files.readString(snapshots.resolve("0002_create_view_customer_totals.yaml"), UTF_8),
                yaml.code(), PAGE + " line " + yaml.line() + ": the revision file is not what the processor froze");

        Markdown.CodeBlock shown = javaBlockDeclaring(blocks, "Revision0002");
        List<String> generated =
                Files.readString(classes.resolve("viewmigrate/generated/Revision0002.java"), UTF_8).lines().toList();
        assertMatchesWithElisions(shown, generated);
    }

    /** Each line of {@code shown} equals the next generated line, except elision lines, which skip one or more. */
    private static void assertMatchesWithElisions(Markdown.CodeBlock shown, List<String> generated) {
        List<String> expected = shown.code().lines().toList();
        int g = 0;
        for (int e = 0; e < expected.size(); e++) {
            String line = expected.get(e);
            String where = PAGE + " line " + (shown.line() + 1 + e) + " (generated line " + (g + 1) + ")";
            if (ELISION.matcher(line).matches()) {
                // The comment may go on over more lines.
                while (e + 1 < expected.size() && expected.get(e + 1).strip().startsWith("//")) {
                    e++;
                }
                // Skip at least one generated line, up to the one the next shown line names.
                String next = e + 1 < expected.size() ? expected.get(e + 1) : null;
                int resume = g + 1;
                while (resume < generated.size() && next != null && !generated.get(resume).equals(next)) {
                    resume++;
                }
                if (next != null && resume >= generated.size()) {
                    fail(where + ": no generated line after the elision reads: " + next);
                }
                g = next == null ? generated.size() : resume;
                continue;
            }
            if (g >= generated.size() || !generated.get(g).equals(line)) {
                fail(where + ": the page shows\n  " + line + "\nbut the processor wrote\n  "
                        + (g < generated.size() ? generated.get(g) : "(end of file)")
                        + "\nThe generated class, in full:\n" + String.join("\n", generated));
            }
            g++;
        }
        assertEquals(generated.size(), g, PAGE + ": the generated class goes on after the end of the block:\n"
                + String.join("\n", generated.subList(Math.min(g, generated.size()), generated.size())));
    }

    private static Markdown.CodeBlock javaBlockDeclaring(List<Markdown.CodeBlock> blocks, String name) {
        for (Markdown.CodeBlock block : blocks) {
            Matcher declared = CLASS_NAME.matcher(block.code());
            if (block.language().equals("java") && declared.find() && declared.group(1).equals(name)) {
                return block;
            }
        }
        throw new AssertionError("no java block declaring public class " + name + " in " + PAGE);
    }

    private static List<String> fileNames(Path directory) throws IOException {
        assertTrue(Files.isDirectory(directory), "nothing frozen into " + directory);
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
