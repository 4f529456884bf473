package org.fangxin.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Drives one operation from {@code clients} threads for a fixed duration and reports throughput and latency
 * percentiles. An operation returns true on success; failures are counted, not timed. Bounded by duration and by
 * {@code operationsMax}, so a run always stops by itself; a client whose work is used up stops early, and the rate is
 * taken over the time until the last client stopped.
 */
final class LoadRun {

    interface Operation {
        boolean run() throws Exception;
    }

    /** Thrown by an operation whose client has nothing left to do (its cards or codes are used up): it stops, uncounted. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("nothing left for this client", null, false, false);
        }
    }

    record Result(String name, int clients, long operations, long failures, double seconds,
                  double p50Millis, double p95Millis, double p99Millis, double maxMillis) {
        /** From the successful operations' latencies in nanoseconds, sorted. */
        static Result of(String name, int clients, long failures, double seconds, long[] sortedNanos) {
            return new Result(name, clients, sortedNanos.length, failures, seconds, percentile(sortedNanos, 0.50),
                    percentile(sortedNanos, 0.95), percentile(sortedNanos, 0.99), percentile(sortedNanos, 1.0));
        }

        double perSecond() {
            return operations / seconds;
        }

        String row() {
            return String.format("| %s | %d | %,d | %,d | %,.0f | %.2f | %.2f | %.2f | %.1f |", name, clients, operations,
                    failures, perSecond(), p50Millis, p95Millis, p99Millis, maxMillis);
        }
    }

    static final String HEADER = "| scenario | clients | ok | failed | ops/s | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|";

    static Result run(String name, int clients, long durationMillis, long operationsMax, IntFunction<Operation> perClient)
            throws InterruptedException {
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicLong failures = new AtomicLong();
        AtomicLong started = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[clients];
        long[] window = new long[2];
        for (int c = 0; c < clients; c++) {
            int client = c;
            Operation operation = perClient.apply(client);
            latencies[client] = new long[1 << 16];
            threads[c] = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    while (System.nanoTime() < window[1] && started.incrementAndGet() <= operationsMax) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = operation.run();
                        } catch (Exhausted e) {
                            break;
                        } catch (Exception e) {
                            ok = false;
                        }
                        long took = System.nanoTime() - t0;
                        if (!ok) {
                            failures.incrementAndGet();
                            continue;
                        }
                        if (counts[client] == latencies[client].length) {
                            latencies[client] = Arrays.copyOf(latencies[client], latencies[client].length * 2);
                        }
                        latencies[client][counts[client]++] = took;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[c].start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + durationMillis * 1_000_000L;
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return Result.of(name, clients, failures.get(), seconds, all);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(index, 0)] / 1e6;
    }
}
