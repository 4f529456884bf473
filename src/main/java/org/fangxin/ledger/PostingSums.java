package org.fangxin.ledger;

import java.util.Currency;
import java.util.Map;
import org.fangxin.shared.Money;

/**
 * Debits and credits per chart code of the transfers whose posting keys share a prefix (in one currency), and how many
 * transfers matched: how other modules read a business case's figures from the ledger by its posting keys.
 */
public record PostingSums(Currency currency, long transfers, Map<AccountType, Totals> byType) {

    /** Positive debit and credit totals, in minor units. */
    public record Totals(long debitMinor, long creditMinor) { }

    public PostingSums {
        byType = Map.copyOf(byType);
    }

    public static PostingSums none(Currency currency) {
        return new PostingSums(currency, 0, Map.of());
    }

    public Money debits(AccountType type) {
        return new Money(byType.getOrDefault(type, new Totals(0, 0)).debitMinor(), currency);
    }

    public Money credits(AccountType type) {
        return new Money(byType.getOrDefault(type, new Totals(0, 0)).creditMinor(), currency);
    }
}
