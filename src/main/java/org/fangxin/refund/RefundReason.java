package org.fangxin.refund;

/**
 * Why a card is refunded. The three merchant-fault reasons and expiry never carry a fee (domain.md §5); only the
 * consumer's own choice may. EXPIRY is set by the expiry job, never by a consumer; COMPLAINT_AGREEMENT by the platform
 * carrying out a complaint's agreement (an agreed amount, merchant at fault: no fee).
 */
public enum RefundReason {
    CONSUMER_CHOICE,
    MERCHANT_CLOSED,
    MERCHANT_RELOCATED,
    QUALITY_DROP,
    EXPIRY,
    COMPLAINT_AGREEMENT;

    public boolean merchantAtFault() {
        return this == MERCHANT_CLOSED || this == MERCHANT_RELOCATED || this == QUALITY_DROP || this == COMPLAINT_AGREEMENT;
    }

    /** Whether a refund fee may be charged at all (the amount is still capped by contract and rule table). */
    public boolean mayCarryFee() {
        return this == CONSUMER_CHOICE;
    }
}
