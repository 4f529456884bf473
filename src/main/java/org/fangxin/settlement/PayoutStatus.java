package org.fangxin.settlement;

/**
 * Where a payout stands: a large one is first AWAITING_APPROVAL (dual control; nothing posted yet) and becomes
 * INSTRUCTED once approved or REJECTED (final, nothing moved). INSTRUCTED (sent to the bank, money in transit) becomes CONFIRMED (booked) or RETURNED (the
 * bank sent it back; the money is payable again). HELD records a settlement date on which nothing was paid, and why.
 */
public enum PayoutStatus {
    AWAITING_APPROVAL,
    REJECTED,
    INSTRUCTED,
    CONFIRMED,
    RETURNED,
    HELD;

    public boolean isFinal() {
        return this != INSTRUCTED && this != AWAITING_APPROVAL;
    }

    /** The allowed transitions of the payout state machine. */
    public boolean canBecome(PayoutStatus next) {
        return this == INSTRUCTED && (next == CONFIRMED || next == RETURNED)
                || this == AWAITING_APPROVAL && (next == INSTRUCTED || next == REJECTED);
    }
}
