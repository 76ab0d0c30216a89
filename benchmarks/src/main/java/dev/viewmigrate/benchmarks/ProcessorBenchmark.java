package dev.viewmigrate.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;

/**
 * Issue 9's processor benchmark: compiles a generated project of N {@code @View} entities with {@code javac} alone
 * and with the viewmigrate processor, side by side in one run, and prints medians and ratios:
 * <ol>
 *   <li>for reference, javac with a processor that does nothing ({@link IdleProcessor}): javac's own price for
 *       running annotation processing at all, and with one that only writes one empty class ({@link FloorProcessor}):
 *       the floor of any processor that generates code;</li>
 *   <li>a first compile (no revision yet: the processor freezes one revision creating all N views);</li>
 *   <li>a no-change compile after 1 revision;</li>
 *   <li>a no-change compile after R revisions (default 100), a history frozen beforehand by the processor itself,
 *       one small edit at a time (see {@link EntityProject#change});</li>
 * </ol>
 * then, once each, javac alone and a first compile with the processor on a much larger project (default 5,000
 * views), and with {@code --profile} a flight recording of compiles 1 and 3 broken down by phase, plus javac alone
 * on the entities together with the generated migrations (the cost of compiling the generated code).
 *
 * <p>Every compile is a new {@code javac} process into empty output directories (see {@link Javac}). Asserts nothing
 * about time; checks that each compile did its work: exit code 0, the class files there, one new revision file on a
 * first compile, and the revision files untouched by a no-change compile.
 *
 * <p>Run it from the repository root (one command; {@code -am} builds the modules it uses):
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.viewmigrate.benchmarks.ProcessorBenchmark
 * </pre>
 * Options, as {@code -Dexec.args="--name=value ..."}: {@code views} (default 1000), {@code revisions} (100),
 * {@code repetitions} (5), {@code bigViews} (5000; 0 skips it), {@code profile} ({@code true} adds the profile),
 * {@code keep} (a directory to keep the projects, recordings and logs in), and {@code --quick}: 200 views, 10
 * revisions, 2 repetitions, 1,000 big views, for a smoke check (7 minutes at a load average of 6 on two cores).
 */
public final class ProcessorBenchmark {
    /** Issue 9's targets. */
    static final double FIRST_COMPILE_TARGET = 1.5;
    static final double NO_CHANGE_TARGET = 1.3;
    static final double HISTORY_OVERHEAD_TARGET_POINTS = 10;

    enum Row {
        JAVAC_BASE("javac alone", "the N entities (sources of compiles 1 and 2)"),
        IDLE("javac + idle", "0. a processor doing nothing"),
        FLOOR("javac + floor", "0. a processor writing one empty class"),
        FIRST("javac + viewmigrate", "1. first compile, freezes 1 revision"),
        NO_CHANGE_ONE("javac + viewmigrate", "2. no-change compile, 1 revision"),
        JAVAC_HISTORY("javac alone", "the N entities after R revisions' edits"),
        NO_CHANGE_HISTORY("javac + viewmigrate", "3. no-change compile, R revisions");

        final String tool;
        final String operation;

        Row(String tool, String operation) {
            this.tool = tool;
            this.operation = operation;
        }
    }

    private final Config config;
    private final Path work;
    private final Javac javac;
    private final Map<Row, Samples> samples = new EnumMap<>(Row.class);
    private final Map<Row, Samples> cpu = new EnumMap<>(Row.class);
    private final Map<Row, String> failures = new EnumMap<>(Row.class);
    private final Map<Row, Output> outputs = new EnumMap<>(Row.class);
    private List<Path> baseSources;
    private List<Path> historySources;
    private Path oneRevision;
    private Path history;
    private int argumentFiles;

    private ProcessorBenchmark(Config config, Path work) {
        this.config = config;
        this.work = work;
        this.javac = Javac.locate();
        for (Row row : Row.values()) {
            samples.put(row, new Samples());
            cpu.put(row, new Samples());
        }
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path work = config.keep().orElse(null);
        if (work == null) {
            work = Files.createTempDirectory("viewmigrate-processor-benchmark");
        } else if (Files.exists(work) && !isEmptyDirectory(work)) {
            System.err.println("--keep=" + work + " must name a new or empty directory: the benchmark writes its "
                    + "projects there and does not delete anything it did not write. Pick another directory.");
            System.exit(2);
            return;
        } else {
            Files.createDirectories(work);
        }
        try {
            new ProcessorBenchmark(config, work).run();
        } finally {
            if (config.keep().isEmpty()) {
                deleteRecursively(work);
            }
        }
    }

    private void run() throws Exception {
        printEnvironment();
        prepare();

        System.out.println("Warm-up (not recorded) ...");
        compile(Row.JAVAC_BASE, false);
        compile(Row.FIRST, false);
        List<Row> rows = List.of(Row.values());
        for (int r = 1; r <= config.repetitions(); r++) {
            System.out.printf(Locale.ROOT, "Repetition %d of %d ...%n", r, config.repetitions());
            for (int i = 0; i < rows.size(); i++) {
                // Rotate the starting compile, so that none always follows the same neighbour.
                compile(rows.get((i + r) % rows.size()), true);
            }
        }
        System.out.println();
        printTable();
        printOutputs();
        if (config.bigViews() > 0) {
            bigProject();
        }
        if (config.profile()) {
            profile();
        }
        System.out.printf(Locale.ROOT, "%nLoad average at the end: %s%n", loadAverage());
    }

    private void printEnvironment() {
        System.out.printf(Locale.ROOT, "viewmigrate processor benchmark: N = %d views, R = %d revisions, %d "
                        + "repetitions, big project %d views%n", config.views(), config.revisions(),
                config.repetitions(), config.bigViews());
        System.out.printf(Locale.ROOT, "Java %s (%s), javac %s, %d processors%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), javac.launcher(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "Processor path: %s%n", javac.processorPath());
        System.out.printf(Locale.ROOT, "Load average at the start: %s%n", loadAverage());
        System.out.println();
    }

    /**
     * Writes the project, freezes revision 1 (for compile 2) and the R-revision history (for compile 3) with the
     * processor in this JVM, outside the timing.
     */
    private void prepare() throws IOException {
        EntityProject base = new EntityProject(config.views());
        baseSources = base.write(work.resolve("base/src"));

        EntityProject edited = new EntityProject(config.views());
        historySources = edited.write(work.resolve("history/src"));
        history = work.resolve("history/viewmigrate");
        Files.createDirectories(history);
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "Freezing the history of %d revisions with the processor (-proc:only, in "
                + "this JVM) ...%n", config.revisions());
        freeze(historySources, 1);
        oneRevision = work.resolve("one/viewmigrate");
        copyDirectory(history, oneRevision);
        for (int k = 1; k < config.revisions(); k++) {
            String what = edited.change(k);
            edited.write(work.resolve("history/src"));
            freeze(historySources, k + 1);
            if (k % 10 == 0 || k == config.revisions() - 1) {
                System.out.printf(Locale.ROOT, "  revision %d frozen (%s), %.0f s so far%n", k + 1, what,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "History ready: %d revision files, %s, in %.0f s%n%n",
                revisionFiles(history).size(), bytes(directorySize(history)), (System.nanoTime() - start) / 1e9);
    }

    private void freeze(List<Path> sources, int expectedRevisions) throws IOException {
        Path generated = work.resolve("history/freeze-generated");
        Path classes = work.resolve("history/freeze-classes");
        deleteRecursively(generated);
        deleteRecursively(classes);
        javac.freezeInProcess(sources, generated, classes, history);
        int count = revisionFiles(history).size();
        if (count != expectedRevisions) {
            throw new IllegalStateException("After freezing, " + history + " holds " + count
                    + " revision files, expected " + expectedRevisions + ": the edit did not freeze exactly one "
                    + "revision.");
        }
    }

    /** One timed compile of a row, checked; recorded when {@code record}. */
    private void compile(Row row, boolean record) throws IOException, InterruptedException {
        if (failures.containsKey(row)) {
            return; // a failing compile fails the same way every time: report it once
        }
        Path scratch = work.resolve("compile/" + row.name().toLowerCase(Locale.ROOT));
        Path snapshots = snapshotsFor(row, scratch);
        Javac.Layout layout = new Javac.Layout(sourcesFor(row), scratch.resolve("classes"),
                scratch.resolve("generated"), snapshots, reference(row));
        Map<Path, String> before = snapshots == null ? Map.of() : contents(snapshots);
        Javac.Result result = javac.compile(layout, argumentFile(scratch), List.of());
        Optional<String> problem = check(row, result, layout, before);
        if (problem.isPresent()) {
            failures.put(row, problem.get());
            System.out.printf(Locale.ROOT, "  %s, %s: FAILED after %.1f s: %s%n", row.tool, row.operation,
                    result.nanos() / 1e9, problem.get());
            return;
        }
        if (record) {
            samples.get(row).add(result.nanos());
            cpu.get(row).add(result.cpuNanos());
            outputs.putIfAbsent(row, Output.of(layout));
        }
    }

    private Path snapshotsFor(Row row, Path scratch) throws IOException {
        return switch (row) {
            case JAVAC_BASE, JAVAC_HISTORY, IDLE, FLOOR -> null;
            case FIRST -> {
                Path empty = scratch.resolve("viewmigrate");
                deleteRecursively(empty);
                Files.createDirectories(empty);
                yield empty;
            }
            case NO_CHANGE_ONE -> oneRevision;
            case NO_CHANGE_HISTORY -> history;
        };
    }

    /** The reference processor a row compiles with instead of viewmigrate's, if any. */
    private static Class<? extends Processor> reference(Row row) {
        return switch (row) {
            case IDLE -> IdleProcessor.class;
            case FLOOR -> FloorProcessor.class;
            default -> null;
        };
    }

    private List<Path> sourcesFor(Row row) {
        return row == Row.JAVAC_HISTORY || row == Row.NO_CHANGE_HISTORY ? historySources : baseSources;
    }

    private Path argumentFile(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        return scratch.resolve("javac-" + (++argumentFiles) + ".args");
    }

    /** What must hold after a compile of the row, or what went wrong. */
    private Optional<String> check(Row row, Javac.Result result, Javac.Layout layout, Map<Path, String> before)
            throws IOException {
        if (!result.ok()) {
            return Optional.of("javac exited with " + result.exitCode() + ":\n" + result.firstLines(8));
        }
        long classes = count(layout.classes(), ".class");
        if (classes < config.views()) {
            return Optional.of("only " + classes + " class files for " + config.views() + " entities");
        }
        if (layout.snapshots() == null) {
            return Optional.empty();
        }
        Map<Path, String> after = contents(layout.snapshots());
        if (row == Row.FIRST && after.size() != 1) {
            return Optional.of("the first compile left " + after.size() + " revision files, expected 1");
        }
        if (row != Row.FIRST && !after.equals(before)) {
            return Optional.of("a no-change compile changed the revision files in " + layout.snapshots());
        }
        int revisions = after.size();
        if (count(layout.classes(), ".class") < config.views() + revisions + 1) {
            return Optional.of("the migration classes of the " + revisions + " revisions were not compiled");
        }
        return Optional.empty();
    }

    private void printTable() {
        System.out.printf(Locale.ROOT, "%-20s %-46s %8s %8s %8s %8s   %-16s %s%n", "compiler", "compile", "wall", "min",
                "max", "CPU", "ratio wall", "ratio CPU  (to javac alone on the same sources; medians)");
        for (Row row : Row.values()) {
            String operation = describe(row);
            if (failures.containsKey(row)) {
                System.out.printf(Locale.ROOT, "%-20s %-46s %8s%n", row.tool, operation, "FAILED");
                continue;
            }
            Samples s = samples.get(row);
            if (s.isEmpty()) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-20s %-46s %7.2fs %7.2fs %7.2fs %7.2fs   %-16s %s%n", row.tool, operation,
                    s.medianMillis() / 1000, s.minMillis() / 1000, s.maxMillis() / 1000,
                    cpu.get(row).medianMillis() / 1000, ratio(samples, row).map(ProcessorBenchmark::percent).orElse(""),
                    ratio(cpu, row).map(ProcessorBenchmark::percent).orElse(""));
        }
        System.out.printf(Locale.ROOT, "(%d samples per row; wall = elapsed time of the javac process, CPU = user + "
                + "system time of javac and its threads)%n%n", config.repetitions());
        printTargets("wall time", samples);
        printTargets("CPU time", cpu);
    }

    private String describe(Row row) {
        return row.operation.replace("N ", config.views() + " ").replace("R revisions", config.revisions() + " revisions");
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2fx (%+.0f%%)", ratio, (ratio - 1) * 100);
    }

    private void printTargets(String measure, Map<Row, Samples> figures) {
        Optional<Double> first = ratio(figures, Row.FIRST);
        Optional<Double> one = ratio(figures, Row.NO_CHANGE_ONE);
        Optional<Double> many = ratio(figures, Row.NO_CHANGE_HISTORY);
        System.out.println("Targets, by " + measure + ":");
        System.out.println(target("  1. first compile at most " + FIRST_COMPILE_TARGET + "x javac alone",
                first.map(r -> String.format(Locale.ROOT, "%.2fx", r)), first.map(r -> r <= FIRST_COMPILE_TARGET)));
        System.out.println(target("  2. no-change compile (1 revision) at most " + NO_CHANGE_TARGET + "x javac alone",
                one.map(r -> String.format(Locale.ROOT, "%.2fx", r)), one.map(r -> r <= NO_CHANGE_TARGET)));
        System.out.println(target("  2. no-change compile (" + config.revisions() + " revisions) at most "
                + NO_CHANGE_TARGET + "x javac alone", many.map(r -> String.format(Locale.ROOT, "%.2fx", r)),
                many.map(r -> r <= NO_CHANGE_TARGET)));
        Optional<Double> points = one.flatMap(a -> many.map(b -> (b - a) * 100));
        System.out.println(target("  3. no-change overhead after " + config.revisions() + " revisions within "
                        + (int) HISTORY_OVERHEAD_TARGET_POINTS + " points of after 1",
                points.map(p -> String.format(Locale.ROOT, "%+.0f points", p)),
                points.map(p -> p <= HISTORY_OVERHEAD_TARGET_POINTS)));
        System.out.println();
    }

    private Optional<Double> ratio(Map<Row, Samples> figures, Row row) {
        Row reference = row == Row.NO_CHANGE_HISTORY || row == Row.JAVAC_HISTORY ? Row.JAVAC_HISTORY
                : Row.JAVAC_BASE;
        if (row == reference || failures.containsKey(row) || failures.containsKey(reference)
                || figures.get(row).isEmpty() || figures.get(reference).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(figures.get(row).medianMillis() / figures.get(reference).medianMillis());
    }

    private static String target(String what, Optional<String> figure, Optional<Boolean> met) {
        return what + ": " + figure.orElse("not measured") + met.map(m -> m ? " -> met" : " -> NOT met").orElse("");
    }

    /** What each compile produced: the generated sources javac compiles on top of the entities, and the classes. */
    private void printOutputs() {
        System.out.println("What each compile produced (first recorded compile of each row):");
        System.out.printf(Locale.ROOT, "  %-66s %10s %14s %16s %12s%n", "compile", "gen. files", "gen. Java",
                "gen. lines", "classes");
        outputs.forEach((row, output) -> System.out.printf(Locale.ROOT, "  %-66s %10d %14s %16d %12s%n",
                row.tool + ", " + describe(row),
                output.generatedFiles(), bytes(output.generatedBytes()), output.generatedLines(),
                bytes(output.classBytes())));
        try {
            System.out.printf(Locale.ROOT, "  revision files after %d revisions: %s%n", config.revisions(),
                    bytes(directorySize(history)));
        } catch (IOException e) {
            System.out.println("  revision files: " + e);
        }
        System.out.println();
    }

    /** Issue 9 item 2: one revision creating many views must compile. Once each, javac alone and with the processor. */
    private void bigProject() throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "Big project: %d @View entities, once each (no repetitions)%n",
                config.bigViews());
        EntityProject big = new EntityProject(config.bigViews());
        List<Path> sources = big.write(work.resolve("big/src"));
        Path scratch = work.resolve("compile/big");
        Javac.Result alone = javac.compile(new Javac.Layout(sources, scratch.resolve("classes"),
                scratch.resolve("generated"), null), argumentFile(scratch), List.of());
        System.out.printf(Locale.ROOT, "  javac alone:                        %6.1f s wall, %6.1f s CPU, %s%n",
                alone.nanos() / 1e9, alone.cpuNanos() / 1e9, alone.ok() ? "compiled" : "FAILED:\n" + alone.firstLines(8));
        Path snapshots = scratch.resolve("viewmigrate");
        deleteRecursively(snapshots);
        Files.createDirectories(snapshots);
        Javac.Layout layout = new Javac.Layout(sources, scratch.resolve("classes"), scratch.resolve("generated"),
                snapshots);
        Javac.Result first = javac.compile(layout, argumentFile(scratch), List.of());
        Output output = Output.of(layout);
        System.out.printf(Locale.ROOT, "  javac + viewmigrate, first compile: %6.1f s wall, %6.1f s CPU (%.2fx, "
                        + "%.2fx), %s%n", first.nanos() / 1e9, first.cpuNanos() / 1e9,
                (double) first.nanos() / alone.nanos(), (double) first.cpuNanos() / alone.cpuNanos(),
                first.ok() ? "compiled" : "FAILED (exit " + first.exitCode() + "):\n" + first.firstLines(8));
        System.out.printf(Locale.ROOT, "  revision files written: %d (%s); generated: %d files, %s, %d lines%n%n",
                revisionFiles(snapshots).size(), bytes(directorySize(snapshots)), output.generatedFiles(),
                bytes(output.generatedBytes()), output.generatedLines());
    }

    /**
     * Flight recordings of compiles 1 and 3 (one each), broken down by phase; and javac alone on the entities plus
     * the generated migration sources as ordinary sources, which separates the processor's own time from javac's
     * time compiling what it generated.
     */
    private void profile() throws IOException, InterruptedException {
        System.out.println("Profile (JDK Flight Recorder, settings=profile; one compile each, outside the table):");
        for (Row row : List.of(Row.FIRST, Row.NO_CHANGE_HISTORY)) {
            Path scratch = work.resolve("profile/" + row.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(scratch);
            Path recording = scratch.resolve("compile.jfr");
            Path snapshots = snapshotsFor(row, scratch);
            Javac.Layout layout = new Javac.Layout(sourcesFor(row), scratch.resolve("classes"),
                    scratch.resolve("generated"), snapshots);
            Javac.Result result = javac.compile(layout, argumentFile(scratch), List.of(
                    "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"));
            if (!result.ok()) {
                System.out.printf(Locale.ROOT, "  %s: FAILED:%n%s%n", row.operation, result.firstLines(8));
                continue;
            }
            CompileProfile.read(recording).print(row.tool + ", " + describe(row), result.nanos() / 1e6,
                    result.cpuNanos() / 1e6);

            // The generated sources, compiled by javac alone next to the entities: javac's share of the overhead.
            Path copy = scratch.resolve("generated-as-sources");
            deleteRecursively(copy);
            copyDirectory(layout.generated(), copy);
            List<Path> sources = new ArrayList<>(sourcesFor(row));
            try (Stream<Path> files = Files.walk(copy)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
            Samples withGenerated = new Samples();
            Samples alone = new Samples();
            Samples withGeneratedCpu = new Samples();
            Samples aloneCpu = new Samples();
            for (int i = 0; i < Math.min(3, config.repetitions()); i++) {
                Javac.Result a = javac.compile(new Javac.Layout(sourcesFor(row), scratch.resolve("alone-classes"),
                        scratch.resolve("alone-generated"), null), argumentFile(scratch), List.of());
                Javac.Result g = javac.compile(new Javac.Layout(sources, scratch.resolve("alone-classes"),
                        scratch.resolve("alone-generated"), null), argumentFile(scratch), List.of());
                if (!a.ok() || !g.ok()) {
                    System.out.println("    javac alone on the generated sources FAILED:\n"
                            + (a.ok() ? g : a).firstLines(8));
                    break;
                }
                alone.add(a.nanos());
                withGenerated.add(g.nanos());
                aloneCpu.add(a.cpuNanos());
                withGeneratedCpu.add(g.cpuNanos());
            }
            if (!alone.isEmpty()) {
                System.out.printf(Locale.ROOT, "    javac alone (medians of %d), entities only: %.2f s wall, %.2f s "
                                + "CPU; entities + the %d generated sources as plain sources: %.2f s wall, %.2f s CPU: "
                                + "compiling the generated code costs %.2f s wall, %.2f s CPU%n%n", alone.size(),
                        alone.medianMillis() / 1000, aloneCpu.medianMillis() / 1000,
                        sources.size() - sourcesFor(row).size(), withGenerated.medianMillis() / 1000,
                        withGeneratedCpu.medianMillis() / 1000,
                        (withGenerated.medianMillis() - alone.medianMillis()) / 1000,
                        (withGeneratedCpu.medianMillis() - aloneCpu.medianMillis()) / 1000);
            }
        }
    }

    /** The generated sources and compiled classes of one compile. */
    record Output(long generatedFiles, long generatedBytes, long generatedLines, long classBytes) {
        static Output of(Javac.Layout layout) {
            try {
                long files = 0;
                long bytes = 0;
                long lines = 0;
                try (Stream<Path> paths = Files.walk(layout.generated())) {
                    for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                        files++;
                        bytes += Files.size(path);
                        try (Stream<String> text = Files.lines(path, StandardCharsets.UTF_8)) {
                            lines += text.count();
                        }
                    }
                }
                return new Output(files, bytes, lines, directorySize(layout.classes()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<Path> revisionFiles(Path snapshots) throws IOException {
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Each file of the directory with a digest of its bytes: equal maps mean nothing was written. */
    private static Map<Path, String> contents(Path directory) throws IOException {
        Map<Path, String> contents = new LinkedHashMap<>();
        for (Path file : revisionFiles(directory)) {
            try {
                contents.put(file, HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return contents;
    }

    private static long count(Path directory, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(p -> p.toString().endsWith(suffix)).count();
        }
    }

    static long directorySize(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            long total = 0;
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                total += Files.size(path);
            }
            return total;
        }
    }

    private static String bytes(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
        }
    }

    /** The run's size, from {@code --name=value} arguments. */
    record Config(int views, int revisions, int repetitions, int bigViews, boolean profile, Optional<Path> keep) {
        static final String USAGE = "Usage: ProcessorBenchmark [--quick] [--views=N] [--revisions=R] "
                + "[--repetitions=K] [--bigViews=M] [--profile=true] [--keep=DIR]; defaults 1000, 100, 5, 5000, false "
                + "(--quick: 200, 10, 2, 1000). With Maven: mvn -B -q -pl benchmarks -am -DskipTests package exec:java "
                + "-Dexec.mainClass=dev.viewmigrate.benchmarks.ProcessorBenchmark -Dexec.args=\"--quick\"";

        static Config parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean quick = false;
            for (String arg : args) {
                if (arg.equals("--quick")) {
                    quick = true;
                    continue;
                }
                int equals = arg.indexOf('=');
                if (!arg.startsWith("--") || equals < 0) {
                    throw new IllegalArgumentException("Unknown argument '" + arg + "'. " + USAGE);
                }
                String name = arg.substring(2, equals);
                if (!List.of("views", "revisions", "repetitions", "bigViews", "profile", "keep").contains(name)) {
                    throw new IllegalArgumentException("Unknown option '--" + name + "'. " + USAGE);
                }
                values.put(name, arg.substring(equals + 1));
            }
            int views = number(values, "views", quick ? 200 : 1000, 50);
            return new Config(views, number(values, "revisions", quick ? 10 : 100, 1),
                    number(values, "repetitions", quick ? 2 : 5, 1), number(values, "bigViews", quick ? 1000 : 5000, 0),
                    Boolean.parseBoolean(values.getOrDefault("profile", "false")),
                    Optional.ofNullable(values.get("keep")).map(Path::of).map(Path::toAbsolutePath));
        }

        private static int number(Map<String, String> values, String name, int fallback, int minimum) {
            String text = values.get(name);
            if (text == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(text.strip());
                if (value >= minimum && (value == 0 || value >= 50 || !name.endsWith("iews"))) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Reported below with the usage.
            }
            throw new IllegalArgumentException("Option " + name + " must be a whole number of at least " + minimum
                    + (name.endsWith("iews") ? " (a project needs at least 50 views)" : "") + ", was '" + text
                    + "'. " + USAGE);
        }
    }
}
