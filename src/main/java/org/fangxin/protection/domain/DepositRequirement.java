package org.fangxin.protection.domain;

import java.math.RoundingMode;
import org.fangxin.shared.Money;

/** The risk-deposit rule: required = max(floor, share × exposure − insured cover), never below the floor. */
public final class DepositRequirement {

    public static final int WHOLE_BPS = 10_000;

    private DepositRequirement() {
    }

    /**
     * The share of the exposure is rounded up to the fen (in the consumers' favour); a negative exposure counts as
     * none, and cover beyond the share only brings the requirement down to the floor.
     */
    public static Money required(Money floor, int shareBps, Money exposure, Money insuredCover) {
        if (shareBps < 0 || shareBps > WHOLE_BPS || floor.isNegative() || insuredCover.isNegative()) {
            throw new IllegalArgumentException("rule " + floor + " / " + shareBps + " bps, cover " + insuredCover);
        }
        Money positive = exposure.isNegative() ? Money.zero(exposure.currency()) : exposure;
        Money share = positive.fraction(shareBps, WHOLE_BPS, RoundingMode.CEILING);
        return floor.max(share.minus(insuredCover));
    }

    /** How much is missing: required − lodged, or zero. */
    public static Money shortfall(Money required, Money lodged) {
        Money gap = required.minus(lodged);
        return gap.isPositive() ? gap : Money.zero(required.currency());
    }
}
