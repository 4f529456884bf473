package org.fangxin.ledger;

/** The side of an entry. Amounts are stored signed: a debit is positive, a credit negative. */
public enum Side {
    DEBIT,
    CREDIT;

    /** Converts a signed (debit-positive) amount to this normal side's view: positive means "has value". */
    public long normal(long signedMinor) {
        return this == DEBIT ? signedMinor : Math.negateExact(signedMinor);
    }

    /** The signed (debit-positive) amount of a positive amount on this side. */
    public long signed(long positiveMinor) {
        return this == DEBIT ? positiveMinor : Math.negateExact(positiveMinor);
    }
}
