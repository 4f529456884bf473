package org.fangxin.ledger.domain;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.LedgerProblems;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

/** The rules a transfer must satisfy before anything is written, and how two transfers' contents are compared. */
public final class TransferRules {

    public static final int LINES_MIN = 2;
    public static final int LINES_MAX = 32;
    /**
     * Lines of a wide transfer ({@code Ledger.postWide}): a bulk job's chunk as one transfer, a line per card and one
     * per shared account (issue 15: a compensation pay chunk of up to 4,000 cards).
     */
    public static final int WIDE_LINES_MAX = 4_100;
    public static final int POSTING_KEY_LENGTH_MAX = 200;
    public static final int DESCRIPTION_LENGTH_MAX = 500;
    /** 10^15 fen (10 trillion yuan): far above any real amount, far below overflow when summed. */
    public static final long AMOUNT_MINOR_MAX = 1_000_000_000_000_000L;

    private static final Pattern POSTING_KEY = Pattern.compile("[\\x21-\\x7E]{1," + POSTING_KEY_LENGTH_MAX + "}");

    private TransferRules() {
    }

    /** Refuses a malformed or unbalanced transfer with a rejection naming the problem; returns normally otherwise. */
    public static void validate(NewTransfer transfer) {
        validate(transfer, LINES_MAX);
    }

    /** As {@link #validate(NewTransfer)} with up to {@code linesMax} lines (a wide transfer: {@link #WIDE_LINES_MAX}). */
    public static void validate(NewTransfer transfer, int linesMax) {
        List<EntryLine> lines = transfer.lines();
        validate(transfer.postingKey(), transfer.description(), lines.stream().map(EntryLine::account).toList(),
                lines.stream().map(EntryLine::amount).toList(), linesMax);
    }

    /**
     * {@link #validate(NewTransfer)} for lines given as accounts (ids, or keys naming them by chart code and owner) and
     * their signed amounts, in line order.
     */
    public static void validate(String postingKey, String description, List<?> accounts, List<Money> amounts) {
        validate(postingKey, description, accounts, amounts, LINES_MAX);
    }

    private static void validate(String postingKey, String description, List<?> accounts, List<Money> amounts, int linesMax) {
        if (!POSTING_KEY.matcher(postingKey).matches()) {
            throw invalid("the posting key must be 1 to " + POSTING_KEY_LENGTH_MAX + " visible ASCII characters");
        }
        if (description.isBlank() || description.length() > DESCRIPTION_LENGTH_MAX) {
            throw invalid("the description must be 1 to " + DESCRIPTION_LENGTH_MAX + " characters");
        }
        if (amounts.size() < LINES_MIN || amounts.size() > linesMax) {
            throw invalid("a transfer has " + LINES_MIN + " to " + linesMax + " lines, not " + amounts.size());
        }
        Set<Object> seen = new HashSet<>();
        Map<Currency, Long> unbalanced = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        for (int i = 0; i < amounts.size(); i++) {
            long amount = amounts.get(i).amountMinor();
            if (amount == 0 || Math.abs(amount) > AMOUNT_MINOR_MAX) {
                throw invalid("line for account " + accounts.get(i) + " has amount " + amount
                        + "; amounts are non-zero and at most " + AMOUNT_MINOR_MAX + " in magnitude");
            }
            if (!seen.add(accounts.get(i))) {
                throw invalid("account " + accounts.get(i) + " appears on more than one line; combine them");
            }
            unbalanced.merge(amounts.get(i).currency(), amount, Math::addExact);
        }
        unbalanced.values().removeIf(sum -> sum == 0);
        if (!unbalanced.isEmpty()) {
            throw new Rejection(LedgerProblems.UNBALANCED, "debits and credits differ: " + describe(unbalanced),
                    Map.of("imbalance", describe(unbalanced)));
        }
    }

    /** Sums the signed amounts of the lines per currency (ordered by currency code). */
    public static Map<Currency, Long> sumsByCurrency(List<EntryLine> lines) {
        Map<Currency, Long> sums = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        for (EntryLine line : lines) {
            sums.merge(line.amount().currency(), line.amount().amountMinor(), Math::addExact);
        }
        return sums;
    }

    /**
     * The first difference between a posted transfer's lines and a requested one's, in words (order of lines does
     * not matter), or empty when they hold the same amounts on the same accounts.
     */
    public static Optional<String> difference(List<EntryLine> posted, List<EntryLine> requested) {
        Map<AccountId, Money> before = byAccount(posted);
        Map<AccountId, Money> after = byAccount(requested);
        List<String> differences = new ArrayList<>();
        for (var line : before.entrySet()) {
            Money other = after.get(line.getKey());
            if (other == null) {
                differences.add("account " + line.getKey() + " (" + line.getValue() + ") is missing");
            } else if (!other.equals(line.getValue())) {
                differences.add("account " + line.getKey() + " amount " + line.getValue() + " posted, " + other + " requested");
            }
        }
        for (var line : after.entrySet()) {
            if (!before.containsKey(line.getKey())) {
                differences.add("account " + line.getKey() + " (" + line.getValue() + ") was not in the posted transfer");
            }
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }

    /** The lines that undo {@code lines}: same accounts, opposite amounts. */
    public static List<EntryLine> mirror(List<EntryLine> lines) {
        return lines.stream().map(line -> new EntryLine(line.account(), line.amount().negate())).toList();
    }

    private static Map<AccountId, Money> byAccount(List<EntryLine> lines) {
        Map<AccountId, Money> result = new TreeMap<>();
        for (EntryLine line : lines) {
            result.merge(line.account(), line.amount(), Money::plus);
        }
        return result;
    }

    private static String describe(Map<Currency, Long> sums) {
        List<String> parts = new ArrayList<>();
        sums.forEach((currency, sum) -> parts.add(currency.getCurrencyCode() + " " + sum));
        return String.join(", ", parts);
    }

    private static Rejection invalid(String detail) {
        return new Rejection(LedgerProblems.INVALID_TRANSFER, Objects.requireNonNull(detail));
    }
}
