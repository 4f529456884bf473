package org.fangxin.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: operation {@code i} is due at {@code start + i / rate}, whatever the answers before it did, and is
 * sent by whichever of {@code senders} threads is free. Its latency is taken from that due time, not from when a
 * sender got to it, so a slow answer that delays later sends counts against them too (no coordinated omission).
 * Enough senders keep the schedule when an answer stalls; the largest start lag shows whether they did.
 */
final class PacedRun {

    private PacedRun() {
    }

    /** The row's ops/s is the rate achieved; its name says how late the latest send started after its due time. */
    static LoadRun.Result run(String name, double ratePerSecond, int senders, long durationMillis, LoadRun.Operation operation)
            throws InterruptedException {
        long due = (long) Math.floor(ratePerSecond * durationMillis / 1000.0);
        long intervalNanos = (long) (1e9 / ratePerSecond);
        long[] latencies = new long[(int) due];
        AtomicLongArray outcome = new AtomicLongArray((int) due); // 1 ok, 2 failed, 0 not sent (work used up)
        AtomicLong next = new AtomicLong();
        AtomicLong lateMax = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L; // every sender is waiting before the first is due
        Thread[] threads = new Thread[senders];
        for (int s = 0; s < senders; s++) {
            threads[s] = new Thread(() -> {
                for (long i; (i = next.getAndIncrement()) < due; ) {
                    long dueAt = start + i * intervalNanos;
                    for (long wait; (wait = dueAt - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    lateMax.accumulateAndGet(System.nanoTime() - dueAt, Math::max);
                    boolean ok;
                    try {
                        ok = operation.run();
                    } catch (LoadRun.Exhausted e) {
                        next.set(due); // nothing left to send: the others stop too
                        return;
                    } catch (Exception e) {
                        ok = false;
                    }
                    latencies[(int) i] = System.nanoTime() - dueAt;
                    outcome.set((int) i, ok ? 1 : 2);
                }
            }, "paced-sender-" + s);
            threads[s].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return summarise(name, senders, latencies, outcome, seconds, lateMax.get() / 1e6);
    }

    private static LoadRun.Result summarise(String name, int senders, long[] latencies, AtomicLongArray outcome, double seconds,
                                     double lateMillis) {
        long[] ok = new long[latencies.length];
        int count = 0;
        long failures = 0;
        for (int i = 0; i < latencies.length; i++) {
            if (outcome.get(i) == 1) {
                ok[count++] = latencies[i];
            } else if (outcome.get(i) == 2) {
                failures++;
            }
        }
        long[] sorted = Arrays.copyOf(ok, count);
        Arrays.sort(sorted);
        return LoadRun.Result.of(String.format("%s; latest send %.1f ms late", name, lateMillis), senders, failures, seconds,
                sorted);
    }
}
