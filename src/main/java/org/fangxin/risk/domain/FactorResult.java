package org.fangxin.risk.domain;

import java.time.LocalDate;

/**
 * A factor as it entered the score: its value, the weight and thresholds applied, the severity (basis points of the
 * weight) and the contribution (hundredths of a point taken off 100), with its source and as-of day.
 */
public record FactorResult(Factor factor, Long value, LocalDate asOf, String source, int weight, long okAt, long badAt,
                           int severityBp, int contributionCenti) {

    /** Whether the value is at or beyond the point where the factor costs its full weight. */
    public boolean atThreshold() {
        return severityBp >= 10_000;
    }
}
