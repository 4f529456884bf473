package org.fangxin.bank.reconciliation.domain;

/** How a statement line was paired with a ledger movement. */
public enum MatchRule {
    /** Same end-to-end id, same amount, dates within the tolerance. */
    END_TO_END_ID,
    /** No usable end-to-end id: same account and amount, dates within the tolerance. */
    AMOUNT_ACCOUNT_DATE,
    /**
     * A debit and the bank's return of it (same account and end-to-end id, opposite amounts): the payment went out and
     * came back, the ledger moved no escrow (the payout was reversed to payable). The line's "movement" is its partner.
     */
    RETURN_PAIR
}
