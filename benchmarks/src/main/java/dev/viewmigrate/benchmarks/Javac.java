package dev.viewmigrate.benchmarks;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a generated project the way a build does, with or without the viewmigrate processor.
 *
 * <p>Timed compiles run the JDK's {@code javac} launcher as a new process each time, javac alone and javac with the
 * processor alike: each compile starts cold (JVM start, class loading, JIT), as in a command-line Maven build, and
 * nothing the processor caches in static fields survives from one compile to the next. The processor is given with
 * {@code -processorpath} (what Maven's {@code annotationProcessorPaths} does); javac alone gets {@code -proc:none}.
 *
 * <p>{@link #freezeInProcess} runs the processor with {@code -proc:only} in this JVM instead: it builds a long
 * revision history quickly (no bytecode is generated; javac and the processor's classes stay loaded and warm, a new
 * processor instance per compile), and what it freezes is exactly what the processor freezes in a full compile.
 */
final class Javac {
    /** The class path of the generated project: the annotation, JPA and the runtime (for the generated code). */
    private final String classPath;
    /** The processor and its libraries, as a user's {@code annotationProcessorPaths} lists them. */
    private final String processorPath;
    private final Path launcher;

    private Javac(String classPath, String processorPath, Path launcher) {
        this.classPath = classPath;
        this.processorPath = processorPath;
        this.launcher = launcher;
    }

    /** Finds the jars (or class directories, in a reactor build) on this benchmark's own class path. */
    static Javac locate() {
        String classPath = paths("dev.viewmigrate.annotations.View", "jakarta.persistence.Entity",
                "dev.viewmigrate.runtime.Migration");
        String processorPath = paths("dev.viewmigrate.processor.ViewMigrateProcessor",
                "dev.viewmigrate.annotations.View", "dev.viewmigrate.sql.Identifiers", "com.palantir.javapoet.JavaFile",
                "net.sf.jsqlparser.parser.CCJSqlParserUtil", "org.snakeyaml.engine.v2.api.LoadSettings");
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "javac");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("No javac next to the running JVM (" + launcher + "): run the benchmark "
                    + "on a JDK, not a JRE.");
        }
        return new Javac(classPath, processorPath, launcher);
    }

    private static String paths(String... classNames) {
        List<String> paths = new ArrayList<>();
        for (String className : classNames) {
            try {
                Class<?> type = Class.forName(className, false, Javac.class.getClassLoader());
                paths.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("Class " + className + " is not on the benchmark's class path (" + e
                        + "): run it through Maven as docs/benchmarks.md shows, so that the module's dependencies "
                        + "are there.", e);
            }
        }
        return paths.stream().distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    Path launcher() {
        return launcher;
    }

    String processorPath() {
        return processorPath;
    }

    /**
     * One compile's outcome: wall time of the javac process, the CPU time (user + system) it and its threads used,
     * its exit code and what it printed. The CPU time hardly moves with the load other processes put on the machine;
     * the wall time does.
     */
    record Result(long nanos, long cpuNanos, int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The first lines javac printed, each cut to 160 characters (a generated constant can fill a line). */
        String firstLines(int count) {
            return output.lines().limit(count)
                    .map(line -> "      " + (line.length() > 160 ? line.substring(0, 160) + " ..." : line))
                    .collect(Collectors.joining("\n"));
        }
    }

    /**
     * Where one compile reads and writes. {@code snapshots} null: javac alone, or with a {@code reference} processor
     * ({@link IdleProcessor}, {@link FloorProcessor}) javac with that processor only.
     */
    record Layout(List<Path> sources, Path classes, Path generated, Path snapshots,
            Class<? extends Processor> reference) {
        Layout(List<Path> sources, Path classes, Path generated, Path snapshots) {
            this(sources, classes, generated, snapshots, null);
        }
    }

    /**
     * Compiles in a new {@code javac} process into empty output directories (a clean build, as a CI or a
     * {@code mvn clean compile} does; with the processor, the revision files in {@code snapshots} are kept).
     *
     * @param jvmOptions extra options for javac's JVM ({@code -J} is added), e.g. to record a flight recording
     */
    Result compile(Layout layout, Path argumentFile, List<String> jvmOptions) throws IOException, InterruptedException {
        ProcessorBenchmark.deleteRecursively(layout.classes());
        ProcessorBenchmark.deleteRecursively(layout.generated());
        Files.createDirectories(layout.classes());
        Files.createDirectories(layout.generated());
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-nowarn",
                "-classpath", classPath, "-d", layout.classes().toString(), "-s", layout.generated().toString()));
        if (layout.reference() != null) {
            arguments.addAll(List.of("-processorpath", paths(layout.reference().getName()), "-processor",
                    layout.reference().getName()));
        } else if (layout.snapshots() == null) {
            arguments.add("-proc:none");
        } else {
            arguments.addAll(List.of("-processorpath", processorPath,
                    "-Aviewmigrate.snapshots=" + layout.snapshots()));
        }
        layout.sources().forEach(source -> arguments.add(source.toString()));
        Files.write(argumentFile, arguments.stream().map(Javac::quoted).toList(), StandardCharsets.UTF_8);

        // bash runs javac and then prints its children's CPU time with the "times" builtin (getrusage).
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "\"$@\"; status=$?; times > \"$VIEWMIGRATE_TIMES\"; exit $status", "javac-timed"));
        command.add(launcher.toString());
        jvmOptions.forEach(option -> command.add("-J" + option));
        command.add("@" + argumentFile);
        Path log = argumentFile.resolveSibling(argumentFile.getFileName() + ".log");
        Path times = argumentFile.resolveSibling(argumentFile.getFileName() + ".times");
        Files.deleteIfExists(times);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("VIEWMIGRATE_TIMES", times.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("javac did not finish within 30 minutes: " + command);
        }
        long elapsed = System.nanoTime() - start;
        return new Result(elapsed, childCpuNanos(times), process.exitValue(),
                Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The second line of bash's {@code times}: the children's user and system time, e.g. {@code 0m1.234s 0m0.100s}. */
    private static long childCpuNanos(Path times) throws IOException {
        List<String> lines = Files.exists(times) ? Files.readAllLines(times, StandardCharsets.UTF_8) : List.of();
        Matcher matcher = lines.size() < 2 ? null : TIMES.matcher(lines.get(1));
        if (matcher == null || !matcher.find()) {
            throw new IllegalStateException("Could not read javac's CPU time from bash's 'times' output " + lines
                    + " (" + times + ").");
        }
        return duration(matcher.group(1), matcher.group(2)) + duration(matcher.group(3), matcher.group(4));
    }

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private static long duration(String minutes, String seconds) {
        return Long.parseLong(minutes) * 60_000_000_000L + Math.round(Double.parseDouble(seconds) * 1e9);
    }

    /** A new instance of the processor from this benchmark's class path (a runtime dependency of the module). */
    private static Processor newProcessor() {
        try {
            return (Processor) Class.forName("dev.viewmigrate.processor.ViewMigrateProcessor").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the viewmigrate processor: " + e, e);
        }
    }

    /** An argument file entry: javac's @file syntax takes double-quoted strings with backslash escapes. */
    private static String quoted(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * Runs only the annotation processor on the sources, in this JVM, with a fresh file manager: it freezes a new
     * revision when the views changed. Returns javac's output; throws when the compile reports an error.
     */
    String freezeInProcess(List<Path> sources, Path generated, Path classes, Path snapshots) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No system Java compiler: run the benchmark on a JDK.");
        }
        Files.createDirectories(generated);
        Files.createDirectories(classes);
        // -d too: the processor writes its service file to the class output, which is the working directory without it.
        List<String> options = List.of("--release", "17", "-encoding", "UTF-8", "-nowarn", "-proc:only",
                "-classpath", classPath, "-s", generated.toString(), "-d", classes.toString(),
                "-Aviewmigrate.snapshots=" + snapshots);
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task =
                    compiler.getTask(output, files, null, options, null, files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(List.of(newProcessor()));
            Boolean ok = task.call();
            if (!Boolean.TRUE.equals(ok)) {
                throw new IllegalStateException("Freezing a revision in-process failed:\n" + output);
            }
        }
        return output.toString();
    }
}
