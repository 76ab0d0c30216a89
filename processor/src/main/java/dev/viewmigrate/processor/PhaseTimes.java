package dev.viewmigrate.processor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where a compile's processor time goes, phase by phase, printed to standard error when javac's JVM runs with
 * {@code -Dviewmigrate.timing=true} ({@code javac -J-Dviewmigrate.timing=true ...}): the wall time and the CPU time of
 * the compiling thread per phase. For profiling the processor (docs/benchmarks.md); off, it costs nothing but a
 * property read per compile.
 */
public final class PhaseTimes {
    public static final String PROPERTY = "viewmigrate.timing";

    private final boolean enabled = Boolean.getBoolean(PROPERTY);
    private final ThreadMXBean threads = enabled ? ManagementFactory.getThreadMXBean() : null;

    /** Runs {@code phase}, timing it when enabled. */
    public <T> T time(String name, Supplier<T> phase) {
        if (!enabled) {
            return phase.get();
        }
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        try {
            return phase.get();
        } finally {
            System.err.printf(Locale.ROOT, "viewmigrate timing: %-28s %7.1f ms wall %7.1f ms CPU%n", name,
                    (System.nanoTime() - wall) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
        }
    }

    /** Runs {@code phase}, timing it when enabled. */
    public void run(String name, Runnable phase) {
        time(name, () -> {
            phase.run();
            return null;
        });
    }
}
