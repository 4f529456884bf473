package org.fangxin.testing;

import java.time.Duration;
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
}
