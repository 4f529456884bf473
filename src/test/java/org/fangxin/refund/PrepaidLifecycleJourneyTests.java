package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.EscrowIdentityReport;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.domain.CallbackSignature;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.rules.Rules;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.settlement.PayoutView;
import org.fangxin.settlement.Settlements;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journey on real PostgreSQL with an advancing clock, through the real modules: a purchase survives a
 * forged, a tampered and a duplicate callback; sessions are redeemed (two counters race for the last one); a monthly
 * pass earns day by day; settlement pays the merchant and the sandbox bank confirms; a new card is refunded in
 * cooling-off; a used one pro rata after the merchant stays silent; and an expired one automatically. After every step
 * the ledger's invariants and the escrow identity hold; at the end, per card, earned + refunded + remaining = paid.
 */
@Tag("journey")
class PrepaidLifecycleJourneyTests extends RefundTestBase {

    static final String CALLBACK = "/api/v1/public/payments/callbacks/sandbox";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Settlements settlements;
    @Autowired SandboxBank bank;

    private final Map<String, CardView> cards = new LinkedHashMap<>();
    private TestMerchants.Created gym;

    @Test
    void aPrepaidCardLivesFromPurchaseToRefundWithTheBooksBalancedAfterEveryStep() throws Exception {
        gym = fx.gym(); // rule-table default: 40% stays in escrow, 60% of each price is advanced
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(12),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        ProductView duo = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(100), 2, Term.months(3),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        ProductView monthly = fx.product(gym, ProductKind.PERIOD_PASS, Money.yuan(300), null, Term.days(30),
                RefundMethod.PRO_RATA_DAYS, 0);
        ProductView shortPack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(500), 10, Term.days(20),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount alice = users.create(Role.CONSUMER);
        UserAccount bob = users.create(Role.CONSUMER);
        UserAccount carol = users.create(Role.CONSUMER);

        // 1. Purchase: forged and tampered callbacks are refused; the genuine one arrives twice; one card.
        CardView sessions = buyThroughCallbacks(alice, pack);
        assertThat(sessions.advanceOutstanding()).isEqualTo(Money.yuan(1200));
        step("purchase with forged, tampered and duplicate callbacks", "sessions", sessions);

        // 2. Redemptions: 12 of 60 sessions earn exactly 400; two counters race for the last session of another card.
        sessions = fx.redeemSessions(alice, sessions, 5);
        sessions = fx.redeemSessions(alice, sessions, 7);
        assertThat(sessions.earned()).isEqualTo(Money.yuan(400));
        assertThat(sessions.advanceOutstanding()).isEqualTo(Money.yuan(800));
        step("12 of 60 sessions redeemed", "sessions", sessions);
        CardView raced = raceForTheLastSession(bob, fx.buy(bob, duo));
        step("race for the last session", "raced", raced);
        CardView expiring = fx.redeemSessions(carol, fx.buy(carol, shortPack), 2);
        step("short pack bought and used", "expiring", expiring);

        // 3. The monthly pass earns 10 yuan a day, released by the job in catch-up batches; inside its 7-day
        //    cooling-off it earns nothing, and the first run after the window earns the window's days (issue 13 item 1).
        CardView pass = fx.buy(bob, monthly);
        step("monthly pass bought", "pass", pass);
        for (int days : new int[] {1, 2, 5}) {
            clock.advance(Duration.ofDays(days));
            fx.releasePasses();
            pass = cardsBean.find(pass.id()).orElseThrow();
            step("pass released after " + days + " more day(s)", "pass", pass);
            if (days == 2) {
                assertThat(pass.earned().isZero()).as("inside cooling-off").isTrue();
            }
        }
        assertThat(pass.earned()).isEqualTo(Money.yuan(80));

        // 4. Settlement: the payable at the cutoff is paid out, the sandbox bank confirms, escrow pays the merchant.
        LocalDate payday = advanceToNextWeekday();
        Actor operator = users.create(Role.OPERATOR).actor();
        settlements.run(operator, payday);
        step("settlement run", null, null);
        bank.process();
        settlements.exchangeWithBank();
        PayoutView payout = settlements.payouts(operator, gym.id(), null, 0, 10).stream()
                .filter(p -> p.settlementDate().equals(payday)).findFirst().orElseThrow();
        assertThat(payout.status()).isEqualTo(PayoutStatus.CONFIRMED);
        assertThat(payout.amount().isPositive()).isTrue();
        assertThat(fx.balance(AccountType.MERCHANT_SETTLEMENT, gym.id()).isZero()).isTrue();
        step("payout confirmed by the bank", null, null);

        // 5. Cooling-off: a fresh, unused card comes back in full at once and is paid exactly once.
        CardView fresh = fx.buy(carol, pack);
        step("second pack bought", "fresh", fresh);
        RefundView coolingOff = refunds.request(carol.actor(), new NewRefund(fresh.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(coolingOff.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(coolingOff.method()).isEqualTo(RefundMethodApplied.COOLING_OFF_FULL);
        assertThat(coolingOff.refund()).isEqualTo(Money.yuan(2000));
        step("cooling-off refund approved", "fresh", cardsBean.find(fresh.id()).orElseThrow());
        pay(fresh, coolingOff);
        step("cooling-off refund paid", "fresh", cardsBean.find(fresh.id()).orElseThrow());

        // 6. Pro rata: 2,000 yuan, 12 of 60 sessions used → 1,600; the merchant stays silent past its working days. Its
        //    800 advance left on the card was paid out, so the refund claws it back from the risk deposit it lodged.
        fx.lodgeDeposit(gym.id(), Money.yuan(1000));
        step("risk deposit lodged", null, null);
        RefundView proRata = refunds.request(alice.actor(), new NewRefund(sessions.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(proRata.status()).isEqualTo(RefundStatus.PENDING_MERCHANT);
        assertThat(proRata.refund()).isEqualTo(Money.yuan(1600));
        step("pro-rata refund requested", "sessions", sessions);
        assertThat(timers.acceptSilentRequests()).isGreaterThanOrEqualTo(0);
        assertThat(refunds.view(alice.actor(), proRata.id()).status()).isEqualTo(RefundStatus.PENDING_MERCHANT);
        clock.advance(Duration.ofDays(7));
        timers.acceptSilentRequests();
        proRata = refunds.view(alice.actor(), proRata.id());
        assertThat(proRata.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(proRata.clawedFromDeposit()).isEqualTo(Money.yuan(800));
        assertThat(proRata.uncovered().isZero()).isTrue();
        step("accepted by the merchant's silence", "sessions", cardsBean.find(sessions.id()).orElseThrow());
        pay(sessions, proRata);
        step("pro-rata refund paid", "sessions", cardsBean.find(sessions.id()).orElseThrow());

        // 7. Expiry: the holder is told once, then the unused rest is refunded automatically; the pass that ran out
        //    earns its last days on expiry instead of refunding them.
        assertThat(refundsNoticed(expiring)).isZero();
        clock.advance(Duration.ofDays(Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(fx.today(),
                expiring.validUntil()) - 3)));
        timers.noticeExpiringCards();
        timers.noticeExpiringCards();
        Eventually.holds(() -> assertThat(refundsNoticed(expiring)).isEqualTo(1)); // sent after commit (ADR 11)
        clock.advance(Duration.ofDays(Math.max(4, java.time.temporal.ChronoUnit.DAYS.between(fx.today(),
                pass.validUntil()) + 2)));
        for (int run = 0; run < 20 && (active(expiring) || active(pass)); run++) {
            timers.refundExpiredCards();
        }
        assertThat(cardsBean.find(expiring.id()).orElseThrow().status()).isEqualTo(CardStatus.EXPIRED);
        assertThat(cardsBean.find(pass.id()).orElseThrow().status()).isEqualTo(CardStatus.EXPIRED);
        step("expired cards surrendered", "expiring", cardsBean.find(expiring.id()).orElseThrow());
        RefundView expiry = refunds.list(carol.actor(), java.util.Set.of(), 10).stream()
                .filter(r -> r.cardId().equals(expiring.id())).findFirst().orElseThrow();
        assertThat(expiry.reason()).isEqualTo(RefundReason.EXPIRY);
        assertThat(expiry.refund()).isEqualTo(Money.yuan(400));
        pay(expiring, expiry);
        step("expiry refund paid", "expiring", cardsBean.find(expiring.id()).orElseThrow());
        UUID passId = pass.id();
        RefundView passExpiry = refunds.list(bob.actor(), java.util.Set.of(), 10).stream()
                .filter(r -> r.cardId().equals(passId)).findFirst().orElseThrow();
        assertThat(passExpiry.status()).isEqualTo(RefundStatus.NOTHING_DUE);
        assertThat(cardsBean.find(pass.id()).orElseThrow().earned()).isEqualTo(Money.yuan(300));

        // 8. Every fen accounted for, per card: earned + refunded + remaining = paid; refunds as the refund module paid.
        Map<UUID, Money> paidOut = Map.of(fresh.id(), Money.yuan(2000), sessions.id(), Money.yuan(1600),
                expiring.id(), Money.yuan(400));
        for (CardView card : List.of(sessions, raced, expiring, pass, fresh)) {
            CardView now = cardsBean.find(card.id()).orElseThrow();
            assertThat(now.earned().plus(now.refunded()).plus(now.unredeemed())).as("card " + card.id()).isEqualTo(now.paid());
            assertThat(now.unredeemed()).isEqualTo(fx.balance(AccountType.CARD_LIABILITY, card.id()));
            assertThat(now.refunded()).isEqualTo(paidOut.getOrDefault(card.id(), Money.fen(0)));
            assertThat(fx.balance(AccountType.CONSUMER_REFUNDS_PAYABLE, card.id()).isZero()).isTrue();
        }
        EscrowIdentityReport all = escrow.checkAll();
        assertThat(all.holds()).as(all.violations().toString()).isTrue();
    }

    /** Buys with the sandbox holding its notification; forged and tampered copies fail; the real one comes twice. */
    private CardView buyThroughCallbacks(UserAccount holder, ProductView product) {
        Api.Response started = api().as(holder).post("/api/v1/purchases", Map.of("productId", product.id(),
                "storeId", product.storeIds().get(0), "contractVersionId", product.currentVersionId(),
                "acceptContract", true), UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(started.json().get("id").asString());
        PaymentOrderView order = payments.find(UUID.fromString(started.json().get("paymentOrderId").asString())).orElseThrow();
        sandbox.deliver(order.providerOrderId(), SandboxGateway.Delivery.HOLD);
        sandbox.pay(order.providerOrderId());

        Map<String, String> forged = JSON.readValue(sandbox.signedNotification(order.providerOrderId()),
                new TypeReference<Map<String, String>>() { });
        forged.put("signature", new CallbackSignature("an-attacker-guessing-the-secret").sign(forged));
        assertThat(api().postRaw(CALLBACK, JSON.writeValueAsString(forged)).status()).isEqualTo(401);
        Map<String, String> tampered = JSON.readValue(sandbox.signedNotification(order.providerOrderId()),
                new TypeReference<Map<String, String>>() { });
        tampered.put("amountMinor", "1");
        assertThat(api().postRaw(CALLBACK, JSON.writeValueAsString(tampered)).status()).isEqualTo(401);
        assertThat(cardsOf(purchaseId)).isZero();

        sandbox.releaseHeld(order.providerOrderId());
        Api.Response duplicate = api().postRaw(CALLBACK, sandbox.signedNotification(order.providerOrderId()));
        assertThat(duplicate.status()).isLessThan(300);
        RefundFixtures.awaitTrue(() -> cardsOf(purchaseId) == 1);
        assertThat(cardsOf(purchaseId)).isEqualTo(1);
        UUID cardId = jdbc.sql("select id from card.card where purchase_id = :id").param("id", purchaseId)
                .query(UUID.class).single();
        return cardsBean.find(cardId).orElseThrow();
    }

    private long cardsOf(UUID purchaseId) {
        return jdbc.sql("select count(*) from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(Long.class).single();
    }

    /** Redeems the first of two sessions, then two counters present two codes for the last one at once. */
    private CardView raceForTheLastSession(UserAccount holder, CardView card) throws Exception {
        fx.redeemSessions(holder, card, 1);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            codes.add(api().as(holder).post("/api/v1/cards/" + card.id() + "/redemption-codes", null).json()
                    .get("code").asString());
        }
        List<Api> counters = List.of(api().as(fx.staffOf(gym.id())), api().as(gym.owner()));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Api.Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Api counter = counters.get(i);
                String code = codes.get(i);
                Callable<Api.Response> call = () -> {
                    start.await();
                    return counter.post("/api/v1/redemptions", Map.of("code", code, "storeId", card.storeId(),
                            "sessions", 1), UUID.randomUUID().toString());
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> result : results) {
                statuses.add(result.get(30, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
        CardView after = cardsBean.find(card.id()).orElseThrow();
        assertThat(after.sessionsRemaining()).isZero();
        assertThat(after.earned()).isEqualTo(Money.yuan(100));
        return after;
    }

    private void pay(CardView card, RefundView refund) {
        assertThat(fx.runPaymentRefund(card.paymentOrderId(), refund.paymentReference()))
                .isEqualTo(org.fangxin.payment.ProviderRefundStatus.SUCCEEDED);
        awaitStatus(refund.id(), RefundStatus.PAID);
        assertThat(fx.sandboxRefunds(card.paymentOrderId())).isEqualTo(1);
    }

    private boolean active(CardView card) {
        return cardsBean.find(card.id()).orElseThrow().status() == CardStatus.ACTIVE;
    }

    private long refundsNoticed(CardView card) {
        return jdbc.sql("select count(*) from notification.message where user_id = :user and dedup_key = :key")
                .param("user", card.holderUserId()).param("key", "expiry-warning:" + card.id()).query(Long.class).single();
    }

    /** The books hold after a step: ledger invariants, the merchant's escrow identity, and the card's own sum. */
    private void step(String what, String name, CardView card) {
        if (card != null) {
            cards.put(name, card);
            assertThat(card.earned().plus(card.refunded()).plus(card.unredeemed())).as(what).isEqualTo(card.paid());
        }
        fx.assertBooksHold(gym.id());
    }

    private LocalDate advanceToNextWeekday() {
        LocalDate date = fx.today().plusDays(1);
        while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        clock.advance(Duration.between(clock.instant(), date.atTime(2, 0).atZone(Rules.ZONE).toInstant()));
        return date;
    }
}
