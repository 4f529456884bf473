package org.fangxin.refund.domain;

import java.time.LocalDate;
import org.fangxin.refund.RefundMethodApplied;
import org.fangxin.refund.RefundQuote;
import org.fangxin.refund.RefundReason;
import org.fangxin.shared.Money;

/**
 * The quote of a refund a complaint's parties agreed on: the agreed amount (never more than the card's unredeemed
 * value) goes to the consumer without fee — the merchant is at fault — and the rest of the unredeemed value is the
 * merchant's, so refund + retained = unredeemed exactly.
 */
public final class AgreedRefund {

    private AgreedRefund() {
    }

    public static RefundQuote quote(Money paid, Money unredeemed, Money agreed, boolean unused, LocalDate on) {
        if (!agreed.isPositive()) {
            throw new IllegalArgumentException("an agreed refund is positive: " + agreed);
        }
        Money refund = agreed.min(unredeemed);
        return new RefundQuote(RefundMethodApplied.AGREED, RefundReason.COMPLAINT_AGREEMENT, paid, unredeemed, agreed, 0,
                Money.zero(paid.currency()), refund, unredeemed.minus(refund), false, null, unused, on);
    }
}
