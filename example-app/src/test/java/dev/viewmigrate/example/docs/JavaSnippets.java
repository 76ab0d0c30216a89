package dev.viewmigrate.example.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Turns the {@code java} blocks of the docs into compilable files and compiles them with javac against this module's
 * test classpath (annotations, runtime, Jakarta Persistence, Hibernate, the test database, JUnit).
 *
 * <p>The convention, also stated in {@code docs/README.md}:
 * <ul>
 *   <li>A block whose first line of code starts with {@code package}, {@code import}, {@code @} or a type
 *       declaration is a <b>compilation unit</b>. Its package is replaced by one of its own, and the usual imports
 *       are added, so a sample may leave out its imports.</li>
 *   <li>A block whose first line of code is indented is an excerpt of a <b>class body</b> (fields, methods) and is
 *       compiled inside a class.</li>
 *   <li>Any other block is a list of <b>statements</b>, compiled as the body of a method that may throw, in a class
 *       with the fields {@link #STATEMENT_FIELDS} (so {@code dataSource} and friends need no declaration).</li>
 *   <li>{@code ...} standing for left-out code is allowed where a body or a whole line goes: {@code { ... }} and a
 *       line holding only {@code ...}.</li>
 *   <li>A block that must not be compiled (another framework's API, a fragment) has
 *       {@code <!-- not compiled: reason -->} on the line before it.</li>
 * </ul>
 * Every block gets a package of its own, so samples on different pages may reuse class names; the price is that a
 * sample cannot use a class declared by another block.
 */
final class JavaSnippets {
    private JavaSnippets() {}

    /** Imports every block gets; single-type imports of a block still win over these on-demand ones. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "dev.viewmigrate.annotations.*",
            "dev.viewmigrate.runtime.*",
            "dev.viewmigrate.test.*",
            "dev.viewmigrate.testdb.*",
            "jakarta.persistence.*",
            "java.io.PrintStream",
            "java.math.BigDecimal",
            "java.nio.file.Path",
            "java.time.*",
            "java.util.*",
            "javax.sql.DataSource",
            "org.hibernate.annotations.Immutable",
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.api.extension.ExtendWith");

    /** Variables a statement block may use without declaring them. */
    static final String STATEMENT_FIELDS = "DataSource dataSource; DataSource ds; String url; String user;"
            + " String password; PrintStream out; PrintStream err; MigrationCatalog myCatalog;"
            + " ViewMigrator migrator; EntityManagerFactory emf; EntityManager em; TestDatabase db;";

    /** A block ready for javac: the file's text, and how its lines map back to the page. */
    record Source(String id, String packageName, String text) {
        String fileName() {
            return packageName.replace('.', '/') + "/Snippet.java";
        }
    }

    private static final Pattern UNIT_START = Pattern.compile(
            "^(package|import)\\s.*|^@.*|^((public|final|abstract|sealed|non-sealed|static)\\s+)*"
                    + "(class|record|interface|enum|@interface)\\s.*");
    private static final Pattern TOP_LEVEL_PUBLIC = Pattern.compile(
            "^public(\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|record|interface|enum|@interface)\\s)",
            Pattern.MULTILINE);
    private static final Pattern ELIDED_BODY = Pattern.compile("\\{\\s*\\.\\.\\.\\s*}");
    private static final Pattern ELIDED_LINE = Pattern.compile("^\\s*\\.\\.\\.\\s*$", Pattern.MULTILINE);
    private static final Pattern PACKAGE_LINE = Pattern.compile("^package\\s+[\\w.]+\\s*;", Pattern.MULTILINE);

    /**
     * The compilable file for one block. The first line holds everything added before the sample (package, imports,
     * for statements the class and method head), so line {@code n + 1} of the file is line {@code n} of the block.
     */
    static Source prepare(String id, int index, String code) {
        String packageName = "docs.snippet" + index;
        String body = ELIDED_LINE.matcher(ELIDED_BODY.matcher(code).replaceAll("{ }")).replaceAll("");
        String imports = DEFAULT_IMPORTS.stream().map(i -> "import " + i + ";").collect(Collectors.joining(" "));
        String first = firstCodeLine(body);
        boolean members = !first.isEmpty() && Character.isWhitespace(first.charAt(0));
        boolean statements = !members && !UNIT_START.matcher(first).matches();
        String text;
        if (members) {
            text = "package " + packageName + "; " + imports + " class Snippet {\n" + body + "}\n";
        } else if (statements) {
            text = "package " + packageName + "; " + imports + " class Snippet { " + STATEMENT_FIELDS
                    + " void snippet() throws Exception {\n" + body + "}}\n";
        } else {
            // Keep the line count: the sample's own package line becomes a comment.
            String unit = PACKAGE_LINE.matcher(body).replaceAll("// $0");
            // One file may hold several public top-level types only if none is public; the name doesn't matter here.
            unit = TOP_LEVEL_PUBLIC.matcher(unit).replaceAll("      $1");
            text = "package " + packageName + "; " + imports + "\n" + unit;
        }
        return new Source(id, packageName, text);
    }

    private static String firstCodeLine(String code) {
        boolean inComment = false;
        for (String line : code.split("\n")) {
            String trimmed = line.strip();
            if (inComment) {
                inComment = !trimmed.contains("*/");
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            if (trimmed.startsWith("/*")) {
                inComment = !trimmed.contains("*/");
                continue;
            }
            return line;
        }
        return "";
    }

    /**
     * Compiles the sources with javac and returns the errors per source id, with line numbers counted within the
     * block; a source without errors maps to an empty list. All sources go into one javac run (each is in its own
     * package, so they cannot collide). javac stops before type checking when any file has a syntax error, which
     * would let every other sample pass unchecked; so the sources with errors are taken out and the rest compiled
     * again, until a run is clean.
     */
    static Map<String, List<String>> compile(List<Source> sources, Path workDir) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        sources.forEach(source -> errors.put(source.id(), new ArrayList<>()));
        List<Source> remaining = new ArrayList<>(sources);
        for (int run = 1; !remaining.isEmpty(); run++) {
            Map<String, List<String>> runErrors = compileOnce(remaining, workDir.resolve("run" + run));
            runErrors.forEach((id, list) -> errors.get(id).addAll(list));
            remaining.removeIf(source -> !runErrors.get(source.id()).isEmpty());
            if (runErrors.values().stream().allMatch(List::isEmpty)) {
                break;
            }
        }
        return errors;
    }

    private static Map<String, List<String>> compileOnce(List<Source> sources, Path workDir) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, Source> byFile = new LinkedHashMap<>();
        List<File> files = new ArrayList<>();
        try {
            for (Source source : sources) {
                Path file = workDir.resolve("src").resolve(source.fileName());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.text(), UTF_8);
                files.add(file.toFile());
                byFile.put(file.toAbsolutePath().normalize().toString(), source);
                errors.put(source.id(), new ArrayList<>());
            }
            Path classes = Files.createDirectories(workDir.resolve("classes"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> options = List.of("--release", "17", "-encoding", "UTF-8", "-proc:none", "-nowarn",
                    "-Xmaxerrs", "10000", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            boolean success;
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
                success = javac.getTask(null, fileManager, diagnostics, options, null,
                        fileManager.getJavaFileObjectsFromFiles(files)).call();
            }
            boolean attributed = false;
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String file = diagnostic.getSource() == null ? ""
                        : Path.of(diagnostic.getSource().toUri()).toAbsolutePath().normalize().toString();
                Source source = byFile.get(file);
                String message = "line " + (diagnostic.getLineNumber() - 1) + " of the block: "
                        + diagnostic.getMessage(Locale.ROOT);
                if (source != null) {
                    errors.get(source.id()).add(message);
                    attributed = true;
                } else {
                    // Not attributable to one block (a broken classpath, say): every block fails rather than none.
                    errors.values().forEach(list -> list.add(message));
                }
            }
            if (!success && !attributed && errors.values().stream().allMatch(List::isEmpty)) {
                errors.values().forEach(list -> list.add("javac failed without an error message"));
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
