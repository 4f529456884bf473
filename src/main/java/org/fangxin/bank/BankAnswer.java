package org.fangxin.bank;

/**
 * What a bank document says about one instruction, by end-to-end id: ACCEPTED (will execute), BOOKED (the money left
 * the account), REJECTED (refused, never executed) or RETURNED (executed and sent back by the beneficiary's bank).
 * The same fact may arrive twice (pain.002 and camt.053); applying it is the receiver's idempotent step.
 */
public record BankAnswer(String endToEndId, Outcome outcome, String reasonCode, String reasonText, String source) {

    public enum Outcome {
        ACCEPTED, BOOKED, REJECTED, RETURNED;

        /** The instruction will not move money (any more). */
        public boolean isFailure() {
            return this == REJECTED || this == RETURNED;
        }
    }
}
