package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.dao.DataAccessException;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * Striped balances (docs/ledger.md "Balances"): postings that only grow a merchant's payable do not wait on each other,
 * a posting that could take it below zero still waits for them and checks the floor on the whole balance.
 */
@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerStripedBalanceTests extends LedgerModuleTest {

    /** A merchant's payable and settlement accounts, and funded cards to redeem from. */
    record Merchant(AccountView payable, AccountView settlement, List<AccountView> cards) { }

    private Merchant merchant(int cards, long perCard) {
        UUID merchant = UUID.randomUUID();
        return new Merchant(ledger.open(AccountType.MERCHANT_PAYABLE, merchant, Money.CNY),
                ledger.open(AccountType.MERCHANT_SETTLEMENT, merchant, Money.CNY),
                ConcurrentBooks.fundedCards(ledger, cards, perCard));
    }

    private static NewTransfer redemption(Merchant merchant, int card, long amount) {
        return NewTransfer.of(key("redemption"), "redemption", debit(merchant.cards().get(card).id(), fen(amount)),
                credit(merchant.payable().id(), fen(amount)));
    }

    private static NewTransfer payout(Merchant merchant, long amount) {
        return NewTransfer.of(key("payout"), "payout", debit(merchant.payable().id(), fen(amount)),
                credit(merchant.settlement().id(), fen(amount)));
    }

    /** Runs {@code work} in a transaction that stays open (holding its locks) until the returned latch is released. */
    private CompletableFuture<Void> holdOpen(Runnable work, CountDownLatch posted, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            work.run();
            posted.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /** Posts in a transaction that fails instead of waiting more than {@code lockTimeout} for a row lock. */
    private void postWithin(String lockTimeout, NewTransfer transfer) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select set_config('lock_timeout', :timeout, true)").param("timeout", lockTimeout)
                    .query(String.class).single();
            ledger.post(transfer);
        });
    }

    @Test
    void twoRedemptionsAtOneMerchantCommitWithoutWaitingOnEachOthersPayable() throws Exception {
        Merchant merchant = merchant(2, 1_000);
        CountDownLatch posted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = holdOpen(() -> ledger.post(redemption(merchant, 0, 300)), posted, release);
        try {
            assertThat(posted.await(30, TimeUnit.SECONDS)).isTrue();
            // The first transaction holds its payable credit uncommitted: the second must not wait for it.
            postWithin("2s", redemption(merchant, 1, 200));
        } finally {
            release.countDown();
        }
        first.get(30, TimeUnit.SECONDS);
        assertThat(ledger.balance(merchant.payable().id())).isEqualTo(fen(500));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void aDebitOfThePayableWaitsForCreditsInFlightAndSeesThemAll() throws Exception {
        Merchant merchant = merchant(2, 1_000);
        ledger.post(redemption(merchant, 0, 400));
        CountDownLatch posted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = holdOpen(() -> ledger.post(redemption(merchant, 1, 600)), posted, release);
        try {
            assertThat(posted.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> postWithin("300ms", payout(merchant, 100))).isInstanceOf(DataAccessException.class);
        } finally {
            release.countDown();
        }
        first.get(30, TimeUnit.SECONDS);
        ledger.post(payout(merchant, 1_000));
        assertThat(ledger.balance(merchant.payable().id())).isEqualTo(fen(0));
        assertThat(ledger.balance(merchant.settlement().id())).isEqualTo(fen(1_000));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void theFloorHoldsOnTheWholeBalanceSpreadOverSlots() {
        Merchant merchant = merchant(3, 1_000);
        for (int card = 0; card < 3; card++) {
            ledger.post(redemption(merchant, card, 500));
        }
        assertThatThrownBy(() -> ledger.post(payout(merchant, 1_501))).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE));
        ledger.post(payout(merchant, 1_500));
        assertThat(ledger.balance(merchant.payable().id())).isEqualTo(fen(0));
        long slotsHolding = jdbc.sql("select count(*) from ledger.balance_slot where account_id = :id and balance_minor <> 0")
                .param("id", merchant.payable().id().value()).query(Long.class).single();
        assertThat(slotsHolding).as("the payout folded every slot into the main row").isZero();
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }
}
