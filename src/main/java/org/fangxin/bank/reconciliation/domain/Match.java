package org.fangxin.bank.reconciliation.domain;

import java.util.Objects;

/** A statement line and the ledger movement it stands for. */
public record Match(StatementLine line, LedgerMovement movement, MatchRule rule) {
    public Match {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(movement, "movement");
        Objects.requireNonNull(rule, "rule");
    }
}
