package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fangxin.card.BuyCard;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.EscrowIdentityReport;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.Redeem;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.payment.lifecycle.CallbackIntake;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 17, second "Done when": random merchants spread over the shards (random slots of the 1,024), random purchases,
 * redemptions and refunds through the facades inside their merchant's route; afterwards the books are exact on every
 * shard and in total (transfers balance, balances equal their entries and sum to zero, the ledger's own check), the
 * escrow identity holds per merchant, every card's earned + refunded + unredeemed = paid, and no row of a merchant
 * (any table with a {@code merchant_id}, its ledger accounts and those of its cards) exists on a second shard.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
class ShardedBooksPropertyTests extends RefundTestBase {

    /** A step: which merchant (index, modulo their number) and what (0 buy, 1 redeem, 2 refund). */
    record Step(int merchant, int action) { }

    record Shop(TestMerchants.Created merchant, ProductView pack, ProductView storedValue) {
        UUID id() {
            return merchant.id();
        }
    }

    @Autowired PurchaseDesk purchases;
    @Autowired RedemptionDesk redemptions;
    @Autowired CallbackIntake callbacks;
    @Value("${fangxin.sharding.urls}") List<String> shardUrls;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    @Test
    void randomMerchantsOverTheShardsKeepExactBooksPerShardAndInTotalAndNeverSpillToASecondShard() {
        // a random slot within each merchant's third of the 1,024 (so every example spans the three shards), shards
        // taken in turn from a random first one; random steps on random merchants
        Gen<List<Integer>> offsets = lists().of(integers().between(0, SHARD_SLOTS_MIN - 1)).ofSizeBetween(3, 5);
        Gen<List<Step>> steps = lists().of(integers().between(0, 99).zip(integers().between(0, 2), Step::new))
                .ofSizeBetween(6, 14);
        qt().withExamples(4).withShrinkCycles(0).forAll(offsets, integers().between(0, 2), steps).checkAssert(this::run);
    }

    /** Shard n of three equal ranges holds the slots from FIRST_SLOT[n], at least SHARD_SLOTS_MIN of them. */
    static final int[] FIRST_SLOT = {0, 342, 683};
    static final int SHARD_SLOTS_MIN = 341;

    private void run(List<Integer> offsets, int firstShard, List<Step> steps) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < offsets.size(); i++) {
            slots.add(FIRST_SLOT[(firstShard + i) % 3] + offsets.get(i));
        }
        List<Shop> shops = slots.stream().map(this::openShop).toList();
        for (int i = 0; i < shops.size(); i++) {
            assertThat(MerchantSlot.of(shops.get(i).id())).isEqualTo(slots.get(i));
            assertThat(ShardRouting.shardOf(shops.get(i).id())).isEqualTo("ds_" + (firstShard + i) % 3);
        }
        List<UserAccount> consumers = List.of(users.create(Role.CONSUMER), users.create(Role.CONSUMER));
        List<CardView> cards = new ArrayList<>();
        Map<String, Integer> done = new TreeMap<>();
        for (Shop shop : shops) { // a card at every merchant first, so redemptions and refunds have something to act on
            cards.add(ShardRouting.onMerchant(shop.id(), () -> buy(consumers.get(0), shop.pack())));
        }
        for (Step step : steps) {
            Shop shop = shops.get(step.merchant() % shops.size());
            UserAccount consumer = consumers.get(step.merchant() % consumers.size());
            ShardRouting.onMerchant(shop.id(), () -> {
                List<CardView> own = cards.stream().filter(c -> c.merchantId().equals(shop.id())).toList();
                String what = switch (own.isEmpty() ? 0 : step.action()) {
                    case 0 -> {
                        cards.add(buy(consumer, step.merchant() % 2 == 0 ? shop.pack() : shop.storedValue()));
                        yield "buy";
                    }
                    case 1 -> redeem(shop, own.get(step.merchant() % own.size()), consumers);
                    default -> refund(own.get(step.merchant() % own.size()), consumers);
                };
                done.merge(what, 1, Integer::sum);
                return null;
            });
        }
        String context = "slots " + slots + ", steps " + steps + ", done " + done;
        LoggerFactory.getLogger(getClass()).info("sharded books: {}", context);
        assertBooksExact(shops, cards, context);
        assertEveryMerchantOnItsShardOnly(shops, cards, context);
    }

    private Shop openShop(int slot) {
        return ShardRouting.onNewMerchant(slot, () -> {
            TestMerchants.Created gym = fx.gym();
            ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.fen(30_000 + slot), 12, Term.months(3),
                    RefundMethod.PRO_RATA_SESSIONS, 0);
            ProductView value = fx.product(gym, ProductKind.STORED_VALUE, Money.fen(50_000 + 7L * slot), null,
                    Term.months(6), RefundMethod.PRO_RATA_VALUE, 0);
            return new Shop(gym, pack, value);
        });
    }

    /** Inside the merchant's route: order, provider pays, its callback arrives, the card is issued. */
    private CardView buy(UserAccount consumer, ProductView product) {
        PurchaseView purchase = purchases.purchase(consumer.actor(), new BuyCard(product.id(), product.storeIds().get(0),
                product.currentVersionId(), true));
        String providerOrderId = fx.providerOrderId(purchase.paymentOrderId());
        sandbox.deliver(providerOrderId, SandboxGateway.Delivery.HOLD);
        sandbox.pay(providerOrderId);
        callbacks.receive("sandbox", sandbox.signedNotification(providerOrderId), "127.0.0.1");
        RefundFixtures.awaitTrue(() -> purchases.view(consumer.actor(), purchase.id()).cardId() != null);
        return cardsBean.find(purchases.view(consumer.actor(), purchase.id()).cardId()).orElseThrow();
    }

    private String redeem(Shop shop, CardView card, List<UserAccount> consumers) {
        CardView now = cardsBean.find(card.id()).orElseThrow();
        if (now.status() != CardStatus.ACTIVE || !now.unredeemed().isPositive()) {
            return "redeem (card used up)";
        }
        String code = redemptions.issueCode(holder(now, consumers).actor(), now.id()).code();
        boolean pack = "SESSION_PACK".equals(now.kind());
        Money amount = pack ? null : Money.fen(1 + (now.unredeemed().amountMinor() / 3));
        redemptions.redeem(fx.staffOf(shop.id()).actor(), new Redeem(code, now.storeId(), pack ? 1 : null, amount));
        return "redeem";
    }

    /** A consumer's refund (in cooling-off: approved at once); an approved one is paid back through the provider. */
    private String refund(CardView card, List<UserAccount> consumers) {
        CardView now = cardsBean.find(card.id()).orElseThrow();
        if (now.status() != CardStatus.ACTIVE || !now.unredeemed().isPositive()) {
            return "refund (card used up)";
        }
        try {
            RefundView refund = refunds.request(holder(now, consumers).actor(), new NewRefund(now.id(), RefundReason.CONSUMER_CHOICE));
            if (refund.status() == RefundStatus.APPROVED) {
                fx.runPaymentRefund(now.paymentOrderId(), refund.paymentReference());
                return "refund paid";
            }
            return "refund " + refund.status();
        } catch (Rejection refused) {
            return "refund refused"; // it moves nothing; the books are checked all the same
        }
    }

    private static UserAccount holder(CardView card, List<UserAccount> consumers) {
        return consumers.stream().filter(u -> u.id().equals(card.holderUserId())).findFirst().orElseThrow();
    }

    private void assertBooksExact(List<Shop> shops, List<CardView> cards, String context) {
        List<JdbcClient> shards = ShardBooks.connect(shardUrls);
        ShardBooks.assertBalancedPerShardAndInTotal(shards);
        for (int shard = 0; shard < shards.size(); shard++) {
            InvariantReport books = ShardRouting.onShard("ds_" + shard, () -> ledger.checkInvariants());
            assertThat(books.holds()).as(context + ": ds_" + shard + " " + books).isTrue();
        }
        for (Shop shop : shops) {
            EscrowIdentityReport identity = ShardRouting.onMerchant(shop.id(), () -> escrow.checkMerchant(shop.id()));
            assertThat(identity.holds()).as(context + ": " + identity.violations()).isTrue();
        }
        for (CardView sold : cards) {
            CardView card = ShardRouting.onMerchant(sold.merchantId(), () -> cardsBean.find(sold.id()).orElseThrow());
            assertThat(card.earned().plus(card.refunded()).plus(card.unredeemed())).as(context + ", card " + card.id())
                    .isEqualTo(card.paid());
        }
    }

    private void assertEveryMerchantOnItsShardOnly(List<Shop> shops, List<CardView> cards, String context) {
        List<JdbcClient> shards = ShardBooks.connect(shardUrls);
        for (Shop shop : shops) {
            int home = Integer.parseInt(ShardRouting.shardOf(shop.id()).substring("ds_".length()));
            List<UUID> owners = new ArrayList<>(List.of(shop.id()));
            cards.stream().filter(c -> c.merchantId().equals(shop.id())).forEach(c -> owners.add(c.id()));
            for (int shard = 0; shard < shards.size(); shard++) {
                long rows = ShardBooks.rowsOfMerchant(shards.get(shard), shop.id(), owners);
                if (shard == home) {
                    assertThat(rows).as(context + ": rows of " + shop.id() + " on its shard ds_" + shard).isPositive();
                } else {
                    assertThat(rows).as(context + ": rows of " + shop.id() + " on a second shard ds_" + shard).isZero();
                }
            }
        }
    }
}
