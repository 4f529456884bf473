package org.fangxin.ledger;

import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * One line of a transfer to post: an account and a signed amount (debit positive, credit negative). Build it with
 * {@link #debit} or {@link #credit}, which take positive amounts.
 */
public record EntryLine(AccountId account, Money amount) {

    public EntryLine {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
    }

    public static EntryLine debit(AccountId account, Money amount) {
        requirePositive(amount);
        return new EntryLine(account, amount);
    }

    public static EntryLine credit(AccountId account, Money amount) {
        requirePositive(amount);
        return new EntryLine(account, amount.negate());
    }

    public Side side() {
        return amount.amountMinor() >= 0 ? Side.DEBIT : Side.CREDIT;
    }

    private static void requirePositive(Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a debit or credit amount is positive: " + amount);
        }
    }
}
