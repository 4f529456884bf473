package org.fangxin.risk.domain;

import java.time.LocalDate;

/**
 * The 放心商户 (trusted merchant) badge: tier A held for the policy's days with no upheld complaint in that time. Lost at
 * once when the tier drops (the tier's start moves) or a complaint is upheld.
 */
public final class Badge {

    private Badge() {
    }

    /** Whether the merchant holds the badge on {@code today}; {@code lastUpheldComplaint} null when there was none. */
    public static boolean held(TierState state, LocalDate today, LocalDate lastUpheldComplaint, TierPolicy policy) {
        if (!state.heldTierA(today, policy.badgeAfterDays())) {
            return false;
        }
        LocalDate windowStart = today.minusDays(policy.badgeAfterDays());
        return lastUpheldComplaint == null || lastUpheldComplaint.isBefore(windowStart);
    }
}
