package dev.viewmigrate.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.viewmigrate.runtime.Migration;
import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The source of a {@code @HandWrittenMigration} class {@code com.example.<simpleName>} whose upgrade and downgrade
     * each run one statement.
     */
    static String handWrittenMigration(String simpleName, String description, String upgradeSql,
            String downgradeSql) {
        return """
                package com.example;

                import dev.viewmigrate.annotations.HandWrittenMigration;
                import dev.viewmigrate.runtime.JavaMigration;
                import dev.viewmigrate.runtime.MigrationContext;
import dev.viewmigrate.runtime.ViewSteps;
import dev.viewmigrate.runtime.internal.steps.SqlViewSteps;

                @HandWrittenMigration(description = "%s")
                public class %s implements JavaMigration {
                    @Override
                    public void upgrade(MigrationContext context) throws Exception {
                        context.execute("%s");
                    }

                    @Override
                    public void downgrade(MigrationContext context) throws Exception {
                        context.execute("%s");
                    }
                }
                """.formatted(description, simpleName, upgradeSql, downgradeSql);
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

    /**
     * Loads a generated migration class from the compilation's class output, so tests can run its {@code upgrade}
     * and {@code downgrade} against a recording context.
     */
    static Migration migration(Compilation compilation, String qualifiedName) {
        Map<String, byte[]> classes = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                        path.length() - ".class".length()).replace('/', '.');
                try (var in = file.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        ClassLoader loader = new ClassLoader(Compilations.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        try {
            return (Migration) loader.loadClass(qualifiedName).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + qualifiedName + " among " + classes.keySet(), e);
        }
    }

    /** The statements a generated migration's upgrade (or downgrade) executes, in order. */
    static List<String> statements(Compilation compilation, String qualifiedName, boolean upgrade) {
        Migration migration = migration(compilation, qualifiedName);
        List<String> executed = new ArrayList<>();
        MigrationContext context = new MigrationContext() {
            // As in an offline script: the helpers are defined elsewhere, the steps only call them.
            private final ViewSteps steps = new SqlViewSteps(this, false);

            @Override
            public void execute(String sql) {
                executed.add(sql);
            }

            @Override
            public boolean isOffline() {
                return true;
            }

            @Override
            public Optional<Connection> connection() {
                return Optional.empty();
            }

            @Override
            public String revision() {
                return migration.revision();
            }

            @Override
            public boolean isDowngrade() {
                return !upgrade;
            }

            @Override
            public ViewSteps views() {
                return steps;
            }
        };
        try {
            if (upgrade) {
                migration.upgrade(context);
            } else {
                migration.downgrade(context);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return executed;
    }

    /**
     * A statement reduced to what tests compare: the dependents check, save and restore calls by name, the guarded
     * replace by its view, other statements with their text.
     */
    static List<String> summary(List<String> statements) {
        return statements.stream().map(Compilations::summary).toList();
    }

    static String summary(String sql) {
        if (sql.startsWith("SELECT pg_temp.viewmigrate_check_dependents(")) {
            return "CHECK DEPENDENTS";
        } else if (sql.startsWith("SELECT pg_temp.viewmigrate_save(")) {
            return "SAVE";
        } else if (sql.startsWith("SELECT pg_temp.viewmigrate_restore(")) {
            return "RESTORE";
        } else if (sql.contains("CREATE OR REPLACE VIEW")) {
            return "GUARDED REPLACE " + sql.substring(sql.indexOf("CREATE OR REPLACE VIEW ") + 23, sql.indexOf(" AS\n"));
        }
        return sql;
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
