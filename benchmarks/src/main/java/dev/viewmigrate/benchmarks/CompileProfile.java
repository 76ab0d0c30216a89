package dev.viewmigrate.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a javac process spent its time, from a JDK Flight Recorder file ({@code jdk.ExecutionSample} events, every
 * 10 ms per running Java thread with {@code settings=profile}). Each sample is counted in every bucket whose frame is
 * on its stack (inclusive), so the buckets overlap: "processor" contains "planning", which contains "JSqlParser".
 * Time in the JVM itself (start-up, JIT compiler threads, GC) is not sampled; compare the sample total with the
 * wall time.
 */
final class CompileProfile {
    /** A bucket: a name and the frames that put a sample in it. */
    private record Bucket(String name, Predicate<List<String>> matches) {}

    private static final List<Bucket> BUCKETS = List.of(
            bucket("javac: parse sources", "com.sun.tools.javac.main.JavaCompiler.parseFiles"),
            bucket("javac: enter (symbols, imports)", "com.sun.tools.javac.main.JavaCompiler.enterTrees"),
            bucket("javac: annotation processing (rounds, incl. the processor)",
                    "com.sun.tools.javac.processing.JavacProcessingEnvironment.doProcessing"),
            bucket("javac: attribute (types)", "com.sun.tools.javac.main.JavaCompiler.attribute"),
            bucket("javac: flow analysis", "com.sun.tools.javac.main.JavaCompiler.flow"),
            bucket("javac: desugar", "com.sun.tools.javac.main.JavaCompiler.desugar"),
            bucket("javac: generate bytecode, write classes", "com.sun.tools.javac.main.JavaCompiler.generate"),
            prefix("processor: all of ViewMigrateProcessor.process", "dev.viewmigrate.processor."),
            bucket("  read revision files (SnapshotDirectory.read)",
                    "dev.viewmigrate.processor.snapshot.SnapshotDirectory.read"),
            prefix("    of which snakeyaml-engine", "org.snakeyaml.engine."),
            bucket("  extract @View annotations (Extractor.view)", "dev.viewmigrate.processor.extract.Extractor.view"),
            bucket("  validate views (ViewValidator.validate)",
                    "dev.viewmigrate.processor.validation.ViewValidator.validate"),
            bucket("  entity/view column check (ColumnCheck.check)",
                    "dev.viewmigrate.processor.columns.ColumnCheck.check"),
            bucket("  dependency check of the declared views (checkDependencies)",
                    "dev.viewmigrate.processor.ViewMigrateProcessor.checkDependencies"),
            bucket("  diff against the newest snapshot (ViewDiff.between)",
                    "dev.viewmigrate.processor.diff.ViewDiff.between"),
            bucket("  write new revision files (SnapshotDirectory.append)",
                    "dev.viewmigrate.processor.snapshot.SnapshotDirectory.append"),
            bucket("  generate all migration sources (MigrationWriter.files)",
                    "dev.viewmigrate.processor.writing.MigrationWriter.files"),
            bucket("    plan every revision (Planner.plan)", "dev.viewmigrate.processor.plan.Planner.plan"),
            bucket("    replay the chain (FrozenState.apply)", "dev.viewmigrate.processor.model.FrozenState.apply"),
            bucket("    render SQL (SqlRenderer.statements)", "dev.viewmigrate.processor.plan.SqlRenderer.statements"),
            bucket("    checksums (SnapshotFormat.checksum)",
                    "dev.viewmigrate.processor.snapshot.SnapshotFormat.checksum"),
            bucket("    JavaPoet: build and print the Java text",
                    "com.palantir.javapoet.JavaFile.toString", "com.palantir.javapoet.JavaFile.writeTo",
                    "com.palantir.javapoet.CodeBlock$Builder.add", "com.palantir.javapoet.TypeSpec$Builder.build",
                    "com.palantir.javapoet.FieldSpec$Builder.build"),
            bucket("  hand the sources to the Filer (emit)", "dev.viewmigrate.processor.ViewMigrateProcessor.emit"),
            prefix("  JSqlParser, wherever called", "net.sf.jsqlparser."),
            prefix("  JavaPoet, wherever called", "com.palantir.javapoet."));

    private static Bucket bucket(String name, String... methods) {
        List<String> wanted = List.of(methods);
        return new Bucket(name, frames -> frames.stream().anyMatch(wanted::contains));
    }

    private static Bucket prefix(String name, String packagePrefix) {
        return new Bucket(name, frames -> frames.stream().anyMatch(frame -> frame.startsWith(packagePrefix)));
    }

    private final int samples;
    private final Map<String, Integer> counts;
    private final Map<String, Integer> topSelfFrames;
    /** JIT compiler threads' total time (jdk.CompilerStatistics), GC time and count: CPU the samples don't see. */
    private final long jitMillis;
    private final double gcMillis;
    private final int collections;

    private CompileProfile(int samples, Map<String, Integer> counts, Map<String, Integer> topSelfFrames,
            long jitMillis, double gcMillis, int collections) {
        this.samples = samples;
        this.counts = counts;
        this.topSelfFrames = topSelfFrames;
        this.jitMillis = jitMillis;
        this.gcMillis = gcMillis;
        this.collections = collections;
    }

    static CompileProfile read(Path recording) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        BUCKETS.forEach(bucket -> counts.put(bucket.name(), 0));
        Map<String, Integer> selfFrames = new TreeMap<>();
        int samples = 0;
        long jitMillis = 0;
        double gcMillis = 0;
        int collections = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.CompilerStatistics")) {
                jitMillis = Math.max(jitMillis, event.getDuration("totalTimeSpent").toMillis());
                continue;
            }
            if (type.equals("jdk.GarbageCollection")) {
                gcMillis += event.getDuration().toNanos() / 1e6;
                collections++;
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<String> frames = new ArrayList<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                RecordedMethod method = frame.getMethod();
                frames.add(method.getType().getName() + "." + method.getName());
            }
            for (Bucket bucket : BUCKETS) {
                if (bucket.matches().test(frames)) {
                    counts.merge(bucket.name(), 1, Integer::sum);
                }
            }
            if (!frames.isEmpty()) {
                selfFrames.merge(frames.get(0), 1, Integer::sum);
            }
        }
        return new CompileProfile(samples, counts, selfFrames, jitMillis, gcMillis, collections);
    }

    /** The buckets with their share of the samples, then the hottest methods by self time. */
    void print(String title, double wallMillis, double cpuMillis) {
        System.out.printf(Locale.ROOT, "  %s: %d samples of 10 ms (%.1f s of Java code; the compile took %.1f s "
                + "wall time, %.1f s CPU)%n", title, samples, samples / 100.0, wallMillis / 1000, cpuMillis / 1000);
        System.out.printf(Locale.ROOT, "    outside Java code: JIT compilation %.1f s (all compiler threads), garbage "
                + "collection %.1f s (%d collections)%n", jitMillis / 1000.0, gcMillis / 1000, collections);
        if (samples == 0) {
            return;
        }
        counts.forEach((name, count) -> {
            if (count > 0 || !name.startsWith(" ")) {
                System.out.printf(Locale.ROOT, "    %-66s %5.1f%%  (%d)%n", name, 100.0 * count / samples, count);
            }
        });
        System.out.println("    hottest methods (self time):");
        topSelfFrames.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(12)
                .forEach(entry -> System.out.printf(Locale.ROOT, "      %5.1f%%  %s%n",
                        100.0 * entry.getValue() / samples, entry.getKey()));
    }
}
