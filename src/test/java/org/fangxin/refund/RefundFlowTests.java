package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.payment.ProviderRefundStatus;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.settlement.PayoutView;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestTransfers;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Refunds end to end over HTTP with real payments (sandbox), the real ledger and an advancing clock; the books are
 * checked after every step.
 */
class RefundFlowTests extends RefundTestBase {

    @Autowired org.fangxin.settlement.Settlements settlements;
    @Autowired org.fangxin.bank.sandbox.SandboxBank bank;

    @Test
    void refundsAnUnusedCardInFullInsideCoolingOffAutomaticallyAndPaysOnce() {
        TestMerchants.Created gym = fx.gym(10000);
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(12),
                RefundMethod.PRO_RATA_SESSIONS, 1000);
        UserAccount consumer = users.create(Role.CONSUMER);
        CardView card = fx.buy(consumer, pack);
        assertThat(card.advanceOutstanding().isZero()).isTrue();
        fx.assertBooksHold(gym.id());
        Api api = api().as(consumer);

        var quote = api.get("/api/v1/cards/" + card.id() + "/refund-quote");
        assertThat(quote.status()).isEqualTo(200);
        assertThat(quote.json().get("method").asString()).isEqualTo("COOLING_OFF_FULL");
        assertThat(quote.json().get("fee").get("amountMinor").asLong()).isZero();

        String key = UUID.randomUUID().toString();
        var created = api.post("/api/v1/refunds", Map.of("cardId", card.id(), "reason", "CONSUMER_CHOICE"), key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID refundId = UUID.fromString(created.json().get("id").asString());
        assertThat(created.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(created.json().get("refund").get("amountMinor").asLong()).isEqualTo(200_000);
        CardView refunded = cardsBean.find(card.id()).orElseThrow();
        assertThat(refunded.status()).isEqualTo(CardStatus.REFUNDED);
        assertThat(refunded.refunded()).isEqualTo(Money.yuan(2000));
        fx.assertBooksHold(gym.id());

        var replay = api.post("/api/v1/refunds", Map.of("cardId", card.id(), "reason", "CONSUMER_CHOICE"), key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id").asString()).isEqualTo(refundId.toString());
        var again = api.post("/api/v1/refunds", Map.of("cardId", card.id(), "reason", "CONSUMER_CHOICE"),
                UUID.randomUUID().toString());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("card-not-active");

        assertThat(fx.runPaymentRefund(card.paymentOrderId(), "refund:" + refundId)).isEqualTo(ProviderRefundStatus.SUCCEEDED);
        RefundView paid = awaitStatus(refundId, RefundStatus.PAID);
        assertThat(paid.paidAt()).isNotNull();
        assertThat(fx.balance(AccountType.CARD_LIABILITY, card.id()).isZero()).isTrue();
        assertThat(fx.balance(AccountType.CONSUMER_REFUNDS_PAYABLE, card.id()).isZero()).isTrue();
        assertThat(fx.balance(AccountType.ESCROW, gym.id()).isZero()).isTrue();
        assertThat(fx.sandboxRefunds(card.paymentOrderId())).isEqualTo(1);
        fx.assertBooksHold(gym.id());
        assertThat(api.get("/api/v1/refunds/" + refundId).json().get("status").asString()).isEqualTo("PAID");
    }

    @Test
    void refundsSixteenHundredOfTwoThousandAfterTwelveOfSixtySessionsWhenTheMerchantStaysSilent() {
        TestMerchants.Created gym = fx.gym(10000);
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(12),
                RefundMethod.PRO_RATA_SESSIONS, 1000);
        UserAccount consumer = users.create(Role.CONSUMER);
        CardView card = fx.buy(consumer, pack);
        fx.assertBooksHold(gym.id());
        card = fx.redeemSessions(consumer, card, 12);
        assertThat(card.earned()).isEqualTo(Money.yuan(400));
        fx.assertBooksHold(gym.id());
        clock.advance(Duration.ofDays(10));
        fx.assertBooksHold(gym.id());

        RefundView requested = refunds.request(consumer.actor(), new NewRefund(card.id(), RefundReason.MERCHANT_CLOSED));
        assertThat(requested.status()).isEqualTo(RefundStatus.PENDING_MERCHANT);
        assertThat(requested.refund()).isEqualTo(Money.yuan(1600));
        assertThat(requested.fee().isZero()).as("no fee when the merchant is at fault").isTrue();
        assertThat(requested.contestDeadline()).isAfter(requested.requestedOn());
        fx.assertBooksHold(gym.id());

        timers.acceptSilentRequests();
        assertThat(refunds.view(consumer.actor(), requested.id()).status())
                .isEqualTo(RefundStatus.PENDING_MERCHANT);
        clock.advance(Duration.ofDays(6));
        timers.acceptSilentRequests();
        RefundView approved = refunds.view(consumer.actor(), requested.id());
        assertThat(approved.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(approved.refund()).isEqualTo(Money.yuan(1600));
        fx.assertBooksHold(gym.id());

        assertThat(fx.runPaymentRefund(card.paymentOrderId(), "refund:" + requested.id())).isEqualTo(ProviderRefundStatus.SUCCEEDED);
        awaitStatus(requested.id(), RefundStatus.PAID);
        assertThat(fx.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(Money.yuan(400));
        CardView ended = cardsBean.find(card.id()).orElseThrow();
        assertThat(ended.earned().plus(ended.refunded()).plus(ended.unredeemed())).isEqualTo(ended.paid());
        assertThat(ended.refunded()).isEqualTo(Money.yuan(1600));
        fx.assertBooksHold(gym.id());
    }

    /**
     * Issue 13 item 1: a pass with no visit recorded is unredeemed (docs/refund.md), so inside cooling-off it comes back
     * whole; it earns nothing in the window, and the first release after the window earns the window's days at once.
     */
    @Test
    void aPassReturnedInsideCoolingOffGetsEverythingPaidBackAlthoughTheDailyReleaseRan() {
        TestMerchants.Created gym = fx.gym(10000);
        ProductView pass = fx.product(gym, ProductKind.PERIOD_PASS, Money.yuan(300), null, Term.days(30),
                RefundMethod.PRO_RATA_DAYS, 1000);
        UserAccount returning = users.create(Role.CONSUMER);
        UserAccount keeping = users.create(Role.CONSUMER);
        CardView returned = fx.buy(returning, pass);
        CardView kept = fx.buy(keeping, pass);
        clock.advance(Duration.ofDays(3));
        fx.releasePasses();
        assertThat(cardsBean.find(returned.id()).orElseThrow().earned().isZero()).isTrue();

        RefundView requested = refunds.request(returning.actor(), new NewRefund(returned.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(requested.method()).isEqualTo(RefundMethodApplied.COOLING_OFF_FULL);
        assertThat(requested.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(requested.refund()).isEqualTo(Money.yuan(300));
        assertThat(requested.fee().isZero()).isTrue();
        fx.assertBooksHold(gym.id());

        clock.advance(Duration.ofDays(6)); // day 9: the window (7 days) is over
        fx.releasePasses();
        assertThat(cardsBean.find(kept.id()).orElseThrow().earned()).isEqualTo(Money.yuan(90));
        fx.assertBooksHold(gym.id());
    }

    @Test
    void refundsOneHundredSixtyOfAThreeHundredYuanMonthlyPassWithSixteenOfThirtyDaysLeft() {
        TestMerchants.Created gym = fx.gym();
        ProductView pass = fx.product(gym, ProductKind.PERIOD_PASS, Money.yuan(300), null, Term.days(30),
                RefundMethod.PRO_RATA_DAYS, 0);
        UserAccount consumer = users.create(Role.CONSUMER);
        CardView card = fx.buy(consumer, pass);
        assertThat(card.advanceOutstanding()).isEqualTo(Money.yuan(180));
        clock.advance(Duration.ofDays(14));
        fx.releasePasses();
        assertThat(cardsBean.find(card.id()).orElseThrow().earned()).isEqualTo(Money.yuan(140));
        fx.assertBooksHold(gym.id());

        RefundView requested = refunds.request(consumer.actor(), new NewRefund(card.id(), RefundReason.MERCHANT_CLOSED));
        assertThat(requested.method()).isEqualTo(RefundMethodApplied.PRO_RATA_DAYS);
        assertThat(requested.refund()).isEqualTo(Money.yuan(160));
        clock.advance(Duration.ofDays(7));
        timers.acceptSilentRequests();
        assertThat(refunds.view(consumer.actor(), requested.id()).refund()).isEqualTo(Money.yuan(160));
        fx.assertBooksHold(gym.id());
        fx.runPaymentRefund(card.paymentOrderId(), "refund:" + requested.id());
        awaitStatus(requested.id(), RefundStatus.PAID);
        fx.assertBooksHold(gym.id());
    }

    @Test
    void aContestedRefundWaitsForTheOperatorWhoUpholdsOrRejectsIt() {
        TestMerchants.Created gym = fx.gym();
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(1000), Money.yuan(2000), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 500);
        UserAccount upheldHolder = users.create(Role.CONSUMER);
        UserAccount rejectedHolder = users.create(Role.CONSUMER);
        CardView upheldCard = fx.buy(upheldHolder, pack);
        CardView rejectedCard = fx.buy(rejectedHolder, pack);
        fx.redeemSessions(upheldHolder, upheldCard, 2);
        fx.redeemSessions(rejectedHolder, rejectedCard, 2);
        fx.assertBooksHold(gym.id());
        clock.advance(Duration.ofDays(9));
        RefundView upheld = refunds.request(upheldHolder.actor(), new NewRefund(upheldCard.id(), RefundReason.CONSUMER_CHOICE));
        RefundView rejected = refunds.request(rejectedHolder.actor(), new NewRefund(rejectedCard.id(), RefundReason.QUALITY_DROP));
        // 800 yuan by sessions, 5% fee on the consumer's choice = 40 yuan kept (above the list-price floor of 600)
        assertThat(upheld.refund()).isEqualTo(Money.yuan(760));
        assertThat(upheld.retained()).isEqualTo(Money.yuan(40));

        UserAccount staff = fx.merchants.staff(gym.id());
        var contest = api().as(staff).post("/api/v1/refunds/" + upheld.id() + "/contest", Map.of("reason", "used 3 sessions, not 2"));
        assertThat(contest.status()).as(contest.body()).isEqualTo(200);
        assertThat(contest.json().get("status").asString()).isEqualTo("DISPUTED");
        assertThat(api().as(gym.owner()).post("/api/v1/refunds/" + rejected.id() + "/contest",
                Map.of("reason", "quality is fine")).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(10));
        timers.acceptSilentRequests();
        assertThat(refunds.view(upheldHolder.actor(), upheld.id()).status()).isEqualTo(RefundStatus.DISPUTED);
        fx.assertBooksHold(gym.id());

        UserAccount operator = users.create(Role.OPERATOR);
        var uphold = api().as(operator).post("/api/v1/refunds/" + upheld.id() + "/decision",
                Map.of("uphold", true, "reason", "the attendance log shows 2 sessions"), UUID.randomUUID().toString());
        assertThat(uphold.status()).as(uphold.body()).isEqualTo(200);
        assertThat(uphold.json().get("status").asString()).isEqualTo("APPROVED");
        var reject = api().as(operator).post("/api/v1/refunds/" + rejected.id() + "/decision",
                Map.of("uphold", false, "reason", "no evidence of a quality drop"), UUID.randomUUID().toString());
        assertThat(reject.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(cardsBean.find(rejectedCard.id()).orElseThrow().status()).isEqualTo(CardStatus.ACTIVE);
        fx.assertBooksHold(gym.id());

        fx.runPaymentRefund(upheldCard.paymentOrderId(), "refund:" + upheld.id());
        awaitStatus(upheld.id(), RefundStatus.PAID);
        // the card records what reached the consumer; the 40 yuan fee counts as earned by the merchant
        CardView ended = cardsBean.find(upheldCard.id()).orElseThrow();
        assertThat(ended.refunded()).isEqualTo(Money.yuan(760));
        assertThat(ended.earned()).isEqualTo(Money.yuan(240));
        fx.assertBooksHold(gym.id());
        // a rejected request frees the card for a new one
        assertThat(refunds.request(rejectedHolder.actor(), new NewRefund(rejectedCard.id(), RefundReason.CONSUMER_CHOICE))
                .status()).isEqualTo(RefundStatus.PENDING_MERCHANT);
    }

    @Test
    void clawsAnAdvanceBackFromPayableThenFromTheDeposit() {
        // Goal: a cooling-off refund of a card whose advance was already paid out to the merchant. Method: the advance
        // leaves escrow through a real settlement run and bank confirmation; a second card leaves some payable.
        TestMerchants.Created gym = fx.gym();
        ProductView big = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(1000), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        ProductView small = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(500), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView advanced = fx.buy(holder, big);
        assertThat(advanced.advanceOutstanding()).isEqualTo(Money.yuan(600));
        fx.assertBooksHold(gym.id());

        LocalDate payday = advanceToNextBusinessDay();
        settlements.run(users.create(Role.OPERATOR).actor(), payday);
        bank.process();
        settlements.exchangeWithBank();
        PayoutView payout = settlements.payouts(users.create(Role.OPERATOR).actor(), gym.id(), null, 0, 10).get(0);
        assertThat(payout.status()).isEqualTo(PayoutStatus.CONFIRMED);
        assertThat(payout.amount()).isEqualTo(Money.yuan(600));
        assertThat(fx.balance(AccountType.MERCHANT_PAYABLE, gym.id()).isZero()).isTrue();
        fx.assertBooksHold(gym.id());

        UserAccount other = users.create(Role.CONSUMER);
        CardView second = fx.buy(other, small);
        fx.redeemSessions(other, second, 5); // earns 250, all of it settling the second card's 300 advance
        fx.lodgeDeposit(gym.id(), Money.yuan(200));
        fx.assertBooksHold(gym.id());
        assertThat(fx.balance(AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(Money.yuan(300));

        // cooling-off: all 1,000 back, but the card's escrow holds only 400 → shortfall 600 = 300 + 200 + 100 uncovered
        RefundView refund = refunds.request(holder.actor(), new NewRefund(advanced.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(refund.clawedFromPayable()).isEqualTo(Money.yuan(300));
        assertThat(refund.clawedFromDeposit()).isEqualTo(Money.yuan(200));
        assertThat(refund.uncovered()).isEqualTo(Money.yuan(100));
        assertThat(fx.balance(AccountType.MERCHANT_PAYABLE, gym.id()).isZero()).isTrue();
        assertThat(fx.balance(AccountType.RISK_DEPOSIT, gym.id()).isZero()).isTrue();
        assertThat(fx.balance(AccountType.RISK_DEPOSIT_HELD, gym.id()).isZero()).isTrue();
        // the second card's 50 still outstanding + the 100 the merchant still owes for the refunded card
        assertThat(fx.balance(AccountType.MERCHANT_ADVANCE, gym.id())).isEqualTo(Money.yuan(150));
        assertThat(ledger.findTransfer("clawback:" + refund.id())).isPresent();
        fx.assertBooksHold(gym.id());

        fx.runPaymentRefund(advanced.paymentOrderId(), "refund:" + refund.id());
        awaitStatus(refund.id(), RefundStatus.PAID);
        // escrow: 1,000 − 600 payout + 500 + 200 deposit − 1,000 refund = 100 = second card's 250 liability − 150 advance
        assertThat(fx.balance(AccountType.ESCROW, gym.id())).isEqualTo(Money.yuan(100));
        fx.assertBooksHold(gym.id());
    }

    @Test
    void holdsThePaymentWhenAnUnrecoveredAdvanceLeftEscrowShort() {
        // Goal: the provider is never asked to pay money the merchant's escrow does not hold. Method: the advance is
        // paid out, there is no payable and no deposit to claw back from, and the card is refunded in full.
        TestMerchants.Created gym = fx.gym();
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(1000), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView card = fx.buy(holder, pack);
        org.fangxin.identity.Actor operator = users.create(Role.OPERATOR).actor();
        settlements.run(operator, advanceToNextBusinessDay());
        bank.process();
        settlements.exchangeWithBank();
        assertThat(fx.balance(AccountType.ESCROW, gym.id())).isEqualTo(Money.yuan(400));
        fx.assertBooksHold(gym.id());

        RefundView refund = refunds.request(holder.actor(), new NewRefund(card.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(refund.status()).isEqualTo(RefundStatus.PAYMENT_FAILED);
        assertThat(refund.uncovered()).isEqualTo(Money.yuan(600));
        assertThat(refund.paymentError()).contains("escrow short by");
        assertThat(refund.paymentReference()).isNull();
        assertThat(fx.paymentRefundStatus(card.paymentOrderId(), "refund:" + refund.id())).isNull();
        assertThat(payments.find(card.paymentOrderId()).orElseThrow().refunded().isZero()).isTrue();
        assertThat(fx.balance(AccountType.CONSUMER_REFUNDS_PAYABLE, card.id())).isEqualTo(Money.yuan(1000));
        fx.assertBooksHold(gym.id());

        var retry = api().as(users.create(Role.OPERATOR)).post("/api/v1/refunds/" + refund.id() + "/payment-retry", null,
                UUID.randomUUID().toString());
        assertThat(retry.code()).isEqualTo("refund-escrow-short");
        assertThat(refunds.view(holder.actor(), refund.id()).status()).isEqualTo(RefundStatus.PAYMENT_FAILED);
        fx.assertBooksHold(gym.id());
    }

    /** Moves the clock to 02:00 Shanghai on the next weekday (a settlement day of the daily cycle). */
    private LocalDate advanceToNextBusinessDay() {
        LocalDate date = fx.today().plusDays(1);
        while (date.getDayOfWeek() == java.time.DayOfWeek.SATURDAY || date.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        clock.advance(Duration.between(clock.instant(), date.atTime(2, 0).atZone(org.fangxin.rules.Rules.ZONE).toInstant()));
        return date;
    }

    @Test
    void nettsTheAdvanceAgainstWhatTheMerchantKeepsWhenEscrowSuffices() {
        TestMerchants.Created gym = fx.gym(9500);
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(1000), Money.yuan(2000), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 1000);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView card = fx.buy(holder, pack);
        assertThat(card.advanceOutstanding()).isEqualTo(Money.yuan(50));
        fx.redeemSessions(holder, card, 2);
        fx.assertBooksHold(gym.id());
        clock.advance(Duration.ofDays(9));
        RefundView refund = refunds.request(holder.actor(), new NewRefund(card.id(), RefundReason.CONSUMER_CHOICE));
        clock.advance(Duration.ofDays(7));
        timers.acceptSilentRequests();
        RefundView approved = refunds.view(holder.actor(), refund.id());
        // 800 by sessions, fee 10% = 80 kept; nothing advanced left (the 2 sessions earned the 50 already)
        assertThat(approved.refund()).isEqualTo(Money.yuan(720));
        assertThat(approved.clawedFromPayable().isZero()).isTrue();
        assertThat(fx.balance(AccountType.MERCHANT_ADVANCE, gym.id()).isZero()).isTrue();
        fx.assertBooksHold(gym.id());
    }

    @Test
    void retriesAFailedPaymentUnderANewReferenceAndNeverPaysTwice() {
        TestMerchants.Created gym = fx.gym(10000);
        ProductView pack = fx.product(gym, ProductKind.STORED_VALUE, Money.yuan(500), null, Term.months(12),
                RefundMethod.PRO_RATA_VALUE, 0);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView card = fx.buy(holder, pack);
        sandbox.failNextRefundCalls(fx.providerOrderId(card.paymentOrderId()), 5);
        RefundView refund = refunds.request(holder.actor(), new NewRefund(card.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(fx.runPaymentRefund(card.paymentOrderId(), "refund:" + refund.id())).isEqualTo(ProviderRefundStatus.FAILED);
        RefundView failed = awaitStatus(refund.id(), RefundStatus.PAYMENT_FAILED);
        assertThat(failed.paymentError()).isNotBlank();
        fx.assertBooksHold(gym.id());

        UserAccount operator = users.create(Role.OPERATOR);
        String key = UUID.randomUUID().toString();
        var retried = api().as(operator).post("/api/v1/refunds/" + refund.id() + "/payment-retry", null, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("paymentReference").asString()).isEqualTo("refund:" + refund.id() + ":2");
        var replayed = api().as(operator).post("/api/v1/refunds/" + refund.id() + "/payment-retry", null, key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        var second = api().as(operator).post("/api/v1/refunds/" + refund.id() + "/payment-retry", null, UUID.randomUUID().toString());
        assertThat(second.code()).isEqualTo("refund-payment-not-failed");

        assertThat(fx.runPaymentRefund(card.paymentOrderId(), "refund:" + refund.id() + ":2")).isEqualTo(ProviderRefundStatus.SUCCEEDED);
        awaitStatus(refund.id(), RefundStatus.PAID);
        assertThat(fx.sandboxRefunds(card.paymentOrderId())).isEqualTo(1);
        assertThat(payments.find(card.paymentOrderId()).orElseThrow().refunded()).isEqualTo(Money.yuan(500));
        assertThat(ledger.findTransfer("refund-paid:" + refund.id())).isPresent();
        fx.assertBooksHold(gym.id());
    }

    @Test
    void refundsAnExpiredCardAutomaticallyAfterTellingItsHolderOnce() {
        TestMerchants.Created shop = fx.gym();
        ProductView stored = fx.product(shop, ProductKind.STORED_VALUE, Money.yuan(500), null, Term.days(20),
                RefundMethod.PRO_RATA_VALUE, 1000);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView card = fx.buy(holder, stored);
        fx.redeemAmount(holder, card, Money.yuan(100));
        fx.assertBooksHold(shop.id());
        timers.noticeExpiringCards();
        assertThat(noticed(card.id())).isFalse();

        clock.advance(Duration.ofDays(13));
        timers.noticeExpiringCards();
        assertThat(noticed(card.id())).isTrue();
        timers.noticeExpiringCards();
        Eventually.holds(() -> assertThat(jdbc.sql("select count(*) from notification.message where user_id = :user and dedup_key = :key")
                .param("user", holder.id()).param("key", "expiry-warning:" + card.id()).query(Long.class).single())
                .isEqualTo(1)); // sent after commit (ADR 11)
        assertThat(jdbc.sql("select count(*) from refund.expiry_notice where card_id = :id").param("id", card.id())
                .query(Long.class).single()).isEqualTo(1);

        clock.advance(Duration.ofDays(8));
        // the shared database holds other tests' expired cards too: the job works through them in batches
        for (int run = 0; run < 20 && cardsBean.find(card.id()).orElseThrow().status() == CardStatus.ACTIVE; run++) {
            timers.refundExpiredCards();
        }
        assertThat(cardsBean.find(card.id()).orElseThrow().status()).isEqualTo(CardStatus.EXPIRED);
        fx.assertBooksHold(shop.id());
        RefundView refund = refunds.list(holder.actor(), java.util.Set.of(), 10).get(0);
        assertThat(refund.reason()).isEqualTo(RefundReason.EXPIRY);
        assertThat(refund.method()).isEqualTo(RefundMethodApplied.EXPIRY_FULL);
        assertThat(refund.refund()).isEqualTo(Money.yuan(400));
        assertThat(refund.fee().isZero()).isTrue();
        timers.refundExpiredCards();
        assertThat(refunds.list(holder.actor(), java.util.Set.of(), 10)).hasSize(1);
        assertThat(refund.clawedFromPayable()).isEqualTo(Money.yuan(200)); // the advance the card never earned
        fx.runPaymentRefund(card.paymentOrderId(), "refund:" + refund.id());
        awaitStatus(refund.id(), RefundStatus.PAID);
        fx.assertBooksHold(shop.id());
    }

    @Test
    void aReceivedCardIsRefundedToItsHolderByManualPayoutNeverOverTheFirstBuyersPayment() {
        // Goal: the second holder of a transferred card is refunded, and the first buyer's payment order is untouched.
        TestMerchants.Created gym = fx.gym(10000);
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(12),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount buyer = users.create(Role.CONSUMER);
        CardView bought = fx.buy(buyer, pack);
        fx.redeemSessions(buyer, bought, 12);
        String mobile = String.format("136%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        UserAccount friend = users.create(Role.CONSUMER);
        jdbc.sql("update identity.user_account set mobile = :mobile where id = :id").param("mobile", mobile)
                .param("id", friend.id()).update();
        var transferred = TestTransfers.transfer(api().as(buyer), api().as(friend), bought.id(), mobile);
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(201);
        CardView received = cardsBean.find(UUID.fromString(transferred.json().get("toCardId").asString())).orElseThrow();
        assertThat(received.received()).isTrue();
        assertThat(received.paymentOrderId()).isEqualTo(bought.paymentOrderId());
        fx.assertBooksHold(gym.id());

        assertThat(api().as(buyer).post("/api/v1/refunds", Map.of("cardId", bought.id(), "reason", "CONSUMER_CHOICE"),
                UUID.randomUUID().toString()).code()).isIn("card-not-active");
        clock.advance(Duration.ofDays(10));
        RefundView requested = refunds.request(friend.actor(), new NewRefund(received.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(requested.refund()).isEqualTo(Money.yuan(1600));
        clock.advance(Duration.ofDays(7));
        timers.acceptSilentRequests();
        RefundView approved = refunds.view(friend.actor(), requested.id());
        assertThat(approved.status()).isEqualTo(RefundStatus.MANUAL_PAYOUT);
        assertThat(approved.paymentReference()).isNull();
        assertThat(fx.paymentRefundStatus(bought.paymentOrderId(), "refund:" + requested.id())).isNull();
        assertThat(payments.find(bought.paymentOrderId()).orElseThrow().refunded().isZero()).isTrue();
        assertThat(fx.balance(AccountType.CONSUMER_REFUNDS_PAYABLE, received.id())).isEqualTo(Money.yuan(1600));
        fx.assertBooksHold(gym.id());

        UserAccount operator = users.create(Role.OPERATOR);
        String path = "/api/v1/refunds/" + requested.id() + "/manual-payout";
        assertThat(api().as(friend).post(path, Map.of("reference", "x"), UUID.randomUUID().toString()).status()).isEqualTo(403);
        assertThat(api().as(operator).post(path, Map.of("reference", " "), UUID.randomUUID().toString()).status()).isEqualTo(400);
        String key = UUID.randomUUID().toString();
        var paid = api().as(operator).post(path, Map.of("reference", "BANK-TRANSFER-20260320-001"), key);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
        assertThat(api().as(operator).post(path, Map.of("reference", "BANK-TRANSFER-20260320-001"), key)
                .header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api().as(operator).post(path, Map.of("reference", "again"), UUID.randomUUID().toString()).code())
                .isEqualTo("refund-not-awaiting-manual-payout");
        assertThat(ledger.findTransfer("refund-paid:" + requested.id())).isPresent();
        assertThat(fx.balance(AccountType.CONSUMER_REFUNDS_PAYABLE, received.id()).isZero()).isTrue();
        assertThat(payments.find(bought.paymentOrderId()).orElseThrow().refunded().isZero()).isTrue();
        assertThat(fx.sandboxRefunds(bought.paymentOrderId())).isZero();
        CardView ended = cardsBean.find(received.id()).orElseThrow();
        assertThat(ended.refunded()).isEqualTo(Money.yuan(1600));
        assertThat(ended.earned().plus(ended.refunded()).plus(ended.unredeemed())).isEqualTo(ended.paid());
        fx.assertBooksHold(gym.id());
    }

    private boolean noticed(UUID cardId) {
        return jdbc.sql("select count(*) from refund.expiry_notice where card_id = :id").param("id", cardId)
                .query(Long.class).single() > 0;
    }
}
