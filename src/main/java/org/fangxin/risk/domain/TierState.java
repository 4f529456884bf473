package org.fangxin.risk.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.risk.RiskTier;

/**
 * A merchant's tier with its hysteresis: since when it holds {@code tier}; while the score points to a better tier,
 * since when ({@code upSince}) and the worst tier seen since then ({@code upTo}), which it moves up to once the better
 * scores have lasted long enough. Down moves happen at once. Pure state; {@link #next} is the only transition.
 */
public record TierState(RiskTier tier, LocalDate tierSince, LocalDate upSince, RiskTier upTo) {

    public TierState {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(tierSince, "tierSince");
        if ((upSince == null) != (upTo == null)) {
            throw new IllegalArgumentException("upSince and upTo go together");
        }
        if (upTo != null && !upTo.betterThan(tier)) {
            throw new IllegalArgumentException("a pending move up must lead to a better tier than " + tier);
        }
    }

    /** A merchant's first rating: never better than {@link RiskTier#INITIAL}, which it must earn its way up from. */
    public static TierState first(RiskTier raw, LocalDate today) {
        RiskTier start = RiskTier.worse(RiskTier.INITIAL, raw);
        TierState state = new TierState(start, today, null, null);
        return raw.betterThan(start) ? new TierState(start, today, today, raw) : state;
    }

    /**
     * The state after a rating on {@code today} that points to {@code raw}: worse → that tier at once; better → pending
     * until better ratings have lasted {@code upAfterDays}, then up to the worst tier seen meanwhile; same → nothing pending.
     */
    public TierState next(RiskTier raw, LocalDate today, int upAfterDays) {
        if (today.isBefore(tierSince)) {
            throw new IllegalArgumentException("ratings come in day order: " + today + " before " + tierSince);
        }
        if (raw.worseThan(tier)) {
            return new TierState(raw, today, null, null);
        }
        if (!raw.betterThan(tier)) {
            return new TierState(tier, tierSince, null, null);
        }
        LocalDate since = upSince == null ? today : upSince;
        RiskTier target = upTo == null ? raw : RiskTier.worse(upTo, raw);
        if (!since.plusDays(upAfterDays).isAfter(today)) {
            return new TierState(target, today, null, null);
        }
        return new TierState(tier, tierSince, since, target);
    }

    /** Whether the tier (A) has been held long enough for the badge on {@code today}. */
    public boolean heldTierA(LocalDate today, int days) {
        return tier == RiskTier.A && !tierSince.plusDays(days).isAfter(today);
    }
}
