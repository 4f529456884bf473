package org.fangxin.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fangxin.ledger.persistence.LedgerRepository.LockedBalance;
import org.fangxin.shared.Rejection;

/** The checks a posting passes under its balance locks, one transfer at a time or in bulk. */
final class PostingChecks {

    private PostingChecks() {
    }

    static void checkLocked(EntryLine line, LockedBalance balance) {
        if (balance == null) {
            throw new Rejection(LedgerProblems.UNKNOWN_ACCOUNT, "account " + line.account() + " does not exist",
                    Map.of("accountId", line.account().toString()));
        }
        if (!balance.currency().equals(line.amount().currency())) {
            throw new Rejection(LedgerProblems.CURRENCY_MISMATCH, "account " + line.account() + " is in "
                    + balance.currency() + ", the line is in " + line.amount().currency(),
                    Map.of("accountId", line.account().toString()));
        }
    }

    /** Checked after the replay lookup, so a replayed or reused posting key is answered as such first. */
    static void requireKnownAccounts(List<EntryLine> lines, Map<AccountId, LockedBalance> locked) {
        for (EntryLine line : lines) {
            checkLocked(line, locked.get(line.account()));
        }
    }

    /** Refuses lines that would take a constrained account below zero (checked under the locks; the DB re-checks). */
    static void requireNonNegativeAfter(List<EntryLine> lines, Map<AccountId, LockedBalance> locked) {
        List<String> shortfalls = new ArrayList<>();
        for (EntryLine line : lines) {
            LockedBalance balance = locked.get(line.account());
            long newBalance = Math.addExact(balance.balanceMinor(), line.amount().amountMinor());
            if (balance.nonNegative() && balance.normalSide().normal(newBalance) < 0) {
                shortfalls.add("account " + line.account() + " holds " + balance.normalSide().normal(balance.balanceMinor())
                        + " " + balance.currency() + " minor and would go to " + balance.normalSide().normal(newBalance));
            }
        }
        if (!shortfalls.isEmpty()) {
            throw new Rejection(LedgerProblems.INSUFFICIENT_BALANCE, String.join("; ", shortfalls),
                    Map.of("accounts", shortfalls));
        }
    }
}
