package org.fangxin.testing;

import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/**
 * Waits for what an asynchronous after-commit listener does (a notice in an inbox, ADR 11): retries the assertion
 * until it holds, at most {@link #WAIT_MAX}. Time in the tests moves with the test clock; this only waits for another
 * thread.
 */
public final class Eventually {

    public static final Duration WAIT_MAX = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static void holds(ThrowingRunnable assertion) {
        Awaitility.await().atMost(WAIT_MAX).pollInterval(Duration.ofMillis(25)).untilAsserted(assertion);
    }

    /** Polls until {@code probe} finds something, at most {@link #WAIT_MAX}, and answers it. */
    public static <T> T present(Supplier<java.util.Optional<T>> probe) {
        return Awaitility.await().atMost(WAIT_MAX).pollInterval(Duration.ofMillis(25))
                .until(probe::get, java.util.Optional::isPresent).orElseThrow();
    }

    /** Polls until {@code condition} holds, at most {@code max}; the caller asserts afterwards (a timeout is silent). */
    public static void awaitTrue(Supplier<Boolean> condition, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
