package org.fangxin.bank.reconciliation.domain;

/** Why a statement line or ledger movement could not be matched; each is worked as a break until resolved. */
public enum BreakKind {
    /** A bank line with no ledger movement (a fee, interest, a returned payment not yet booked). */
    BANK_ONLY,
    /** A ledger movement the bank has not booked (missing line, rejected or late payment). */
    LEDGER_ONLY,
    /** Same end-to-end id on both sides, different amounts (a typo, a deducted fee). */
    AMOUNT_MISMATCH,
    /** Same end-to-end id and amount, dates further apart than the tolerance. */
    DATE_MISMATCH,
    /** The same bank line twice: same bank reference on the account, or identical content. */
    DUPLICATE
}
