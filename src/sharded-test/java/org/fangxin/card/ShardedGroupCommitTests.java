package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.fangxin.card.lifecycle.RedemptionBatcher;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Redemption group commit in the sharded profile (ADR 12 §8i): a batch is one transaction, so each shard has its own
 * queue and workers, and a batch runs inside its shard's route. Staff of gyms on ds_1 and ds_2 redeem at the same time
 * through the API: every redemption is answered from a batch (before, the workers had no route, every batched command
 * failed on ds_0 and ran again alone), each is written on its gym's shard only, with ids that carry the gym's slot.
 */
class ShardedGroupCommitTests extends ShardedCardTest {

    static final int CARDS_PER_GYM = 3;

    @Autowired RedemptionBatcher batcher;

    record Redemption(Api staff, String code, UUID store) { }

    @Test
    void concurrentRedemptionsOfTwoShardsAreAnsweredFromBatchesOnTheirOwnShard() throws Exception {
        assertThat(batcher.activity().enabled()).as("group commit on in the sharded test profile").isTrue();
        List<TestMerchants.Created> gyms = new ArrayList<>();
        List<Redemption> redemptions = new ArrayList<>();
        List<UUID> cards = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6;
            TestMerchants.Created gym = ShardRouting.onNewMerchant(slot, () -> f.merchant(Sector.SPORTS_FITNESS, "410200"));
            assertThat(shardNumberOf(gym.id())).isEqualTo(shard);
            gyms.add(gym);
            ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, 300, 10));
            Api staff = api().as(f.staff(gym.id()));
            for (int i = 0; i < CARDS_PER_GYM; i++) {
                UserAccount consumer = f.consumer();
                Api holder = api().as(consumer);
                UUID card = bought(gym, holder, pack);
                cards.add(card);
                Api.Response code = holder.post("/api/v1/cards/" + card + "/redemption-codes", null);
                assertThat(code.status()).as(code.body()).isEqualTo(201);
                redemptions.add(new Redemption(staff, code.json().get("code").asString(), pack.storeIds().get(0)));
            }
        }
        long answeredBefore = batcher.activity().commandsAnsweredInBatches();

        ExecutorService callers = Executors.newFixedThreadPool(redemptions.size());
        try {
            List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
            for (Redemption r : redemptions) {
                answers.add(CompletableFuture.supplyAsync(() -> r.staff().post("/api/v1/redemptions",
                        Map.of("code", r.code(), "storeId", r.store(), "sessions", 1), UUID.randomUUID().toString()), callers));
            }
            for (CompletableFuture<Api.Response> answer : answers) {
                Api.Response redeemed = answer.get(60, TimeUnit.SECONDS);
                assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(batcher.activity().commandsAnsweredInBatches() - answeredBefore)
                .as("every redemption answered from a batch on its shard, none run again alone").isEqualTo(redemptions.size());
        for (int i = 0; i < gyms.size(); i++) {
            TestMerchants.Created gym = gyms.get(i);
            int home = shardNumberOf(gym.id());
            for (int shard = 0; shard < shards.size(); shard++) {
                List<UUID> ids = shards.get(shard).sql("select id from card.redemption where merchant_id = :m")
                        .param("m", gym.id()).query(UUID.class).list();
                assertThat(ids).as("redemptions of the gym on ds_" + shard).hasSize(shard == home ? CARDS_PER_GYM : 0);
                ids.forEach(id -> assertThat(MerchantSlot.of(id)).as("a batched redemption's id carries the gym's slot")
                        .isEqualTo(MerchantSlot.of(gym.id())));
            }
            for (UUID card : cards.subList(i * CARDS_PER_GYM, (i + 1) * CARDS_PER_GYM)) {
                assertWrittenOnlyOnItsShard(gym.id(), card);
            }
        }
        assertBooksBalancePerShardAndInTotal();
    }

    /** A card bought through the API and paid at the sandbox provider (the provider's side inside the gym's route). */
    private UUID bought(TestMerchants.Created gym, Api holder, ProductView pack) {
        Awaitility.pollInSameThread(); // Awaitility's own poller thread would not carry the route
        try {
            return ShardRouting.onMerchant(gym.id(), () -> f.buyAndPay(holder, pack));
        } finally {
            Awaitility.reset();
        }
    }
}
