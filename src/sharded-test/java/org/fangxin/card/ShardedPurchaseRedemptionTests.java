package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.lifecycle.CallbackIntake;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The first slice of the sharded profile (issue 17, ADR 12): one merchant is onboarded, sells a session pack and
 * redeems a session, with the facades called inside {@link ShardRouting}; every row of it is then looked up on each
 * physical shard directly, and the ledger's invariants are checked per shard and in total. The HTTP boundary's routing
 * is {@link ShardedApiRoutingTests}.
 */
class ShardedPurchaseRedemptionTests extends ShardedCardTest {

    @Autowired PurchaseDesk purchaseDesk;
    @Autowired RedemptionDesk redemptionDesk;
    @Autowired CallbackIntake callbacks;

    @Test
    void aMerchantsPurchaseAndRedemptionWriteOnlyItsOwnShardAndEveryShardsBooksBalance() {
        // The last slot belongs to the last shard: a route that fell back to the directory shard ds_0 would show.
        TestMerchants.Created gym = ShardRouting.onNewMerchant(MerchantSlot.SLOTS - 1,
                () -> f.merchant(Sector.SPORTS_FITNESS, "410200"));
        UUID merchantId = gym.id();
        assertThat(shardNumberOf(merchantId)).isEqualTo(shards.size() - 1);
        Supplier<ProductView> pack = () -> f.sessionPack(gym, 2000, 20);
        ProductView product = ShardRouting.onMerchant(merchantId, pack);
        UserAccount consumer = f.consumer();
        UserAccount staff = ShardRouting.onMerchant(merchantId, () -> f.staff(merchantId));

        PurchaseView purchase = ShardRouting.onMerchant(merchantId, () -> purchaseDesk.purchase(consumer.actor(),
                new BuyCard(product.id(), product.storeIds().get(0), product.currentVersionId(), true)));
        String providerOrderId = ShardRouting.onMerchant(merchantId, () -> f.providerOrderId(purchase.paymentOrderId()));
        ShardRouting.onMerchant(merchantId, () -> {
            sandbox.deliver(providerOrderId, SandboxGateway.Delivery.HOLD);
            sandbox.pay(providerOrderId);
            return callbacks.receive("sandbox", sandbox.signedNotification(providerOrderId), "127.0.0.1");
        });
        UUID cardId = ShardRouting.onMerchant(merchantId, () -> f.awaitCard(purchase.id()));
        RedemptionView redemption = ShardRouting.onMerchant(merchantId, () -> {
            RedemptionCodeView code = redemptionDesk.issueCode(consumer.actor(), cardId);
            return redemptionDesk.redeem(staff.actor(), new Redeem(code.code(), product.storeIds().get(0), 1, null));
        });

        assertThat(redemption.value()).isEqualTo(Money.yuan(100));
        assertThat(MerchantSlot.of(cardId)).as("the card id carries its merchant's slot").isEqualTo(MerchantSlot.of(merchantId));
        assertWrittenOnlyOnItsShard(merchantId, cardId);
        assertBooksBalancePerShardAndInTotal();
        EscrowIdentityReport identity = ShardRouting.onMerchant(merchantId, () -> escrow.checkMerchant(merchantId));
        assertThat(identity.holds()).as(identity.violations().toString()).isTrue();
    }
}
