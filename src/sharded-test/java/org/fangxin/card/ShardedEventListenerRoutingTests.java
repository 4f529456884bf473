package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.fangxin.merchant.MerchantApproved;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The third slice (ADR 12 §8c): a listener of a merchant's event runs on that merchant's shard, whoever published it.
 * Here a merchant of the last shard is approved again by a transaction without a route (through ShardingSphere, so its
 * publications are stored on the directory shard ds_0). Risk's listener, which once ran unrouted and failed in
 * ShardingSphere's parser, rates the merchant on its own shard, and every publication of the event completes.
 */
class ShardedEventListenerRoutingTests extends ShardedCardTest {

    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void aMerchantsEventPublishedWithoutARouteIsHandledOnTheMerchantsShard() {
        UUID merchantId = ShardRouting.onNewMerchant(MerchantSlot.SLOTS - 1,
                () -> f.merchant(Sector.SPORTS_FITNESS, "410200")).id();
        int home = shardNumberOf(merchantId);
        assertThat(home).isEqualTo(2);
        assertThat(ShardRouting.current()).as("the test's own thread is unrouted").isEmpty();

        new TransactionTemplate(transactions).executeWithoutResult(s ->
                events.publishEvent(new MerchantApproved(merchantId, Sector.SPORTS_FITNESS, "410200", clock.instant())));

        String ofMerchant = "%" + merchantId + "%";
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            long stored = shards.get(0).sql("select count(*) from event_publication where serialized_event like :m")
                    .param("m", ofMerchant).query(Long.class).single();
            long incomplete = shards.get(0).sql("""
                    select count(*) from event_publication where serialized_event like :m and completion_date is null""")
                    .param("m", ofMerchant).query(Long.class).single();
            assertThat(stored).as("publications stored where the unrouted transaction ran").isPositive();
            assertThat(incomplete).as("every listener of the event completed").isZero();
        });
        assertThat(shards.get(0).sql("select count(*) from risk.rating_due where merchant_id = :m").param("m", merchantId)
                .query(Long.class).single()).as("nothing of the merchant's risk on the directory shard").isZero();
        assertThat(shards.get(0).sql("select count(*) from risk.tier_state where merchant_id = :m").param("m", merchantId)
                .query(Long.class).single()).isZero();
        assertThat(shards.get(home).sql("select count(*) from risk.tier_state where merchant_id = :m").param("m", merchantId)
                .query(Long.class).single()).as("rated on its own shard").isPositive();
    }
}
