package org.fangxin.risk.domain;

import java.util.Objects;

/**
 * How much a factor may cost (weight, in score points of 100) and where its penalty starts ({@code okAt}) and is full
 * ({@code badAt}). {@code badAt} may lie below {@code okAt} (e.g. days of lease left: fewer is worse).
 */
public record FactorWeight(Factor factor, int weight, long okAt, long badAt) {

    public static final int WEIGHT_MAX = 100;

    public FactorWeight {
        Objects.requireNonNull(factor, "factor");
        if (weight < 0 || weight > WEIGHT_MAX) {
            throw new IllegalArgumentException("weight must be 0 to " + WEIGHT_MAX + ": " + weight);
        }
        if (okAt == badAt) {
            throw new IllegalArgumentException("okAt and badAt must differ for " + factor);
        }
    }

    /** The share of the weight a value costs, in basis points: 0 at or before okAt, 10000 at or beyond badAt, linear between. */
    public int severityBp(long value) {
        long low = Math.min(okAt, badAt);
        long high = Math.max(okAt, badAt);
        long clamped = Math.max(low, Math.min(high, value));
        long fromOk = Math.abs(clamped - okAt);
        return (int) (fromOk * 10_000L / (high - low));
    }

    /** The penalty of a value, in hundredths of a score point (0 to weight·100). */
    public int penaltyCenti(long value) {
        return weight * severityBp(value) / 100;
    }
}
