package org.fangxin.insurance;

import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A policy's loss ratio: claims approved or paid ÷ premium billed, in basis points rounded half up; null while nothing
 * was billed (a ratio over zero premium means nothing).
 */
public record LossRatioView(UUID policyId, Money premiumBilled, Money claimsApproved, Long lossRatioBps) {

    /** For people: "12.34 %", or "—" when nothing was billed. */
    public String percent() {
        if (lossRatioBps == null) {
            return "—";
        }
        return String.format("%d.%02d %%", lossRatioBps / 100, lossRatioBps % 100);
    }

    public static LossRatioView of(UUID policyId, Money premiumBilled, Money claimsApproved) {
        if (!premiumBilled.isPositive()) {
            return new LossRatioView(policyId, premiumBilled, claimsApproved, null);
        }
        // half up: (2·claims·10000 + premium) / (2·premium), exact in long for any realistic amounts
        long numerator = Math.addExact(Math.multiplyExact(Math.multiplyExact(claimsApproved.amountMinor(), 10_000L), 2L),
                premiumBilled.amountMinor());
        return new LossRatioView(policyId, premiumBilled, claimsApproved,
                numerator / Math.multiplyExact(premiumBilled.amountMinor(), 2L));
    }
}
