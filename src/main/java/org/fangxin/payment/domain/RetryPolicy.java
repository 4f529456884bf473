package org.fangxin.payment.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded retries with exponential backoff: attempt n (1-based) is followed by a wait of base·2^(n−1), at most
 * {@code backoffMax}; after {@code attemptsMax} attempts the caller stops trying.
 */
public record RetryPolicy(int attemptsMax, Duration backoffBase, Duration backoffMax) {

    public RetryPolicy {
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (attemptsMax < 1 || attemptsMax > 50) {
            throw new IllegalArgumentException("attemptsMax must be 1..50: " + attemptsMax);
        }
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff must be positive and base <= max");
        }
    }

    /** The wait after the given (1-based) attempt failed. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based: " + attempt);
        }
        int doublings = Math.min(attempt - 1, 30);
        Duration delay = backoffBase.multipliedBy(1L << doublings);
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }

    public boolean exhausted(int attemptsMade) {
        return attemptsMade >= attemptsMax;
    }
}
