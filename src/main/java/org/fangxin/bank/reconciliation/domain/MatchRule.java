package org.fangxin.bank.reconciliation.domain;

/** How a statement line was paired with a ledger movement. */
public enum MatchRule {
    /** Same end-to-end id, same amount, dates within the tolerance. */
    END_TO_END_ID,
    /** No usable end-to-end id: same account and amount, dates within the tolerance. */
    AMOUNT_ACCOUNT_DATE
}
