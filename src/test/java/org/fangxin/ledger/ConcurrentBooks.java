package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.shared.Money.fen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixtures and the driver of the concurrent ledger tests: funded cards; one thread per plan, each operation's transfers in one transaction, and a
 * model of the tracked accounts' normal balances from the accepted operations (a floor refusal changes nothing).
 */
final class ConcurrentBooks {

    private final Ledger ledger;
    private final TransactionTemplate transactions;
    private final List<AccountView> tracked;
    private final Map<AccountId, Long> model = new ConcurrentHashMap<>();

    ConcurrentBooks(Ledger ledger, TransactionTemplate transactions, List<AccountView> tracked) {
        this.ledger = ledger;
        this.transactions = transactions;
        this.tracked = tracked;
        tracked.forEach(a -> model.put(a.id(), 0L));
    }

    /** Opens {@code cards} card liabilities, each bought for {@code perCard} fen (Dr clearing / Cr card). */
    static List<AccountView> fundedCards(Ledger ledger, int cards, long perCard) {
        AccountView clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY);
        List<AccountView> funded = new ArrayList<>();
        for (int i = 0; i < cards; i++) {
            AccountView card = ledger.open(AccountType.CARD_LIABILITY, UUID.randomUUID(), Money.CNY);
            ledger.post(NewTransfer.of("purchase:" + UUID.randomUUID(), "purchase", EntryLine.debit(clearing.id(), fen(perCard)),
                    EntryLine.credit(card.id(), fen(perCard))));
            funded.add(card);
        }
        return funded;
    }

    /** The model's balance of a tracked account. */
    long modelled(AccountView account) {
        return model.get(account.id());
    }

    /** Runs every plan on its own thread, all started together; each operation posts {@code transfers.apply(op)}. */
    <T> void run(List<List<T>> plans, Function<T, List<NewTransfer>> transfers) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(plans.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<T> plan : plans) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (T op : plan) {
                        apply(transfers.apply(op));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError(plans + ": " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every tracked balance equals the model, and the ledger's invariants hold. */
    void assertBalancesMatchTheModel() {
        for (AccountView account : tracked) {
            assertThat(ledger.balance(account.id())).as(account.type() + " equals the accepted operations")
                    .isEqualTo(fen(model.get(account.id())));
        }
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    /** Posts the transfers in one transaction; a floor refusal writes nothing and changes no balance. */
    private void apply(List<NewTransfer> transfers) {
        try {
            transactions.executeWithoutResult(status -> transfers.forEach(ledger::post));
        } catch (Rejection refused) {
            assertThat(refused.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE);
            return;
        }
        for (NewTransfer transfer : transfers) {
            for (EntryLine line : transfer.lines()) {
                tracked.stream().filter(a -> a.id().equals(line.account())).findFirst().ifPresent(view ->
                        model.merge(view.id(), view.normalSide().normal(line.amount().amountMinor()), Long::sum));
            }
        }
    }
}
