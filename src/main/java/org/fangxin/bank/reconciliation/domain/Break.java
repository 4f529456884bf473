package org.fangxin.bank.reconciliation.domain;

import java.util.Objects;

/**
 * A difference between bank and ledger. BANK_ONLY and DUPLICATE carry only a line, LEDGER_ONLY only a movement,
 * the mismatches both.
 *
 * @param explanation what differs, for the operator who works the break
 */
public record Break(BreakKind kind, StatementLine line, LedgerMovement movement, String explanation) {
    public Break {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(explanation, "explanation");
        boolean needsLine = kind != BreakKind.LEDGER_ONLY;
        boolean needsMovement = kind == BreakKind.LEDGER_ONLY || kind == BreakKind.AMOUNT_MISMATCH || kind == BreakKind.DATE_MISMATCH;
        if (needsLine != (line != null) || needsMovement != (movement != null)) {
            throw new IllegalArgumentException(kind + " break with line " + line + " and movement " + movement);
        }
    }
}
