package org.fangxin.risk.domain;

import org.fangxin.risk.RiskTier;

/**
 * Where a score falls: A from {@code aFromCenti}, B from {@code bFromCenti}, C from {@code cFromCenti}, D below (in
 * hundredths of a point); how many days a better score must last before the tier moves up; and how long tier A must
 * be held for the 放心商户 badge.
 */
public record TierPolicy(int aFromCenti, int bFromCenti, int cFromCenti, int upAfterDays, int badgeAfterDays) {

    public static final TierPolicy DEFAULT = new TierPolicy(8_000, 6_000, 4_000, 30, 90);

    public TierPolicy {
        if (!(aFromCenti > bFromCenti && bFromCenti > cFromCenti && cFromCenti > 0 && aFromCenti <= Scorecard.SCORE_MAX_CENTI)) {
            throw new IllegalArgumentException("tier thresholds must fall: A > B > C > 0");
        }
        if (upAfterDays < 0 || badgeAfterDays < 0) {
            throw new IllegalArgumentException("day counts are never negative");
        }
    }

    /** The tier the score alone would give (no hysteresis). */
    public RiskTier tierOf(int scoreCenti) {
        if (scoreCenti >= aFromCenti) {
            return RiskTier.A;
        }
        if (scoreCenti >= bFromCenti) {
            return RiskTier.B;
        }
        return scoreCenti >= cFromCenti ? RiskTier.C : RiskTier.D;
    }
}
