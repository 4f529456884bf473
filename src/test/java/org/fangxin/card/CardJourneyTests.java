package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fangxin.card.lifecycle.PeriodRelease;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.PaymentConfirmed;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.domain.CallbackSignature;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestTransfers;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prepaid loop end to end over HTTP with the sandbox gateway: purchase (duplicate and forged callbacks), code and
 * request redemptions, the race for the last session, disputes, day-by-day release and transfer. After every step the
 * ledger invariants and the merchant's escrow identity are asserted.
 */
@Tag("journey")
class CardJourneyTests extends CardTest {

    static final String CALLBACK = "/api/v1/public/payments/callbacks/sandbox";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired PurchaseDesk purchaseDesk;
    @Autowired PeriodRelease periodRelease;
    @Autowired RedemptionDesk redemptionDesk;
    @Autowired Cards cards;

    @Test
    void buysASessionPackIntoEscrowWithTheAdvanceAndIssuesExactlyOnce() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 2000, 60);
        UserAccount consumer = f.consumer();
        Api api = api().as(consumer);

        Api.Response started = f.startPurchase(api, pack);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode purchase = started.json();
        assertThat(purchase.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(purchase.get("checkoutUrl").asString()).startsWith("/public/sandbox-pay/");
        UUID purchaseId = UUID.fromString(purchase.get("id").asString());
        UUID orderId = UUID.fromString(purchase.get("paymentOrderId").asString());
        PaymentOrderView order = payments.find(orderId).orElseThrow();
        assertThat(order.reference()).isEqualTo("purchase:" + purchaseId);

        // The forged callback is refused and issues nothing; the genuine one arrives twice.
        sandbox.deliver(order.providerOrderId(), SandboxGateway.Delivery.HOLD);
        sandbox.pay(order.providerOrderId());
        Map<String, String> forged = JSON.readValue(sandbox.signedNotification(order.providerOrderId()),
                new tools.jackson.core.type.TypeReference<Map<String, String>>() { });
        forged.put("signature", new CallbackSignature("an-attacker-guessing-the-secret").sign(forged));
        assertThat(api().postRaw(CALLBACK, JSON.writeValueAsString(forged)).status()).isEqualTo(401);
        assertThat(f.cardsOf(purchaseId)).isZero();
        sandbox.releaseHeld(order.providerOrderId());
        api().postRaw(CALLBACK, sandbox.signedNotification(order.providerOrderId()));
        UUID cardId = f.awaitCard(purchaseId);

        // A redelivered event (at least once) finds the card and does nothing.
        PaymentOrderView paid = payments.find(orderId).orElseThrow();
        PaymentConfirmed again = new PaymentConfirmed(orderId, paid.reference(), consumer.id(), gym.id(), paid.amount(), paid.paidAt());
        assertThat(purchaseDesk.issue(again)).contains(cardId);
        assertThat(f.cardsOf(purchaseId)).isEqualTo(1);

        CardView card = cards.find(cardId).orElseThrow();
        assertThat(card.status()).isEqualTo(CardStatus.ACTIVE);
        assertThat(card.paid()).isEqualTo(Money.yuan(2000));
        assertThat(card.unredeemed()).isEqualTo(Money.yuan(2000));
        assertThat(card.advanceOutstanding()).isEqualTo(Money.yuan(1200)); // national ratio 40% stays in escrow
        assertThat(card.sessionsRemaining()).isEqualTo(60);
        assertThat(card.paymentOrderId()).isEqualTo(orderId);
        assertThat(card.contractVersionId()).isEqualTo(pack.currentVersionId());
        assertThat(card.validUntil()).isEqualTo(card.validFrom().plusMonths(3).minusDays(1));
        assertThat(merchantBalance(AccountType.ESCROW, gym.id())).isEqualTo(Money.yuan(2000));
        assertThat(merchantBalance(AccountType.MERCHANT_ADVANCE, gym.id())).isEqualTo(Money.yuan(1200));
        assertThat(merchantBalance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(Money.yuan(1200));
        JsonNode viewed = api.get("/api/v1/purchases/" + purchaseId).json();
        assertThat(viewed.get("status").asString()).isEqualTo("PAID");
        assertThat(viewed.get("cardId").asString()).isEqualTo(cardId.toString());
        f.assertBooksHold(gym.id());
    }

    /**
     * ADR 17: the card is issued in the callback's own transaction, so it exists when the provider gets its answer; no
     * event publication is written for the confirmation, and a resend issues nothing more.
     */
    @Test
    void theSignedCallbackIssuesTheCardBeforeItIsAnsweredWithoutAPublication() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 1500, 30);
        UserAccount consumer = f.consumer();
        JsonNode purchase = f.startPurchase(api().as(consumer), pack).json();
        UUID purchaseId = UUID.fromString(purchase.get("id").asString());
        PaymentOrderView order = payments.find(UUID.fromString(purchase.get("paymentOrderId").asString())).orElseThrow();
        sandbox.deliver(order.providerOrderId(), SandboxGateway.Delivery.HOLD);
        sandbox.pay(order.providerOrderId());

        String notification = sandbox.signedNotification(order.providerOrderId());
        assertThat(api().postRaw(CALLBACK, notification).status()).isEqualTo(200);

        assertThat(f.cardsOf(purchaseId)).isEqualTo(1); // no waiting: issued before the answer
        assertThat(api().as(consumer).get("/api/v1/purchases/" + purchaseId).json().get("status").asString()).isEqualTo("PAID");
        assertThat(jdbc.sql("select count(*) from event_publication where event_type like '%PaymentConfirmed'"
                        + " and serialized_event like :order")
                .param("order", "%" + order.id() + "%").query(Long.class).single()).isZero();
        assertThat(api().postRaw(CALLBACK, notification).status()).isEqualTo(200); // the same message again: replayed
        assertThat(f.cardsOf(purchaseId)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from payment.callback_log where payment_order_id = :order")
                .param("order", order.id()).query(Long.class).single()).isEqualTo(2);
        f.assertBooksHold(gym.id());
    }

    @Test
    void educationKeepsEverythingInEscrow() {
        TestMerchants.Created school = f.merchant(Sector.EDUCATION, "410200");
        ProductView course = f.sessionPack(school, 3000, 48);
        Api parent = api().as(f.consumer());
        UUID cardId = f.buyAndPay(parent, course);
        assertThat(cards.find(cardId).orElseThrow().advanceOutstanding()).isEqualTo(Money.yuan(0));
        assertThat(ledger.findAccount(AccountType.MERCHANT_ADVANCE, school.id(), Money.CNY)).isEmpty();
        f.assertBooksHold(school.id());

        // Without an advance the whole value is payable; a dispute holds it from payout until rejected.
        JsonNode lesson = redeemWithCode(parent, api().as(f.staff(school.id())), cardId, f.store(school), 1);
        assertThat(merchantBalance(AccountType.MERCHANT_PAYABLE, school.id())).isEqualTo(Money.fen(6250));
        String id = lesson.get("id").asString();
        assertThat(parent.post("/api/v1/redemptions/" + id + "/dispute", Map.of("reason", "老师缺课")).status()).isEqualTo(200);
        assertThat(held(school.id())).isEqualTo(Money.fen(6250));
        Api operator = api().as(f.testUsers.create(org.fangxin.identity.Role.OPERATOR));
        String decisionKey = "decide-" + id;
        var decided = operator.post("/api/v1/redemptions/" + id + "/dispute/reject", Map.of("reason", "attended"), decisionKey);
        assertThat(decided.json().get("decision").asString()).isEqualTo("REJECTED");
        // A retried decision with the same key replays the first answer; the same key for the opposite decision is refused.
        var retried = operator.post("/api/v1/redemptions/" + id + "/dispute/reject", Map.of("reason", "attended"), decisionKey);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(operator.post("/api/v1/redemptions/" + id + "/dispute/reject", Map.of("reason", "absent"), decisionKey).code())
                .isEqualTo("idempotency-key-reused");
        assertThat(held(school.id())).isEqualTo(Money.fen(0));
        assertThat(parent.post("/api/v1/redemptions/" + id + "/dispute", null).code()).isEqualTo("redemption-not-disputable");
        f.assertBooksHold(school.id());
    }

    @Test
    void redeemsTwelveOfSixtySessionsForExactlyFourHundredYuanAndDisputes() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 2000, 60);
        Api consumer = api().as(f.consumer());
        UUID cardId = f.buyAndPay(consumer, pack);
        Api staff = api().as(f.staff(gym.id()));
        UUID store = f.store(gym);

        JsonNode first = redeemWithCode(consumer, staff, cardId, store, 2);
        assertThat(first.get("value").get("amountMinor").asLong()).isEqualTo(6666); // floor(200000 × 2 / 60)
        f.assertBooksHold(gym.id());

        // 安心付: staff request 10 sessions, the holder confirms in the app.
        Api.Response requested = staff.post("/api/v1/redemption-requests",
                Map.of("cardId", cardId, "storeId", store, "sessions", 10));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String requestId = requested.json().get("id").asString();
        assertThat(consumer.get("/api/v1/redemption-requests").json().toString()).contains(requestId);
        Api.Response confirmed = consumer.post("/api/v1/redemption-requests/" + requestId + "/confirm", null);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(consumer.post("/api/v1/redemption-requests/" + requestId + "/confirm", null).code())
                .isEqualTo("redemption-request-closed");

        CardView card = cards.find(cardId).orElseThrow();
        assertThat(card.sessionsRemaining()).isEqualTo(48);
        assertThat(card.earned()).isEqualTo(Money.yuan(400));
        assertThat(card.unredeemed()).isEqualTo(Money.yuan(1600));
        assertThat(card.advanceOutstanding()).isEqualTo(Money.yuan(800)); // all earned value settled the advance
        assertThat(card.unused()).isFalse();
        f.assertBooksHold(gym.id());

        // A request nobody answers times out.
        String late = staff.post("/api/v1/redemption-requests", Map.of("cardId", cardId, "storeId", store, "sessions", 1))
                .json().get("id").asString();
        clock.advance(Duration.ofMinutes(6));
        assertThat(redemptionDesk.expireRequests()).isGreaterThanOrEqualTo(1);
        assertThat(consumer.post("/api/v1/redemption-requests/" + late + "/confirm", null).code())
                .isEqualTo("redemption-request-closed");

        // The holder disputes the first redemption: held from payout, then upheld and reversed.
        String redemptionId = first.get("id").asString();
        Api.Response disputed = consumer.post("/api/v1/redemptions/" + redemptionId + "/dispute", Map.of("reason", "没上课"));
        assertThat(disputed.status()).as(disputed.body()).isEqualTo(200);
        assertThat(redemptionDesk.heldFor(gym.id(), Money.CNY)).isEqualTo(Money.fen(0)); // fully netted against the advance
        Api operator = api().as(f.testUsers.create(org.fangxin.identity.Role.OPERATOR));
        Api.Response upheld = operator.post("/api/v1/redemptions/" + redemptionId + "/dispute/uphold", Map.of("reason", "no show"));
        assertThat(upheld.status()).as(upheld.body()).isEqualTo(200);
        assertThat(upheld.json().get("status").asString()).isEqualTo("REVERSED");
        CardView restored = cards.find(cardId).orElseThrow();
        assertThat(restored.sessionsRemaining()).isEqualTo(50);
        assertThat(restored.earned().plus(restored.unredeemed())).isEqualTo(restored.paid());
        f.assertBooksHold(gym.id());

        // Ten more sessions bring it back on schedule: 12 used earn exactly 400 yuan again.
        redeemWithCode(consumer, staff, cardId, store, 2);
        assertThat(cards.find(cardId).orElseThrow().earned()).isEqualTo(Money.yuan(400));
        f.assertBooksHold(gym.id());

        JsonNode today = staff.get("/api/v1/redemptions").json();
        assertThat(today.toString()).contains(cardId.toString());
        assertThat(consumer.get("/api/v1/cards/" + cardId + "/history").json().size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void twoConcurrentRedemptionsOfTheLastSessionLetExactlyOneSucceed() throws Exception {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 100, 2);
        Api consumer = api().as(f.consumer());
        UUID cardId = f.buyAndPay(consumer, pack);
        UUID store = f.store(gym);
        Api staff = api().as(f.staff(gym.id()));
        Api owner = api().as(gym.owner());
        redeemWithCode(consumer, staff, cardId, store, 1);

        String codeA = code(consumer, cardId);
        String codeB = code(consumer, cardId);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Api.Response>> results = new ArrayList<>();
        for (var pair : List.of(Map.entry(staff, codeA), Map.entry(owner, codeB))) {
            Callable<Api.Response> call = () -> {
                start.await();
                return pair.getKey().post("/api/v1/redemptions", Map.of("code", pair.getValue(), "storeId", store, "sessions", 1),
                        UUID.randomUUID().toString());
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Future<Api.Response> result : results) {
            statuses.add(result.get().status());
            codes.add(result.get().code());
        }
        pool.shutdown();

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(codes).contains("card-entitlement-insufficient");
        CardView card = cards.find(cardId).orElseThrow();
        assertThat(card.sessionsRemaining()).isZero();
        assertThat(card.earned()).isEqualTo(Money.yuan(100));
        assertThat(card.unredeemed()).isEqualTo(Money.fen(0));
        f.assertBooksHold(gym.id());
    }

    @Test
    void refusesUsedForeignAndMalformedCodes() {
        CardFixtures.AtTheCounter c = f.atTheCounter(api());
        Api foreign = api().as(f.staff(c.other().id()));

        JsonNode code = c.consumer().post("/api/v1/cards/" + c.cardId() + "/redemption-codes", null).json();
        Api.Response byForeign = foreign.post("/api/v1/redemptions",
                Map.of("code", code.get("code").asString(), "storeId", f.store(c.other()), "sessions", 1), UUID.randomUUID().toString());
        assertThat(byForeign.status()).isEqualTo(404);
        assertThat(foreign.get("/api/v1/cards/" + c.cardId()).status()).isEqualTo(404);

        Api.Response byToken = c.staff().post("/api/v1/redemptions",
                Map.of("code", code.get("token").asString(), "storeId", f.store(c.gym()), "sessions", 1), UUID.randomUUID().toString());
        assertThat(byToken.status()).as(byToken.body()).isEqualTo(201);
        Api.Response reused = c.staff().post("/api/v1/redemptions",
                Map.of("code", code.get("code").asString(), "storeId", f.store(c.gym()), "sessions", 1), UUID.randomUUID().toString());
        assertThat(reused.status()).isEqualTo(404);
        Api.Response forgedToken = c.staff().post("/api/v1/redemptions",
                Map.of("code", code.get("token").asString() + "x", "storeId", f.store(c.gym()), "sessions", 1), UUID.randomUUID().toString());
        assertThat(forgedToken.status()).isEqualTo(404);

        String expiring = code(c.consumer(), c.cardId());
        clock.advance(Duration.ofMinutes(3));
        assertThat(c.staff().post("/api/v1/redemptions", Map.of("code", expiring, "storeId", f.store(c.gym()), "sessions", 1),
                UUID.randomUUID().toString()).status()).isEqualTo(404);
        assertThat(c.staff().post("/api/v1/redemptions", Map.of("code", "123456", "storeId", f.store(c.gym()), "sessions", 1)).code())
                .isEqualTo("idempotency-key-missing");
        f.assertBooksHold(c.gym().id());
    }

    /**
     * The redeem sends its store check with the code use and its writes, audit entry and idempotency answer in one round
     * trip at its end (issue 15): a store that is not the merchant's still refuses the whole redeem with nothing written (the code
     * stays usable), and a retry with the same key replays the first answer without moving value twice.
     */
    @Test
    void aRedeemAtAnotherMerchantsStoreWritesNothingAndARetryReplaysOnce() {
        CardFixtures.AtTheCounter c = f.atTheCounter(api());
        String code = code(c.consumer(), c.cardId());

        Api.Response wrongStore = c.staff().post("/api/v1/redemptions",
                Map.of("code", code, "storeId", f.store(c.other()), "sessions", 1), UUID.randomUUID().toString());
        assertThat(wrongStore.status()).as(wrongStore.body()).isEqualTo(404);
        assertThat(cards.find(c.cardId()).orElseThrow().sessionsRemaining()).isEqualTo(10);
        assertThat(c.staff().get("/api/v1/cards/" + c.cardId() + "/redemptions").json()).isEmpty();

        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("code", code, "storeId", f.store(c.gym()), "sessions", 2);
        Api.Response first = c.staff().post("/api/v1/redemptions", body, key);
        Api.Response retry = c.staff().post("/api/v1/redemptions", body, key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        CardView card = cards.find(c.cardId()).orElseThrow();
        assertThat(card.sessionsRemaining()).isEqualTo(8);
        assertThat(card.earned()).isEqualTo(Money.yuan(100));
        assertThat(c.staff().get("/api/v1/cards/" + c.cardId() + "/redemptions").json()).hasSize(1);
        // Once the merchant's accounts exist, a redemption's posting takes one statement (ledger.post_keyed_transfer).
        JsonNode next = redeemWithCode(c.consumer(), c.staff(), c.cardId(), f.store(c.gym()), 1);
        assertThat(jdbc.sql("select entries_in_statement from ledger.transfer where posting_key = :key")
                .param("key", "redemption:" + next.get("id").asString()).query(Boolean.class).single()).isTrue();
        assertThat(cards.find(c.cardId()).orElseThrow().sessionsRemaining()).isEqualTo(7);
        f.assertBooksHold(c.gym().id());
    }

    @Test
    void storedValueEarnsProRataToPriceAndTheLastAmountDrainsTheRest() {
        TestMerchants.Created shop = f.merchant(Sector.BEAUTY, "410200");
        ProductView card = f.storedValue(shop, 900, 1000);
        Api consumer = api().as(f.consumer());
        UUID cardId = f.buyAndPay(consumer, card);
        Api staff = api().as(f.staff(shop.id()));

        JsonNode first = redeemAmount(consumer, staff, cardId, f.store(shop), Money.fen(33_333));
        assertThat(first.get("value").get("amountMinor").asLong()).isEqualTo(29_999); // floor(90000 × 33333 / 100000)
        redeemAmount(consumer, staff, cardId, f.store(shop), Money.fen(66_667));
        CardView view = cards.find(cardId).orElseThrow();
        assertThat(view.earned()).isEqualTo(Money.yuan(900));
        assertThat(view.unredeemed()).isEqualTo(Money.fen(0));
        f.assertBooksHold(shop.id());
    }

    @Test
    void aPeriodPassEarnsDayByDayAndCatchesUpAfterDowntime() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pass = f.periodPass(gym, 300, 30);
        UUID cardId = f.buyAndPay(api().as(f.consumer()), pass);
        periodRelease.releaseDue();
        assertThat(cards.find(cardId).orElseThrow().earned()).isEqualTo(Money.fen(0));

        clock.advance(Duration.ofDays(1));
        periodRelease.releaseDue();
        // inside its 7-day cooling-off a pass earns nothing, so a return gets everything back (issue 13 item 1)
        assertThat(cards.find(cardId).orElseThrow().earned()).isEqualTo(Money.fen(0));
        f.assertBooksHold(gym.id());

        clock.advance(Duration.ofDays(13)); // the window is over, and the job was down: one run catches up
        periodRelease.releaseDue();
        periodRelease.releaseDue();
        CardView after14 = cards.find(cardId).orElseThrow();
        assertThat(after14.earned()).isEqualTo(Money.yuan(140));
        assertThat(after14.unredeemed()).isEqualTo(Money.yuan(160)); // domain.md §5: 16 of 30 days left → 160 yuan
        f.assertBooksHold(gym.id());

        clock.advance(Duration.ofDays(40));
        periodRelease.releaseDue();
        CardView done = cards.find(cardId).orElseThrow();
        assertThat(done.earned()).isEqualTo(Money.yuan(300));
        assertThat(done.advanceOutstanding()).isEqualTo(Money.fen(0));
        assertThat(ledger.findTransfer("period-release:" + cardId + ":" + done.validUntil())).isPresent();
        f.assertBooksHold(gym.id());
    }

    @Test
    void transfersTheRestOfACardToAnotherConsumer() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 2000, 60);
        Api holder = api().as(f.consumer());
        UUID cardId = f.buyAndPay(holder, pack);
        Api staff = api().as(f.staff(gym.id()));
        redeemWithCode(holder, staff, cardId, f.store(gym), 12);
        String mobile = CardFixtures.nextMobile();
        UserAccount friend = f.consumerWithMobile(mobile);

        Api.Response transferred = TestTransfers.transfer(holder, api().as(friend), cardId, mobile);
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(201);
        UUID newCardId = UUID.fromString(transferred.json().get("toCardId").asString());

        CardView old = cards.find(cardId).orElseThrow();
        CardView successor = cards.find(newCardId).orElseThrow();
        assertThat(old.status()).isEqualTo(CardStatus.TRANSFERRED);
        assertThat(old.unredeemed()).isEqualTo(Money.fen(0));
        assertThat(successor.holderUserId()).isEqualTo(friend.id());
        assertThat(successor.paid()).isEqualTo(Money.yuan(1600));
        assertThat(successor.unredeemed()).isEqualTo(Money.yuan(1600));
        assertThat(successor.sessionsRemaining()).isEqualTo(48);
        assertThat(successor.advanceOutstanding()).isEqualTo(Money.yuan(800));
        assertThat(successor.validUntil()).isEqualTo(old.validUntil());
        assertThat(holder.get("/api/v1/cards/" + newCardId).status()).isEqualTo(404);
        assertThat(api().as(friend).get("/api/v1/cards/" + newCardId).status()).isEqualTo(200);
        assertThat(holder.post("/api/v1/cards/" + cardId + "/transfer", Map.of("toMobile", mobile), UUID.randomUUID().toString())
                .code()).isEqualTo("card-not-active");
        f.assertBooksHold(gym.id());

        // The new holder redeems the rest; the last session drains it exactly.
        Api friendApi = api().as(friend);
        redeemWithCode(friendApi, staff, newCardId, f.store(gym), 48);
        assertThat(cards.find(newCardId).orElseThrow().unredeemed()).isEqualTo(Money.fen(0));
        f.assertBooksHold(gym.id());
    }

    private JsonNode redeemWithCode(Api consumer, Api staff, UUID cardId, UUID store, int sessions) {
        Api.Response response = staff.post("/api/v1/redemptions",
                Map.of("code", code(consumer, cardId), "storeId", store, "sessions", sessions), UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode redeemAmount(Api consumer, Api staff, UUID cardId, UUID store, Money amount) {
        Api.Response response = staff.post("/api/v1/redemptions",
                Map.of("code", code(consumer, cardId), "storeId", store, "amount", amount), UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String code(Api consumer, UUID cardId) {
        return CardFixtures.code(consumer, cardId);
    }

    @Autowired java.util.List<org.fangxin.settlement.PayoutHolds> holds;

    private Money held(UUID merchantId) {
        return holds.stream().map(h -> h.heldFor(merchantId, Money.CNY)).reduce(Money.fen(0), Money::plus);
    }

    private Money merchantBalance(AccountType type, UUID merchantId) {
        return ledger.findAccount(type, merchantId, Money.CNY).orElseThrow().normalBalance();
    }
}
