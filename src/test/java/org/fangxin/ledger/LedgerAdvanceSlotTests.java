package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fangxin.ledger.persistence.SlotDraws;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The merchant's advance drawn from slots (docs/ledger.md "Balances"): redemptions that net against the advance take
 * their amount from one slot holding enough and do not wait on each other; a draw no slot covers folds the advance and
 * is checked on the whole of it; the floor holds on every row.
 */
@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerAdvanceSlotTests extends LedgerModuleTest {

    @Autowired
    SlotDraws slotDraws;

    /** A merchant's advance and payable, and funded cards whose redemptions earn the advance. */
    record Merchant(AccountView advance, AccountView payable, List<AccountView> cards) { }

    private Merchant merchant(int cards, long perCard) {
        UUID merchant = UUID.randomUUID();
        return new Merchant(ledger.open(AccountType.MERCHANT_ADVANCE, merchant, Money.CNY),
                ledger.open(AccountType.MERCHANT_PAYABLE, merchant, Money.CNY),
                ConcurrentBooks.fundedCards(ledger, cards, perCard));
    }

    /** Dr MERCHANT_ADVANCE / Cr MERCHANT_PAYABLE, as at a purchase of a card with an advance. */
    private void advance(Merchant merchant, long amount) {
        ledger.post(NewTransfer.of(key("advance"), "advance", debit(merchant.advance().id(), fen(amount)),
                credit(merchant.payable().id(), fen(amount))));
    }

    /** A redemption whose value the advance covers entirely: Dr CARD_LIABILITY / Cr MERCHANT_ADVANCE. */
    private static NewTransfer redemption(Merchant merchant, int card, long amount) {
        return NewTransfer.of(key("redemption"), "redemption", debit(merchant.cards().get(card).id(), fen(amount)),
                credit(merchant.advance().id(), fen(amount)));
    }

    private long slotsHolding(Merchant merchant) {
        return jdbc.sql("select count(*) from ledger.balance_slot where account_id = :id and balance_minor <> 0")
                .param("id", merchant.advance().id().value()).query(Long.class).single();
    }

    @Test
    void advancesSpreadOverTheSlots() {
        Merchant merchant = merchant(1, 1_000);
        for (int i = 0; i < 3; i++) {
            advance(merchant, 100);
        }
        assertThat(slotsHolding(merchant)).as("each advance went to the slot holding least").isEqualTo(3);
        assertThat(ledger.balance(merchant.advance().id())).isEqualTo(fen(300));
    }

    @Test
    void twoRedemptionsDrawingOneMerchantsAdvanceCommitWithoutWaitingOnEachOther() throws Exception {
        Merchant merchant = merchant(2, 1_000);
        advance(merchant, 500);
        advance(merchant, 500);
        CountDownLatch posted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            ledger.post(redemption(merchant, 0, 300));
            posted.countDown();
            await(release);
        }));
        try {
            assertThat(posted.await(30, TimeUnit.SECONDS)).isTrue();
            // The first transaction holds its draw on one slot uncommitted: the second takes the other slot at once.
            transactions.executeWithoutResult(status -> {
                jdbc.sql("select set_config('lock_timeout', '2s', true)").query(String.class).single();
                ledger.post(redemption(merchant, 1, 400));
            });
        } finally {
            release.countDown();
        }
        first.get(30, TimeUnit.SECONDS);
        assertThat(ledger.balance(merchant.advance().id())).isEqualTo(fen(300));
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void aDrawWaitingForASlotTakesAFreeOneHoldingEnoughRatherThanQueueOnAHeldOne() throws Exception {
        Merchant merchant = merchant(1, 1_000);
        advance(merchant, 500);
        advance(merchant, 500);
        List<Integer> holding = jdbc.sql("select slot from ledger.balance_slot where account_id = :id and balance_minor <> 0"
                + " order by slot").param("id", merchant.advance().id().value()).query(Integer.class).list();
        assertThat(holding).hasSize(2);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select slot from ledger.balance_slot where account_id = :id and slot = :slot for update")
                    .param("id", merchant.advance().id().value()).param("slot", holding.get(0)).query(Integer.class).single();
            held.countDown();
            await(release);
        }));
        try {
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            // Tried in random order, a plain wait would queue on the held slot about every other time: the lock
            // timeout turns any wait into an error, so twenty draws without one show none waited.
            for (int i = 0; i < 20; i++) {
                var slot = transactions.execute(status -> {
                    jdbc.sql("select set_config('lock_timeout', '100ms', true)").query(String.class).single();
                    return slotDraws.waitForSlotHolding(merchant.advance().id(), 300);
                });
                assertThat(slot).get().extracting(SlotDraws.Slot::slot).isEqualTo(holding.get(1));
            }
        } finally {
            release.countDown();
        }
        holder.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aDrawNoSlotCoversIsCheckedOnTheWholeAdvanceAndSpreadsWhatStays() {
        Merchant merchant = merchant(2, 2_000);
        for (int i = 0; i < 4; i++) {
            advance(merchant, 300);
        }
        assertThatThrownBy(() -> ledger.post(redemption(merchant, 0, 1_201))).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE));
        ledger.post(redemption(merchant, 0, 500));
        assertThat(ledger.balance(merchant.advance().id())).isEqualTo(fen(700));
        assertThat(slotsHolding(merchant)).as("what stays was spread over the slots again").isEqualTo(8);
        ledger.post(redemption(merchant, 1, 700));
        assertThat(ledger.balance(merchant.advance().id())).isEqualTo(fen(0));
        long negativeRows = jdbc.sql("""
                select (select count(*) from ledger.balance where account_id = :id and balance_minor < 0)
                     + (select count(*) from ledger.balance_slot where account_id = :id and balance_minor < 0)
                """).param("id", merchant.advance().id().value()).query(Long.class).single();
        assertThat(negativeRows).isZero();
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void aLockOfTheAdvanceFoldsItsSlots() {
        Merchant merchant = merchant(1, 1_000);
        advance(merchant, 200);
        advance(merchant, 300);
        Map<AccountId, Money> locked = transactions.execute(status -> ledger.lockBalances(List.of(merchant.advance().id())));
        assertThat(locked).containsEntry(merchant.advance().id(), fen(500));
        assertThat(slotsHolding(merchant)).isZero();
        assertThat(ledger.balance(merchant.advance().id())).isEqualTo(fen(500));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
