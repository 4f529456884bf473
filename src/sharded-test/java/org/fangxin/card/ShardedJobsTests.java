package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.lifecycle.CallbackIntake;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.jobs.DueJobs;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With the jobs on (ADR 12 §8b): the schedule stays on the directory shard, and a job's run reaches the merchants of
 * every shard. A monthly pass sold on the last shard is released by the scheduler's own run of card-period-release.
 */
@TestPropertySource(properties = {"fangxin.jobs.enabled=true", "fangxin.jobs.polling-interval=PT1H"})
class ShardedJobsTests extends ShardedCardTest {

    @Autowired DueJobs dueJobs;
    @Autowired PurchaseDesk purchaseDesk;
    @Autowired CallbackIntake callbacks;

    @Test
    void theSchedulersRunOfAMerchantJobReachesTheLastShardAndItsScheduleStaysOnTheDirectory() {
        TestMerchants.Created gym = ShardRouting.onNewMerchant(MerchantSlot.SLOTS - 1,
                () -> f.merchant(Sector.SPORTS_FITNESS, "410200"));
        UUID merchantId = gym.id();
        ProductView pass = ShardRouting.onMerchant(merchantId, () -> f.periodPass(gym, 300, 30));
        UserAccount consumer = f.consumer();
        UUID cardId = ShardRouting.onMerchant(merchantId, () -> {
            PurchaseView purchase = purchaseDesk.purchase(consumer.actor(),
                    new BuyCard(pass.id(), pass.storeIds().get(0), pass.currentVersionId(), true));
            String providerOrderId = f.providerOrderId(purchase.paymentOrderId());
            sandbox.deliver(providerOrderId, SandboxGateway.Delivery.HOLD);
            sandbox.pay(providerOrderId);
            callbacks.receive("sandbox", sandbox.signedNotification(providerOrderId), "127.0.0.1");
            return f.awaitCard(purchase.id());
        });

        clock.advance(Duration.ofDays(10));
        assertThat(dueJobs.runDue(Duration.ofMinutes(3))).as("every due job ran").isTrue();

        long earned = shards.get(2).sql("select earned_minor from card.card where id = :id").param("id", cardId)
                .query(Long.class).single();
        assertThat(earned).as("released by the scheduler's run on ds_2").isPositive();
        assertThat(shards.get(0).sql("select count(*) from jobs.scheduled_tasks").query(Long.class).single()).isPositive();
        for (int shard = 1; shard < shards.size(); shard++) {
            assertThat(shards.get(shard).sql("select count(*) from jobs.scheduled_tasks").query(Long.class).single())
                    .as("no schedule on ds_" + shard).isZero();
        }
        assertBooksBalancePerShardAndInTotal();
    }
}
