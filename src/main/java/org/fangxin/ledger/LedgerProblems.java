package org.fangxin.ledger;

import org.fangxin.shared.ProblemType;

/** The ledger's published problem types (catalogued in docs/ledger.md; never renamed). */
public final class LedgerProblems {

    /** The posting key was already used for a transfer with different content. */
    public static final ProblemType POSTING_KEY_REUSED = new ProblemType("posting-key-reused", 409);
    /** The transfer would take a constrained account below zero on its normal side. */
    public static final ProblemType INSUFFICIENT_BALANCE = new ProblemType("insufficient-balance", 409);
    /** The transfer was already reversed (or is itself a reversal). */
    public static final ProblemType ALREADY_REVERSED = new ProblemType("transfer-already-reversed", 409);
    /** The lines do not sum to zero in some currency. */
    public static final ProblemType UNBALANCED = new ProblemType("transfer-unbalanced", 422);
    /** The transfer is malformed: too few or too many lines, a zero amount, an account twice, a bad key. */
    public static final ProblemType INVALID_TRANSFER = new ProblemType("transfer-invalid", 422);
    /** A line names an account that does not exist. */
    public static final ProblemType UNKNOWN_ACCOUNT = new ProblemType("unknown-account", 422);
    /** A line's currency is not its account's currency. */
    public static final ProblemType CURRENCY_MISMATCH = new ProblemType("currency-mismatch", 422);
    /** An account was opened with an owner that does not fit its chart code, or the code does not exist. */
    public static final ProblemType INVALID_ACCOUNT = new ProblemType("account-invalid", 422);

    /** A window of entries holds more than the reader asked to take at once. */
    public static final ProblemType TOO_MANY_ENTRIES = new ProblemType("too-many-entries", 422);

    private LedgerProblems() {
    }
}
