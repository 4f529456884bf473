package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.card.lifecycle.RedemptionNotices;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ADR 14 on shards: redemption notices follow the committed redemption rows per shard, each shard with its own cursor,
 * advisory lock and transaction ids. A consumer who redeems at gyms on {@code ds_1} and {@code ds_2} gets one notice
 * for each redemption, however often the pass runs.
 */
class ShardedRedemptionNoticesTests extends ShardedCardTest {

    @Autowired RedemptionNotices notices;

    @Test
    void redemptionsAtGymsOnTwoShardsEachGetOneNoticeHoweverOftenThePassRuns() {
        UserAccount consumer = f.consumer();
        Api holder = api().as(consumer);
        String[] names = new String[2];
        for (int shard = 1; shard <= 2; shard++) {
            TestMerchants.Created gym = gymOn(shard);
            ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, 900, 10));
            names[shard - 1] = pack.name();
            UUID card = ShardRouting.onMerchant(gym.id(), () -> f.buyAndPay(holder, pack));
            Api.Response code = holder.post("/api/v1/cards/" + card + "/redemption-codes", null);
            assertThat(code.status()).as(code.body()).isEqualTo(201);
            Api.Response redeemed = api().as(f.staff(gym.id())).post("/api/v1/redemptions", Map.of(
                    "code", code.json().get("code").asString(), "storeId", pack.storeIds().get(0), "sessions", 1),
                    UUID.randomUUID().toString());
            assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
        }

        notices.sendPending();
        notices.sendPending();

        for (String name : names) {
            assertThat(noticesMentioning(holder, name)).as("redemption notices naming " + name).isEqualTo(1);
        }
    }

    /** Redemption notices (subject 核销通知) in the consumer's inbox whose text names {@code productName}. */
    private static long noticesMentioning(Api holder, String productName) {
        Api.Response inbox = holder.get("/api/v1/notifications");
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
        return inbox.json().valueStream()
                .filter(n -> n.get("subject").asString().contains("核销"))
                .filter(n -> n.toString().contains(productName))
                .count();
    }
}
