package org.fangxin.bank.reconciliation;

import java.util.List;

/** A run with everything it found: each statement line and ledger movement is in exactly one match or break. */
public record RunDetail(RunView run, List<MatchView> matches, List<BreakView> breaks) {
}
