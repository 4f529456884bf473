package org.fangxin.ledger.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryView;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.LedgerPage;
import org.fangxin.ledger.TransferView;
import org.fangxin.shared.Money;

/**
 * The API's JSON shapes. Money goes out as exactly {@code {"amountMinor", "currency"}} (serialising the shared
 * record directly would also emit its boolean helpers such as {@code zero}).
 */
final class LedgerJson {

    private LedgerJson() {
    }

    record Amount(long amountMinor, String currency) {
        static Amount of(Money money) {
            return new Amount(money.amountMinor(), money.currency().getCurrencyCode());
        }
    }

    record Account(UUID id, String type, UUID ownerId, String normalSide, boolean nonNegative, Amount balance,
                   Amount normalBalance, Instant openedAt) {
        static Account of(AccountView view) {
            return new Account(view.id().value(), view.type().name(), view.ownerId(), view.normalSide().name(),
                    view.nonNegative(), Amount.of(view.balance()), Amount.of(view.normalBalance()), view.openedAt());
        }
    }

    record Entry(long id, UUID transferId, UUID accountId, String side, Amount amount, Instant postedAt) {
        static Entry of(EntryView view) {
            return new Entry(view.id(), view.transferId().value(), view.accountId().value(), view.side().name(),
                    Amount.of(view.amount()), view.postedAt());
        }
    }

    record Transfer(UUID id, String postingKey, String description, Instant postedAt, UUID reverses, UUID reversedBy,
                    List<Entry> entries) {
        static Transfer of(TransferView view) {
            return new Transfer(view.id().value(), view.postingKey(), view.description(), view.postedAt(),
                    view.reverses() == null ? null : view.reverses().value(),
                    view.reversedBy() == null ? null : view.reversedBy().value(),
                    view.entries().stream().map(Entry::of).toList());
        }
    }

    record Page<T>(List<T> items, int page, int size, long totalItems) {
        static <V, T> Page<T> of(LedgerPage<V> page, java.util.function.Function<V, T> mapper) {
            return new Page<>(page.items().stream().map(mapper).toList(), page.page(), page.size(), page.totalItems());
        }
    }

    record Totals(String currency, Amount debits, Amount credits, Amount balanceSum, long accounts, long entries) { }

    record Invariants(Instant checkedAt, boolean holds, List<InvariantReport.Invariant> invariants, List<Totals> totals) {
        static Invariants of(InvariantReport report) {
            return new Invariants(report.checkedAt(), report.holds(), report.invariants(), report.totals().stream()
                    .map(t -> new Totals(t.currency(), Amount.of(t.debits()), Amount.of(t.credits()),
                            Amount.of(t.balanceSum()), t.accounts(), t.entries()))
                    .toList());
        }
    }
}
