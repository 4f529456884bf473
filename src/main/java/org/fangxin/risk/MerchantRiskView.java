package org.fangxin.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A merchant's risk as of its last rating: the score (hundredths of a point, 0–10000), the tier the score alone gives
 * ({@code rawTier}) and the tier in force ({@code tier}, after hysteresis and any override), a move up pending since
 * when, the 放心商户 badge, every factor, the terms in force and an operator override if any.
 */
public record MerchantRiskView(UUID merchantId, String legalName, String regionCode, String sector, int scoreCenti,
                               RiskTier rawTier, RiskTier tier, LocalDate tierSince, RiskTier pendingUpTo,
                               LocalDate pendingSince, boolean badge, LocalDate badgeSince, LocalDate scoredOn,
                               List<FactorView> factors, TermsView terms, Override override) {

    public MerchantRiskView {
        factors = List.copyOf(factors);
    }

    /** An operator's tier override: in force until {@code until}. */
    public record Override(RiskTier tier, String reason, Instant until, String by) { }

    /** The score in points with one decimal, as people read it. */
    public String scoreText() {
        return (scoreCenti / 100) + "." + (scoreCenti % 100) / 10;
    }
}
