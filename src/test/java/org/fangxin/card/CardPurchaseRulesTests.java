package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Purchase refusals (contract version, caps) and the surrender contract the refund module relies on. */
class CardPurchaseRulesTests extends CardTest {

    @Autowired Cards cards;
    @Autowired TransactionTemplate transactions;

    CardFixtures fixtures() {
        return f;
    }

    @Test
    void refusesAnOutdatedContractAnUnacceptedOneAndCapsAcrossRenewals() {
        CardFixtures f = fixtures();
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "310104"); // Shanghai: ≤ 20,000 yuan per consumer
        ProductView pass = f.periodPass(gym, 5000, 300);
        Api consumer = api().as(f.consumer());

        Map<String, Object> stale = new java.util.HashMap<>(CardFixtures.buyBody(pass));
        stale.put("contractVersionId", UUID.randomUUID());
        assertThat(consumer.post("/api/v1/purchases", stale, UUID.randomUUID().toString()).code()).isEqualTo("contract-version-outdated");
        Map<String, Object> unaccepted = new java.util.HashMap<>(CardFixtures.buyBody(pass));
        unaccepted.put("acceptContract", false);
        assertThat(consumer.post("/api/v1/purchases", unaccepted, UUID.randomUUID().toString()).code()).isEqualTo("invalid-input");
        assertThat(consumer.post("/api/v1/purchases", CardFixtures.buyBody(pass)).code()).isEqualTo("idempotency-key-missing");

        for (int i = 0; i < 4; i++) {
            f.buyAndPay(consumer, pass);
        }
        Api.Response fifth = f.startPurchase(consumer, pass);
        assertThat(fifth.status()).isEqualTo(422);
        assertThat(fifth.code()).isEqualTo("rule-violation");
        assertThat(fifth.json().get("violations").toString()).contains("consumer-total-above-cap");
        f.assertBooksHold(gym.id());
    }

    /**
     * Issue 13, item 3: purchases waiting for payment count towards the per-consumer cap (Shanghai gyms: 20,000 yuan per
     * consumer and merchant), so four unpaid orders of 5,000 leave no room for a fifth; and issuing re-checks the cap:
     * a purchase whose cap was lowered before the payment arrived issues no card and the payment is refunded in full.
     */
    @Test
    void unpaidPurchasesCountTowardsTheConsumerCapAndIssuingReChecksIt() {
        CardFixtures f = fixtures();
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "310104");
        ProductView pass = f.periodPass(gym, 5000, 300);
        Api consumer = api().as(f.consumer());
        for (int i = 0; i < 4; i++) {
            assertThat(f.startPurchase(consumer, pass).status()).isEqualTo(201);
        }

        Api.Response fifth = f.startPurchase(consumer, pass);

        assertThat(fifth.status()).isEqualTo(422);
        assertThat(fifth.json().get("violations").toString()).contains("consumer-total-above-cap");

        String region = "64" + String.format("%02d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10, 99)) + "00";
        Api operator = api().as(users.create(org.fangxin.identity.Role.OPERATOR));
        TestMerchants.Created other = f.merchant(Sector.SPORTS_FITNESS, region);
        ProductView otherPass = f.periodPass(other, 800, 30);
        Api buyer = api().as(f.consumer());
        var pending = f.startPurchase(buyer, otherPass);
        assertThat(pending.status()).isEqualTo(201);
        assertThat(operator.put("/api/v1/rules/" + region + "/SPORTS_FITNESS", Map.of("values",
                Map.of("consumerTotalMaxMinor", 50_000), "source", "test cap 500 yuan")).status()).isEqualTo(200);
        UUID purchaseId = UUID.fromString(pending.json().get("id").asString());
        UUID orderId = UUID.fromString(pending.json().get("paymentOrderId").asString());

        sandbox.pay(f.providerOrderId(orderId));

        CardFixtures.awaitTrue(() -> !"PENDING_PAYMENT".equals(buyer.get("/api/v1/purchases/" + purchaseId).json().get("status").asString()));
        assertThat(buyer.get("/api/v1/purchases/" + purchaseId).json().get("status").asString()).isEqualTo("REFUSED");
        assertThat(f.cardsOf(purchaseId)).isZero();
        CardFixtures.awaitTrue(() -> payments.find(orderId).orElseThrow().refunded().isPositive());
        assertThat(payments.find(orderId).orElseThrow().refunded()).isEqualTo(Money.yuan(800));
        f.assertBooksHold(other.id());
    }

    /**
     * Issue 13, item 7: the contract states the ratio the purchase keeps. An operator loosens the region's ratio after
     * the contract was written: the purchase still keeps the contract's ratio; tightened, the purchase keeps the
     * stricter one (a contract promises at least its ratio). Products.supervisionRatio says the same as the purchase.
     */
    @Test
    void aPurchaseKeepsTheRatioItsContractStatesOrAStricterOne() {
        CardFixtures f = fixtures();
        String region = "64" + String.format("%02d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10, 99)) + "00";
        Api operator = api().as(users.create(org.fangxin.identity.Role.OPERATOR));
        java.util.function.IntConsumer ratio = bp -> assertThat(operator.put("/api/v1/rules/" + region + "/SPORTS_FITNESS",
                Map.of("values", Map.of("supervisionRatioBp", bp), "source", "test ratio " + bp)).status()).isEqualTo(200);
        ratio.accept(8000);
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, region);
        ProductView pass = f.periodPass(gym, 1000, 30);
        assertThat(products.findContractVersion(pass.currentVersionId()).orElseThrow().content().supervisionRatioBp()).isEqualTo(8000);
        Api consumer = api().as(f.consumer());

        ratio.accept(3000);
        var loosened = f.startPurchase(consumer, pass);
        ratio.accept(9000);
        var tightened = f.startPurchase(consumer, pass);

        assertThat(loosened.json().get("supervisionRatioBp").asInt()).isEqualTo(8000);
        assertThat(tightened.json().get("supervisionRatioBp").asInt()).isEqualTo(9000);
        assertThat(products.supervisionRatio(pass.id()).bp()).isEqualTo(9000);
        ratio.accept(5000);
        assertThat(products.supervisionRatio(pass.id()).bp()).isEqualTo(8000);
        assertThat(products.supervisionRatio(pass.id()).source()).startsWith("contract version 1");
    }

    @Test
    void surrenderLocksEndsAndReturnsTheCardAsItWas() {
        CardFixtures f = fixtures();
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 600, 6);
        Api consumer = api().as(f.consumer());
        UUID cardId = f.buyAndPay(consumer, pack);

        assertThatThrownBy(() -> cards.surrender(cardId, CardStatus.REFUNDED, "outside a transaction"))
                .isInstanceOf(RuntimeException.class);
        CardView before = transactions.execute(status -> {
            CardView surrendered = cards.surrender(cardId, CardStatus.REFUNDED, "refund requested");
            // What the refund module does next, in the same transaction: the unredeemed value becomes a money debt.
            ledger.post(NewTransfer.of("refund:test-" + cardId, "test refund",
                    EntryLine.debit(ledger.open(AccountType.CARD_LIABILITY, cardId, Money.CNY).id(), surrendered.unredeemed()),
                    EntryLine.credit(ledger.open(AccountType.CONSUMER_REFUNDS_PAYABLE, cardId, Money.CNY).id(), surrendered.unredeemed())));
            ledger.post(NewTransfer.of("clawback:test-" + cardId, "test clawback",
                    EntryLine.debit(ledger.open(AccountType.MERCHANT_PAYABLE, gym.id(), Money.CNY).id(), surrendered.advanceOutstanding()),
                    EntryLine.credit(ledger.open(AccountType.MERCHANT_ADVANCE, gym.id(), Money.CNY).id(), surrendered.advanceOutstanding())));
            return surrendered;
        });
        assertThat(before.status()).isEqualTo(CardStatus.ACTIVE);
        assertThat(before.unredeemed()).isEqualTo(Money.yuan(600));
        assertThat(before.advanceOutstanding()).isEqualTo(Money.yuan(360));

        CardView after = cards.find(cardId).orElseThrow();
        assertThat(after.status()).isEqualTo(CardStatus.REFUNDED);
        assertThat(after.refunded()).isEqualTo(Money.yuan(600));
        assertThat(after.earned().plus(after.refunded()).plus(after.unredeemed())).isEqualTo(after.paid());
        assertThatThrownBy(() -> transactions.execute(status -> cards.surrender(cardId, CardStatus.EXPIRED, "again")))
                .isInstanceOf(Rejection.class).extracting(e -> ((Rejection) e).type().status()).isEqualTo(409);
        assertThat(consumer.post("/api/v1/cards/" + cardId + "/redemption-codes", null).code()).isEqualTo("card-not-active");
        assertThat(cards.expiringBefore(after.validUntil().plusDays(1), 500)).extracting(CardView::id).doesNotContain(cardId);
        f.assertBooksHold(gym.id());
    }
}
