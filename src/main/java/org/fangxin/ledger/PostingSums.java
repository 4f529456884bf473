package org.fangxin.ledger;

import java.util.Currency;
import java.util.Map;
import org.fangxin.shared.Money;

/**
 * Debits and credits per chart code of the transfers whose posting keys share a prefix (in one currency), and how many
 * transfers matched: how other modules read a business case's figures from the ledger by its posting keys.
 */
public record PostingSums(Currency currency, long transfers, Map<AccountType, Totals> byType) {

    /**
     * Positive debit and credit totals, in minor units, and how many debit entries (e.g. cards compensated: one debit
     * of each card's liability, whether its transfer was the card's own or its pay chunk's).
     */
    public record Totals(long debitMinor, long creditMinor, long debitEntries) { }

    private static final Totals NONE = new Totals(0, 0, 0);

    public PostingSums {
        byType = Map.copyOf(byType);
    }

    public static PostingSums none(Currency currency) {
        return new PostingSums(currency, 0, Map.of());
    }

    public Money debits(AccountType type) {
        return new Money(byType.getOrDefault(type, NONE).debitMinor(), currency);
    }

    public Money credits(AccountType type) {
        return new Money(byType.getOrDefault(type, NONE).creditMinor(), currency);
    }

    /** How many entries debited accounts of this chart code. */
    public long debitEntries(AccountType type) {
        return byType.getOrDefault(type, NONE).debitEntries();
    }
}
