package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.identity.Role;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * As in production (jobs on), each pay chunk's provider refunds are sent as soon as the chunk commits, on the refund
 * senders' threads, while later chunks are still being paid by two instances: nobody waits for the whole pay job, and
 * still every consumer is paid exactly once — one provider refund per reference, one at the provider, one
 * debit of each card's liability under {@code compensation-paid:} — without anyone calling the refund sender.
 */
@TestPropertySource(properties = {"fangxin.payment.refund.send-on-request=true", "fangxin.protection.compensation.chunk-size=4"})
class CompensationRefundsOnCommitTests extends CompensationTestBase {

    static final int CARDS = 20;

    @Test
    void eachChunksRefundsAreSentWhenItCommitsAndEveryoneIsPaidOnce() {
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(1200), 20, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        for (int i = 0; i < CARDS; i++) {
            buy(users.create(Role.CONSUMER), pack);
        }
        ClosedWithBatch closed = closeAfterSettlement(gym.id());
        ClosureCaseView closure = closed.closure();
        Batch batch = closed.batch();

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(payer::payDue);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(payer::payDue);
        assertThat(first.join() + second.join()).isEqualTo(CARDS);
        // no submitDue here: the chunks' commits started the sends
        await(() -> "COMPLETED".equals(repository.batch(batch.id()).orElseThrow().status()), "batch completed");

        var totals = repository.totals(batch.id());
        assertThat(totals.paid()).isEqualTo(CARDS);
        assertEveryonePaidOnce(closure.id(), CARDS, totals.total());
        assertThat(jdbc.sql("select count(*) from payment.refund where refund_reference like :p and status = 'SUCCEEDED' and attempts = 1")
                .param("p", "compensation:" + closure.id() + ":%").query(Long.class).single())
                .as("each sent once").isEqualTo(CARDS);
        assertBooks(gym.id(), "at the end");
        assertThat(refundWorker.submitDue()).as("nothing left for the job").isZero();
    }
}
