package org.fangxin.protection.domain;

import java.time.Duration;
import java.time.Instant;

/** Consumers' "store closed" reports: {@code reportersNeeded} distinct consumers within {@code window} open a case. */
public record SuspicionRule(int reportersNeeded, Duration window) {

    public SuspicionRule {
        if (reportersNeeded < 1 || reportersNeeded > 1000) {
            throw new IllegalArgumentException("reportersNeeded is 1 to 1000");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window is positive");
        }
    }

    /** Reports from this instant on count (the later of window start and the last clearing of a case). */
    public Instant countFrom(Instant now, Instant lastCleared) {
        Instant start = now.minus(window);
        return lastCleared != null && lastCleared.isAfter(start) ? lastCleared : start;
    }

    public boolean suspected(long distinctReporters) {
        return distinctReporters >= reportersNeeded;
    }
}
