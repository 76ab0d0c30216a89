package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Shared setup of the compile-testing tests: one way to compile fixtures with the processor. */
final class Compilations {
    private Compilations() {}

    static Compiler compiler(Path snapshots, String... options) {
        List<String> all = new ArrayList<>();
        all.add("-Aviewmigrate.snapshots=" + snapshots);
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(new ViewMigrateProcessor()).withOptions(all);
    }

    static JavaFileObject source(String qualifiedName, String code) {
        return JavaFileObjects.forSourceString(qualifiedName, code);
    }

    /** A {@code @View} entity {@code com.example.<simpleName>} with the given annotation attributes. */
    static JavaFileObject view(String simpleName, String attributes) {
        return source("com.example." + simpleName, """
                package com.example;

                import dev.viewmigrate.annotations.View;

                @View(%s)
                public class %s {
                }
                """.formatted(attributes, simpleName));
    }

    /** {@code sql = """ ... """} as a text block attribute. */
    static String sql(String sql) {
        return "sql = \"\"\"\n" + sql.stripIndent().lines().map(l -> "        " + l + "\n").reduce("", String::concat)
                + "        \"\"\"";
    }

    /** The revision files of the directory, by name, with their text. */
    static Map<String, String> snapshotFiles(Path directory) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.toList()) {
                if (Files.isDirectory(file)) {
                    files.put(file.getFileName() + "/", "");
                    continue;
                }
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The text of a generated source, e.g. {@code viewmigrate/generated/Revision0001.java}. */
    static String generatedSource(Compilation compilation, String qualifiedName) {
        String path = qualifiedName.replace('.', '/') + ".java";
        JavaFileObject file = compilation.generatedSourceFiles().stream()
                .filter(f -> f.toUri().getPath().endsWith("/" + path))
                .findFirst()
                .orElse(null);
        assertWithMessage("generated source %s among %s", qualifiedName, compilation.generatedSourceFiles())
                .that(file).isNotNull();
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every generated source, by path, with its text. */
    static Map<String, String> generatedSources(Compilation compilation) {
        Map<String, String> sources = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            try {
                sources.put(file.toUri().getPath(), file.getCharContent(true).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    static String resource(String path) {
        try (var in = Compilations.class.getResourceAsStream("/" + path)) {
            assertWithMessage("test resource %s", path).that(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
