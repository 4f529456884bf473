package org.fangxin.risk;

import java.time.LocalDate;

/**
 * One factor of a merchant's score as the merchant, operators and regulators see it: the value (null: no data) in its
 * unit, where it came from and as of which day, the weight and thresholds applied, the severity (basis points of the
 * weight) and the contribution (hundredths of a point taken off 100).
 */
public record FactorView(String factor, Long value, String unit, LocalDate asOf, String source, int weight, long okAt,
                         long badAt, int severityBp, int contributionCenti) {

    /** Whether the value costs the factor's full weight. */
    public boolean atThreshold() {
        return severityBp >= 10_000;
    }
}
