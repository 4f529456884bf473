package org.fangxin.insurance.domain;

import org.fangxin.shared.Money;

/**
 * What a closure claim on one policy could recover of a merchant's advance exposure today: the exposure, cut by what
 * is left of the policy's per-merchant and aggregate limits this policy year and by its per-consumer limit. Several
 * policies do not add up: a claim goes to one policy. Never negative.
 */
public final class InsuredCover {

    private InsuredCover() {
    }

    public static Money of(Money exposure, Money perMerchantLeft, Money aggregateLeft, Money cappedPerConsumer) {
        Money zero = Money.zero(exposure.currency());
        return exposure.min(perMerchantLeft).min(aggregateLeft).min(cappedPerConsumer).max(zero);
    }
}
