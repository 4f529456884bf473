package org.fangxin.risk.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Where a rating run's time goes: wall time per phase summed over its chunks (inputs read, ratings computed, writes,
 * alerts, commit), logged once per nightly run so a slow night can be told apart without a profiler
 * (docs/performance.md). One run's, used by one thread at a time.
 */
public final class RunPhases {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Runs the work and adds its wall time to the phase. */
    public <T> T time(String phase, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - started);
        }
    }

    public void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    public void add(String phase, long elapsedNanos) {
        nanos.merge(phase, elapsedNanos, Long::sum);
    }

    public long nanos(String phase) {
        return nanos.getOrDefault(phase, 0L);
    }

    /** E.g. {@code positions 1.2 s, activity 3.4 s}, in the order the phases were first met. */
    @Override
    public String toString() {
        StringJoiner summary = new StringJoiner(", ");
        nanos.forEach((phase, n) -> summary.add(String.format(java.util.Locale.ROOT, "%s %.1f s", phase, n / 1e9)));
        return summary.toString();
    }
}
