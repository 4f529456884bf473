package org.fangxin.refund.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.shared.Money;

/**
 * Everything a refund quote depends on, gathered from the card, its contract version and the rule table. Dates are in
 * the merchant's zone. {@code ruleFeeCapBp} null means the rule table sets no cap. {@code usedSessionsAtListPrice}:
 * the contract prices used sessions of a discounted pack at list price when the consumer chooses to leave.
 */
public record RefundBasis(RefundMethod method, Money paid, Money listPrice, Money unredeemed,
                          Integer sessionsTotal, Integer sessionsRemaining, LocalDate validFrom, LocalDate validUntil,
                          LocalDate purchasedOn, boolean unused, int coolingOffDays, int contractFeeBp,
                          Integer ruleFeeCapBp, boolean usedSessionsAtListPrice) {

    public RefundBasis {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(paid, "paid");
        Objects.requireNonNull(unredeemed, "unredeemed");
        Objects.requireNonNull(purchasedOn, "purchasedOn");
        listPrice = listPrice == null ? paid : listPrice;
        if (paid.isNegative() || unredeemed.isNegative() || unredeemed.compareTo(paid) > 0) {
            throw new IllegalArgumentException("need 0 <= unredeemed <= paid: " + unredeemed + " of " + paid);
        }
        if (coolingOffDays < 0 || contractFeeBp < 0 || contractFeeBp > 10_000
                || (ruleFeeCapBp != null && (ruleFeeCapBp < 0 || ruleFeeCapBp > 10_000))) {
            throw new IllegalArgumentException("cooling-off days and fee rates must be within range");
        }
    }
}
