package org.fangxin.refund;

/**
 * Why a card is refunded. The three merchant-fault reasons and expiry never carry a fee (domain.md §5); only the
 * consumer's own choice may. EXPIRY is set by the expiry job, never by a consumer.
 */
public enum RefundReason {
    CONSUMER_CHOICE,
    MERCHANT_CLOSED,
    MERCHANT_RELOCATED,
    QUALITY_DROP,
    EXPIRY;

    public boolean merchantAtFault() {
        return this == MERCHANT_CLOSED || this == MERCHANT_RELOCATED || this == QUALITY_DROP;
    }

    /** Whether a refund fee may be charged at all (the amount is still capped by contract and rule table). */
    public boolean mayCarryFee() {
        return this == CONSUMER_CHOICE;
    }
}
