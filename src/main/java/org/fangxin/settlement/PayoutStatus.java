package org.fangxin.settlement;

/**
 * Where a payout stands: INSTRUCTED (sent to the bank, money in transit) becomes CONFIRMED (booked) or RETURNED (the
 * bank sent it back; the money is payable again). HELD records a settlement date on which nothing was paid, and why.
 */
public enum PayoutStatus {
    INSTRUCTED,
    CONFIRMED,
    RETURNED,
    HELD;

    public boolean isFinal() {
        return this != INSTRUCTED;
    }

    /** The allowed transitions of the payout state machine. */
    public boolean canBecome(PayoutStatus next) {
        return this == INSTRUCTED && (next == CONFIRMED || next == RETURNED);
    }
}
