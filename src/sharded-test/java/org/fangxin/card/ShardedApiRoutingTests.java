package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

/**
 * The second slice (ADR 12 §8b): HTTP requests are routed at the boundary. Three gyms, one on each shard, each sell a
 * card through the real API: the consumer's purchase is routed by the product id in its body, the payment provider's
 * callback by the order numbers in its body, the card's page and its redemption code by the card id in the path, and
 * the staff's redemption by the staff member's merchant. Every row lands on its merchant's shard only, and each
 * shard's books balance on their own and in total.
 */
class ShardedApiRoutingTests extends ShardedCardTest {

    static final String CALLBACK = "/api/v1/public/payments/callbacks/sandbox";

    @Test
    void purchasesCallbacksAndRedemptionsThroughTheApiRunOnTheirMerchantsShard() {
        UUID[] cards = new UUID[3];
        UUID[] merchants = new UUID[3];
        for (int shard = 0; shard < 3; shard++) {
            // the middle slot of each third: shard n holds slots [n·1024/3, (n+1)·1024/3)
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6;
            TestMerchants.Created gym = ShardRouting.onNewMerchant(slot, () -> f.merchant(Sector.SPORTS_FITNESS, "410200"));
            merchants[shard] = gym.id();
            assertThat(shardNumberOf(gym.id())).isEqualTo(shard);
            cards[shard] = buyAndRedeemThroughTheApi(gym);
            assertWrittenOnlyOnItsShard(gym.id(), cards[shard]);
        }
        UserAccount staffOfFirst = f.staff(merchants[0]);
        assertThat(api().as(staffOfFirst).get("/api/v1/cards/" + cards[2]).status())
                .as("another merchant's card, looked for on the caller's own shard").isEqualTo(404);
        assertBooksBalancePerShardAndInTotal();
        for (UUID merchant : merchants) {
            EscrowIdentityReport identity = ShardRouting.onMerchant(merchant, () -> escrow.checkMerchant(merchant));
            assertThat(identity.holds()).as(identity.violations().toString()).isTrue();
        }
    }

    private UUID buyAndRedeemThroughTheApi(TestMerchants.Created gym) {
        ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, 2000, 20));
        // Logins live on the directory shard (identity is global): staff made outside the route can log in.
        UserAccount consumer = f.consumer();
        UserAccount staff = f.staff(gym.id());
        Api holder = api().as(consumer);

        Api.Response started = holder.post("/api/v1/purchases", Map.of("productId", pack.id(),
                "storeId", pack.storeIds().get(0), "contractVersionId", pack.currentVersionId(), "acceptContract", true),
                UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(started.json().get("id").asString());
        UUID orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
        String notification = ShardRouting.onMerchant(gym.id(), () -> {
            String providerOrderId = f.providerOrderId(orderId);
            sandbox.deliver(providerOrderId, SandboxGateway.Delivery.HOLD);
            sandbox.pay(providerOrderId);
            return sandbox.signedNotification(providerOrderId);
        });
        Api.Response callback = api().postRaw(CALLBACK, notification);
        assertThat(callback.status()).as(callback.body()).isBetween(200, 204);
        UUID cardId = ShardRouting.onMerchant(gym.id(), () -> f.awaitCard(purchaseId));
        assertThat(MerchantSlot.of(cardId)).isEqualTo(MerchantSlot.of(gym.id()));

        Api.Response card = holder.get("/api/v1/cards/" + cardId);
        assertThat(card.status()).as(card.body()).isEqualTo(200);
        Api.Response code = holder.post("/api/v1/cards/" + cardId + "/redemption-codes", null);
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        Api.Response redeemed = api().as(staff).post("/api/v1/redemptions", Map.of("code", code.json().get("code").asString(),
                "storeId", pack.storeIds().get(0), "sessions", 1), UUID.randomUUID().toString());
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
        Api.Response after = holder.get("/api/v1/cards/" + cardId);
        assertThat(after.json().get("sessionsRemaining").asInt()).isEqualTo(19);
        return cardId;
    }
}
