package dev.viewmigrate.runtime.internal.targets;

import dev.viewmigrate.runtime.Target;
import dev.viewmigrate.runtime.TargetResult;
import dev.viewmigrate.runtime.TargetResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one operation on many targets with at most {@code parallel} at a time, in the order given: each worker takes
 * the next target not started yet. With stop-on-failure, a failure lets the targets already running finish and
 * starts no other: those are reported {@link Outcome#NOT_RUN}, naming the target that failed.
 */
public final class TargetExecutor {
    private TargetExecutor() {}

    /**
     * @param task     the operation on one target; it reports its own failures as a {@link Outcome#FAILED} result
     *                 (an {@link Error} ends the run)
     * @param finished called once per target that ran, as soon as it finished, one call at a time
     */
    public static <R> List<TargetResult<R>> run(List<Target> targets, int parallel, boolean stopOnFailure,
            Function<Target, TargetResult<R>> task, Consumer<TargetResult<R>> finished) {
        int size = targets.size();
        @SuppressWarnings("unchecked")
        TargetResult<R>[] results = new TargetResult[size];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Target> stoppedBy = new AtomicReference<>();
        Object reporting = new Object();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
                Target target = targets.get(i);
                Target failed = stoppedBy.get();
                if (failed != null) {
                    results[i] = notRun(target, failed);
                    continue;
                }
                TargetResult<R> result = task.apply(target);
                results[i] = result;
                if (stopOnFailure && result.outcome() == Outcome.FAILED) {
                    stoppedBy.compareAndSet(null, target);
                }
                synchronized (reporting) {
                    finished.accept(result);
                }
            }
        };
        int threads = Math.max(1, Math.min(parallel, size));
        if (threads == 1) {
            worker.run();
        } else {
            runOnThreads(worker, threads);
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    private static void runOnThreads(Runnable worker, int threads) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "viewmigrate-target-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(() -> {
                    worker.run();
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running on many targets", e);
        } catch (ExecutionException e) {
            // Only an Error gets here: every failure of a target is a FAILED result.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> TargetResult<R> notRun(Target target, Target failed) {
        return new TargetResult<>(target, Outcome.NOT_RUN, 0, Duration.ZERO,
                "not run: the run stopped after " + failed.displayName() + " failed", Optional.empty(),
                Optional.empty());
    }
}
