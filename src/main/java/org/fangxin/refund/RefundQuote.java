package org.fangxin.refund;

import java.time.LocalDate;
import org.fangxin.shared.Money;

/**
 * What a refund of one card would pay. {@code gross} is the value due by the method before the fee; {@code refund} is
 * what the consumer receives and {@code retained} what the merchant keeps (fee and any list-price difference):
 * {@code refund + retained = unredeemed} exactly, and {@code 0 <= refund <= paid}. {@code feeBp} is the rate applied
 * (0 inside cooling-off, on merchant fault and on expiry); {@code coolingOffEndsOn} is the last cooling-off day.
 */
public record RefundQuote(RefundMethodApplied method, RefundReason reason, Money paid, Money unredeemed, Money gross,
                          int feeBp, Money fee, Money refund, Money retained, boolean coolingOff,
                          LocalDate coolingOffEndsOn, boolean unused, LocalDate quotedOn) {

    public RefundQuote {
        if (refund.isNegative() || retained.isNegative() || !refund.plus(retained).equals(unredeemed)) {
            throw new IllegalArgumentException("refund + retained must equal unredeemed: " + refund + " + " + retained
                    + " vs " + unredeemed);
        }
        if (refund.compareTo(paid) > 0) {
            throw new IllegalArgumentException("refund above paid: " + refund + " > " + paid);
        }
    }

    /** A cooling-off refund of an unused card (or one the merchant already agreed to) needs no merchant consent. */
    public boolean automatic() {
        return method == RefundMethodApplied.COOLING_OFF_FULL || method == RefundMethodApplied.EXPIRY_FULL
                || method == RefundMethodApplied.AGREED;
    }
}
