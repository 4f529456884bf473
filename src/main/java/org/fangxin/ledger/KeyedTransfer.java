package org.fangxin.ledger;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * A transfer to post whose lines name their accounts by chart code and owner instead of by id, in one currency: the
 * ledger finds (or opens) the accounts itself, so a hot path posts without reading them first ({@link Ledger#post(KeyedTransfer)}).
 */
public record KeyedTransfer(String postingKey, String description, Currency currency, List<Line> lines) {

    public KeyedTransfer {
        Objects.requireNonNull(postingKey, "postingKey");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        for (Line line : lines) {
            if (!line.amount().currency().equals(currency)) {
                throw new IllegalArgumentException("line " + line + " is not in " + currency);
            }
        }
    }

    /** One line: an account's identity and a signed amount (debit positive, credit negative), as {@link EntryLine}. */
    public record Line(AccountKey account, Money amount) {

        public Line {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(amount, "amount");
        }

        public static Line debit(AccountKey account, Money amount) {
            requirePositive(amount);
            return new Line(account, amount);
        }

        public static Line credit(AccountKey account, Money amount) {
            requirePositive(amount);
            return new Line(account, amount.negate());
        }

        private static void requirePositive(Money amount) {
            if (!amount.isPositive()) {
                throw new IllegalArgumentException("a debit or credit amount is positive: " + amount);
            }
        }
    }

    /** The same transfer with the accounts' ids, in line order. */
    NewTransfer withAccounts(List<AccountId> accounts) {
        List<EntryLine> entryLines = new java.util.ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            entryLines.add(new EntryLine(accounts.get(i), lines.get(i).amount()));
        }
        return new NewTransfer(postingKey, description, entryLines);
    }
}
