package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The payer reaches lines whose planned notice the sender has not sent (a due line, the sender behind): it sends their
 * notices in its own chunk and records them with the settle update; a chunk that fails sends none; every consumer gets
 * the planned notice exactly once and the sender finds nothing left.
 */
class CompensationPlannedNoticeTests extends CompensationTestBase {

    static final int CARDS = 6;

    @Autowired CompensationNoticeSender sender;

    @Test
    void linesThePayerReachesBeforeTheirPlannedNoticeGetItOnceInThePayChunk() {
        TestMerchants.Created gym = gym();
        ProductView value = product(gym, ProductKind.STORED_VALUE, Money.yuan(500), null, Term.months(6), RefundMethod.PRO_RATA_VALUE);
        for (int i = 0; i < CARDS; i++) {
            buy(users.create(Role.CONSUMER), value);
        }
        clock.advance(Duration.ofDays(2));
        settle();
        topUpFund(Money.yuan(100_000));
        Batch batch = awaitBatch(confirmClosure(gym.id()).id());
        await(() -> unnoticed(batch.id()) == 0, "planned notices sent after the plan");
        // the sender had not reached half of the lines: no notice, no mark
        List<UUID> behind = jdbc.sql("select id from compensation.compensation_line where batch_id = :b and seq % 2 = 0")
                .param("b", batch.id()).query(UUID.class).list();
        String[] keys = behind.stream().map(id -> "compensation-planned:" + id).toArray(String[]::new);
        jdbc.sql("delete from notification.outbox where message_id in (select id from notification.message where dedup_key = any(:k))")
                .param("k", keys).update();
        jdbc.sql("delete from notification.message where dedup_key = any(:k)").param("k", keys).update();
        jdbc.sql("update compensation.compensation_line set planned_notice_at = null where id = any(:ids)")
                .param("ids", behind.toArray(UUID[]::new)).update();
        clock.advance(Duration.ofDays(8));

        assertThatThrownBy(() -> payer.payDue(batch.id(), Integer.MAX_VALUE, line -> {
            throw new IllegalStateException("simulated crash");
        })).hasMessageContaining("simulated crash");
        assertThat(plannedMessages(keys)).as("the failed chunk sent nothing").isZero();
        assertThat(unnoticed(batch.id())).isEqualTo(behind.size());

        assertThat(payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { })).isEqualTo(CARDS);
        assertThat(unnoticed(batch.id())).as("the settle update records the notice").isZero();
        assertThat(plannedMessages(keys)).as("one planned notice per line the sender had not reached").isEqualTo(behind.size());
        assertThat(sender.sendPending()).as("nothing left for the sender").isZero();
        payRefundsUntilSettled(batch.id());
        await(() -> "COMPLETED".equals(repository.batch(batch.id()).orElseThrow().status()), "batch completed");
        assertBooks(gym.id(), "at the end");
    }

    private long unnoticed(UUID batchId) {
        return jdbc.sql("select count(*) from compensation.compensation_line where batch_id = :b and planned_notice_at is null")
                .param("b", batchId).query(Long.class).single();
    }

    private long plannedMessages(String[] keys) {
        return jdbc.sql("select count(*) from notification.message where dedup_key = any(:k)").param("k", keys)
                .query(Long.class).single();
    }
}
