package dev.viewmigrate.runtime.internal.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text blocks, string literals and names as import writes them, compiled by javac and read back. */
class EntityWriterEscapingTest {
    /** SQL that breaks naive text blocks: quotes in runs, backslashes, a Unicode escape, trailing blanks, CR, tabs. */
    private static final List<String> TEXTS = List.of(
            "SELECT 1",
            "SELECT '\"\"\"' AS three, '\"\"\"\"' AS four, '\"\"\"\"\"\"\"' AS seven, 'a\"' AS \"x\"\"y\"",
            "SELECT E'C:\\\\path\\\\u0041' AS path, '\\u0041' AS not_an_escape",
            "SELECT 'two trailing  \n  lines with tabs\t\t\nend' AS multi   \n   FROM t",
            "SELECT 'carriage\rreturn', 'bell\u0007', 'nul-free \u001f' AS ctl",
            "  leading blanks kept\n\n\tand a blank line, a tab, and the end\"",
            "SELECT 'größe', '日本' AS \"名前\"");

    @Test
    void textBlocksAndLiterals_compileBackToTheSameStrings(@TempDir Path dir) throws Exception {
        StringBuilder source = new StringBuilder("public class Texts {\n    public static final String[] BLOCKS = {\n");
        for (String text : TEXTS) {
            source.append("        \"\"\"\n").append(EntityWriter.textBlock(text, "            "))
                    .append("            \"\"\",\n");
        }
        source.append("    };\n    public static final String[] LITERALS = {\n");
        for (String text : TEXTS) {
            source.append("        ").append(EntityWriter.literal(text)).append(",\n");
        }
        source.append("    };\n}\n");
        Class<?> texts = compile(dir, "Texts", source.toString());

        String[] blocks = (String[]) texts.getField("BLOCKS").get(null);
        String[] literals = (String[]) texts.getField("LITERALS").get(null);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(TEXTS.get(i) + "\n", blocks[i], "text block " + i + ":\n" + source);
            assertEquals(TEXTS.get(i), literals[i], "literal " + i);
        }
    }

    @Test
    void javaNames_forAnyPostgresName() {
        assertEquals("UserOrders", JavaNames.className("user_orders"));
        assertEquals("UserStats", JavaNames.className("UserStats"));
        assertEquals("Totals", JavaNames.className("TOTALS"));
        assertEquals("View2024Sales", JavaNames.className("2024 sales"));
        assertEquals("GrößeJe日本", JavaNames.className("größe_je_日本"));
        assertEquals("StringView", JavaNames.className("string"));
        assertEquals("EntityView", JavaNames.className("entity"));
        assertEquals("UnnamedView", JavaNames.className("!!!"));
        assertEquals("postCount", JavaNames.fieldName("post_count"));
        assertEquals("userId", JavaNames.fieldName("userId"));
        assertEquals("total", JavaNames.fieldName("Total"));
        assertEquals("htmlUrl", JavaNames.fieldName("HTML_URL"));
        assertEquals("class_", JavaNames.fieldName("class"));
        assertEquals("default_", JavaNames.fieldName("DEFAULT"));
        assertEquals("c1stPlace", JavaNames.fieldName("1st place"));
        assertEquals("column", JavaNames.fieldName("?column?"));
    }

    @Test
    void javaNames_compile(@TempDir Path dir) throws Exception {
        List<String> names = List.of("class", "default", "1st place", "größe", "日本", "x-y", "_", "enum", "var",
                "record", "goto", "const", "true", "null", "?column?", "Order", "$dollar");
        // As the writer does it: colliding names ("_" and "?column?" both make "column") are numbered.
        java.util.Set<String> taken = new java.util.HashSet<>();
        String fields = names.stream().map(n -> "    public int " + JavaNames.unique(JavaNames.fieldName(n), taken)
                + ";").collect(Collectors.joining("\n"));
        List<String> classes = new ArrayList<>();
        for (String n : List.of("class", "2024", "größe", "x-y", "object")) {
            classes.add("    public static class " + JavaNames.className(n) + " {}");
        }
        Class<?> type = compile(dir, "Names", "public class Names {\n" + fields + "\n" + String.join("\n", classes)
                + "\n}\n");
        assertEquals(names.size(), type.getFields().length);
    }

    private static Class<?> compile(Path dir, String name, String source) throws Exception {
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, List.of("-d", dir.toString(), "-encoding", "UTF-8"),
                    null, files.getJavaFileObjects(file)).call();
            assertTrue(ok, () -> diagnostics.getDiagnostics() + "\n" + source);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()});
        return loader.loadClass(name);
    }
}
