package dev.viewmigrate.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The timings of one tool and operation, in nanoseconds, and their median, minimum and maximum. */
final class Samples {
    private final List<Long> nanos = new ArrayList<>();

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    int size() {
        return nanos.size();
    }

    boolean isEmpty() {
        return nanos.isEmpty();
    }

    /** The median; the mean of the two middle values for an even count. */
    double medianMillis() {
        List<Long> sorted = sorted();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
        return median / 1e6;
    }

    double minMillis() {
        return sorted().get(0) / 1e6;
    }

    double maxMillis() {
        List<Long> sorted = sorted();
        return sorted.get(sorted.size() - 1) / 1e6;
    }

    private List<Long> sorted() {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted;
    }
}
