package org.fangxin.bank;

/** Where a payout instruction stands at the bank: received and pending, then booked or returned (final). */
public enum InstructionState {
    RECEIVED,
    CONFIRMED,
    RETURNED;

    public boolean isFinal() {
        return this != RECEIVED;
    }
}
