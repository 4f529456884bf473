package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

/**
 * The payment job dies halfway (an injected failure inside a chunk, after some chunks committed), then two instances
 * rerun it at the same time: every consumer is paid exactly once — one provider refund per reference, one
 * debit of each card's liability under {@code compensation-paid:} — and nobody is missed.
 */
class CompensationCrashTests extends CompensationTestBase {

    static final int CARDS = 24;

    @Test
    void aCrashHalfwayAndTwoConcurrentRerunsPayEveryoneExactlyOnce() {
        TestMerchants.Created gym = gym();
        UUID store = gym.merchant().stores().get(0).id();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(1200), 20, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        ProductView value = product(gym, ProductKind.STORED_VALUE, Money.fen(33_333), null, Term.months(6), RefundMethod.PRO_RATA_VALUE);
        for (int i = 0; i < CARDS; i++) {
            UserAccount consumer = users.create(Role.CONSUMER);
            UUID card = buy(consumer, i % 2 == 0 ? pack : value);
            if (i % 4 == 0) {
                redeem(consumer, card, store, gym.id(), 3, null);
            }
        }
        ClosedWithBatch closed = closeAfterSettlement(gym.id());
        ClosureCaseView closure = closed.closure();
        Batch batch = closed.batch();

        assertThat(payer.payDue(batch.id(), 5, line -> { })).isEqualTo(5);
        AtomicInteger seen = new AtomicInteger();
        assertThatThrownBy(() -> payer.payDue(batch.id(), Integer.MAX_VALUE, line -> {
            if (seen.incrementAndGet() == 4) {
                throw new IllegalStateException("simulated crash after 4 more lines");
            }
        })).hasMessageContaining("simulated crash");
        // the crashed chunk left no trace: only the first 5 lines are settled, in the ledger and at the provider
        assertThat(repository.totals(batch.id()).planned()).isEqualTo(CARDS - 5);
        assertThat(refundsPerReference(closure.id())).hasSize(5);
        assertThat(ledgerSum("compensation-paid:" + closure.id() + ":", AccountType.CARD_LIABILITY, true))
                .isEqualTo(repository.totals(batch.id()).total() - plannedValue(batch.id()));
        assertBooks(gym.id(), "after the crash");
        // The first lines' provider refunds go out before the restart. Their outcomes are booked by listeners that lock
        // the batch row to see whether it is complete; a rerun claiming the batch at that moment skips it (as the job
        // would, until its next run), so the two reruns start once the outcomes are booked.
        payRefundsUntilSettled(batch.id());

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { }));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { }));
        assertThat(first.join() + second.join()).isEqualTo(CARDS - 5);
        assertThat(payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { })).isZero();
        payRefundsUntilSettled(batch.id());
        await(() -> "COMPLETED".equals(repository.batch(batch.id()).orElseThrow().status()), "batch completed");

        var totals = repository.totals(batch.id());
        assertThat(totals.paid()).isEqualTo(CARDS);
        assertEveryonePaidOnce(closure.id(), CARDS, totals.total());
        List<Long> paidPerConsumer = jdbc.sql("""
                select sum(r.amount_minor) from payment.refund r where r.refund_reference like :p and r.status = 'SUCCEEDED'
                 group by r.refund_reference order by r.refund_reference
                """).param("p", "compensation:" + closure.id() + ":%").query(Long.class).list();
        assertThat(paidPerConsumer.stream().mapToLong(Long::longValue).sum()).isEqualTo(totals.total());
        assertBooks(gym.id(), "at the end");
    }

    private long plannedValue(UUID batchId) {
        return repository.lines(batchId, "PLANNED", 500).stream().mapToLong(CompensationRepository.Line::unredeemedMinor).sum();
    }
}
