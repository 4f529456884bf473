package org.fangxin.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fangxin.payment.domain.CallbackSignature;
import org.fangxin.payment.lifecycle.PaymentJanitor;
import org.fangxin.payment.provider.PaymentProvider.TradeStatus;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.payment.sandbox.SandboxGateway.Delivery;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payment orders end to end: the sandbox gateway takes the payment and sends its signed callback over real HTTP to
 * the platform; tests wait for it by polling the database (bounded). Exactly-once is checked through
 * payment.published_event, whose key refuses a second publication of one event kind per order.
 */
class PaymentFlowTests extends IntegrationTest {

    static final String CALLBACK = "/api/v1/public/payments/callbacks/sandbox";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired PaymentJanitor janitor;
    @Autowired JdbcClient jdbc;
    PaymentFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PaymentFixtures(payments, jdbc);
    }

    @Test
    void paysThroughTheSandboxAndConfirmsExactlyOnce() {
        PaymentOrderView order = fixtures.order(Money.yuan(2000), Duration.ofMinutes(15));
        assertThat(order.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(order.checkoutUrl()).isEqualTo("/public/sandbox-pay/" + order.providerOrderId());
        assertThat(order.expiresAt()).isEqualTo(order.createdAt().plus(Duration.ofMinutes(15)));

        assertThat(sandbox.pay(order.providerOrderId())).isEqualTo(TradeStatus.PAID);

        PaymentOrderView paid = fixtures.awaitStatus(order.id(), PaymentStatus.PAID);
        assertThat(paid.paidAt()).isNotNull();
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
        assertThat(fixtures.verdicts(order.id())).containsExactly("ACCEPTED");
    }

    @Test
    void createsOneOrderPerReference() {
        CreatePaymentOrder command = new CreatePaymentOrder("purchase:" + UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Money.fen(12_345), "课时包", Duration.ofMinutes(30));
        PaymentOrderView first = payments.createOrder(command);
        PaymentOrderView again = payments.createOrder(command);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.providerOrderId()).isEqualTo(first.providerOrderId());

        CreatePaymentOrder other = new CreatePaymentOrder(command.reference(), command.payerUserId(),
                command.merchantId(), Money.fen(1), "课时包", Duration.ofMinutes(30));
        assertThatThrownBy(() -> payments.createOrder(other)).isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(Payments.REFERENCE_REUSED);
    }

    @Test
    void refusesInvalidOrdersWithoutWritingAnything() {
        String reference = "purchase:" + UUID.randomUUID();
        assertThatThrownBy(() -> payments.createOrder(new CreatePaymentOrder(reference, UUID.randomUUID(),
                UUID.randomUUID(), Money.fen(0), "x", Duration.ofMinutes(30)))).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> payments.createOrder(new CreatePaymentOrder(reference, UUID.randomUUID(),
                UUID.randomUUID(), Money.fen(100), "x", Duration.ofDays(3)))).isInstanceOf(Rejection.class);
        assertThat(payments.findByReference(reference)).isEmpty();
    }

    @Test
    void duplicateCallbacksHaveNoSecondEffect() {
        PaymentOrderView order = fixtures.order(Money.yuan(300), Duration.ofMinutes(15));
        sandbox.deliver(order.providerOrderId(), Delivery.TWICE);
        sandbox.pay(order.providerOrderId());
        fixtures.awaitStatus(order.id(), PaymentStatus.PAID);
        PaymentFixtures.awaitTrue(() -> fixtures.verdicts(order.id()).size() == 2);

        Api.Response third = api().postRaw(CALLBACK, sandbox.signedNotification(order.providerOrderId()));

        assertThat(third.status()).isEqualTo(200);
        assertThat(third.json().get("verdict").asString()).isEqualTo("DUPLICATE");
        assertThat(fixtures.verdicts(order.id())).containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE", "DUPLICATE");
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
    }

    @Test
    void theSameMessageTwiceIsAnsweredAsAReplay() {
        PaymentOrderView order = fixtures.order(Money.yuan(320), Duration.ofMinutes(15));
        sandbox.deliver(order.providerOrderId(), Delivery.DROP);
        sandbox.pay(order.providerOrderId());
        String message = sandbox.signedNotification(order.providerOrderId());

        assertThat(api().postRaw(CALLBACK, message).json().get("verdict").asString()).isEqualTo("ACCEPTED");
        Api.Response again = api().postRaw(CALLBACK, message);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("verdict").asString()).isEqualTo("REPLAYED");
        assertThat(fixtures.verdicts(order.id())).containsExactlyInAnyOrder("ACCEPTED", "REPLAYED");
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
    }

    @Test
    void rejectsAndLogsForgedTamperedAndStaleCallbacks() {
        PaymentOrderView order = fixtures.order(Money.yuan(500), Duration.ofMinutes(15));
        sandbox.deliver(order.providerOrderId(), Delivery.HOLD);
        sandbox.pay(order.providerOrderId());
        String genuine = sandbox.signedNotification(order.providerOrderId());

        Map<String, String> forgedFields = fields(genuine);
        forgedFields.put("signature", new CallbackSignature("an-attacker-guessing-the-secret").sign(forgedFields));
        Api.Response forged = api().postRaw(CALLBACK, JSON.writeValueAsString(forgedFields));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("payment-callback-bad-signature");

        Map<String, String> tamperedFields = fields(genuine);
        tamperedFields.put("amountMinor", "1");
        Api.Response tampered = api().postRaw(CALLBACK, JSON.writeValueAsString(tamperedFields));
        assertThat(tampered.status()).isEqualTo(401);

        Api.Response malformed = api().postRaw(CALLBACK, "{\"merchantOrderNo\": \"" + order.id() + "\", \"nested\": {}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("payment-callback-malformed");

        clock.advance(Duration.ofMinutes(6));
        Api.Response stale = api().postRaw(CALLBACK, genuine);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.code()).isEqualTo("payment-callback-stale");

        assertThat(fixtures.status(order.id())).isEqualTo(PaymentStatus.PENDING);
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isZero();
        assertThat(fixtures.verdicts(order.id())).containsExactly("BAD_SIGNATURE", "BAD_SIGNATURE", "STALE");
        assertThat(jdbc.sql("select verdict from payment.callback_log where payload like :p")
                .param("p", "%" + order.id() + "%nested%").query(String.class).list()).containsExactly("MALFORMED");

        assertThat(sandbox.releaseHeld(order.providerOrderId())).isEqualTo(1);
        fixtures.awaitStatus(order.id(), PaymentStatus.PAID);
    }

    @Test
    void rejectsAGenuinelySignedCallbackForAnotherAmountOrAnUnknownOrder() {
        PaymentOrderView order = fixtures.order(Money.yuan(80), Duration.ofMinutes(15));
        Map<String, String> fields = fields(sandbox.signedNotification(order.providerOrderId()));
        fields.put("tradeStatus", "PAID");
        fields.put("amountMinor", "1");
        resign(fields);
        Api.Response mismatch = api().postRaw(CALLBACK, JSON.writeValueAsString(fields));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.code()).isEqualTo("payment-callback-mismatch");

        fields.put("merchantOrderNo", UUID.randomUUID().toString());
        resign(fields);
        assertThat(api().postRaw(CALLBACK, JSON.writeValueAsString(fields)).code()).isEqualTo("payment-callback-unknown-order");
        assertThat(fixtures.status(order.id())).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void janitorConfirmsAPaymentWhoseCallbackWasLost() {
        PaymentOrderView order = fixtures.order(Money.yuan(1200), Duration.ofMinutes(30));
        sandbox.deliver(order.providerOrderId(), Delivery.DROP);
        sandbox.pay(order.providerOrderId());
        assertThat(fixtures.status(order.id())).isEqualTo(PaymentStatus.PENDING);

        clock.advance(Duration.ofMinutes(3));
        sweepUntil(order.id(), PaymentStatus.PAID);

        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
        assertThat(fixtures.verdicts(order.id())).isEmpty();
    }

    @Test
    void lateCallbackAfterTheJanitorConfirmedIsADuplicate() {
        PaymentOrderView order = fixtures.order(Money.yuan(90), Duration.ofMinutes(30));
        sandbox.deliver(order.providerOrderId(), Delivery.HOLD);
        sandbox.pay(order.providerOrderId());
        clock.advance(Duration.ofMinutes(3));
        sweepUntil(order.id(), PaymentStatus.PAID);

        assertThat(sandbox.releaseHeld(order.providerOrderId())).isEqualTo(1);

        assertThat(fixtures.verdicts(order.id())).containsExactly("DUPLICATE");
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
    }

    @Test
    void anOutOfOrderClosedNoticeCannotUndoAPayment() {
        PaymentOrderView order = fixtures.order(Money.yuan(45), Duration.ofMinutes(15));
        sandbox.deliver(order.providerOrderId(), Delivery.HOLD);
        Map<String, String> closedNotice = fields(sandbox.signedNotification(order.providerOrderId()));
        closedNotice.put("tradeStatus", "CLOSED");
        closedNotice.put("nonce", "out-of-order-" + UUID.randomUUID());
        resign(closedNotice);
        sandbox.pay(order.providerOrderId());
        sandbox.releaseHeld(order.providerOrderId());
        fixtures.awaitStatus(order.id(), PaymentStatus.PAID);

        Api.Response late = api().postRaw(CALLBACK, JSON.writeValueAsString(closedNotice));

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().get("verdict").asString()).isEqualTo("IGNORED");
        assertThat(fixtures.status(order.id())).isEqualTo(PaymentStatus.PAID);
        assertThat(fixtures.publications(order.id(), "PaymentFailed")).isZero();
    }

    @Test
    void janitorExpiresAnUnpaidOrderAndClosesItAtTheProvider() {
        PaymentOrderView order = fixtures.order(Money.yuan(60), Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(5));
        janitor.sweep();
        assertThat(fixtures.status(order.id())).isEqualTo(PaymentStatus.PENDING);

        clock.advance(Duration.ofMinutes(11));
        sweepUntil(order.id(), PaymentStatus.EXPIRED);

        assertThat(fixtures.publications(order.id(), "PaymentExpired")).isEqualTo(1);
        assertThat(sandbox.checkout(order.providerOrderId()).orElseThrow().status()).isEqualTo(TradeStatus.CLOSED);
        assertThat(sandbox.pay(order.providerOrderId())).isEqualTo(TradeStatus.CLOSED);
        janitor.sweep();
        assertThat(fixtures.publications(order.id(), "PaymentExpired")).isEqualTo(1);
    }

    @Test
    void paymentThatArrivesAfterExpiryIsFlaggedAndRefundedOnce() {
        PaymentOrderView order = fixtures.order(Money.yuan(450), Duration.ofMinutes(15));
        sandbox.failNextCloseCalls(order.providerOrderId(), 1);
        clock.advance(Duration.ofMinutes(16));
        sweepUntil(order.id(), PaymentStatus.EXPIRED);

        sandbox.forcePay(order.providerOrderId());
        PaymentOrderView late = fixtures.awaitStatus(order.id(), PaymentStatus.PAID_AFTER_EXPIRY);
        api().postRaw(CALLBACK, sandbox.signedNotification(order.providerOrderId()));

        assertThat(fixtures.publications(order.id(), "PaymentPaidAfterExpiry")).isEqualTo(1);
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isZero();
        assertThat(late.refunded()).isEqualTo(Money.yuan(450));
        List<ProviderRefundView> refunds = payments.refunds(operator(), order.id());
        assertThat(refunds).singleElement().satisfies(refund -> {
            assertThat(refund.refundReference()).isEqualTo("refund:paid-after-expiry:" + order.id());
            assertThat(refund.amount()).isEqualTo(Money.yuan(450));
        });
        assertThat(fixtures.verdicts(order.id())).containsExactlyInAnyOrder("PAID_AFTER_EXPIRY", "DUPLICATE");
    }

    @Test
    void payerCancellingFailsTheOrder() {
        PaymentOrderView order = fixtures.order(Money.yuan(70), Duration.ofMinutes(15));
        assertThat(sandbox.cancel(order.providerOrderId())).isEqualTo(TradeStatus.CLOSED);
        fixtures.awaitStatus(order.id(), PaymentStatus.FAILED);
        assertThat(fixtures.publications(order.id(), "PaymentFailed")).isEqualTo(1);
    }

    @Test
    void concurrentDuplicateCallbacksMakeExactlyOneTransition() throws Exception {
        PaymentOrderView order = fixtures.order(Money.yuan(999), Duration.ofMinutes(15));
        sandbox.deliver(order.providerOrderId(), Delivery.DROP);
        sandbox.pay(order.providerOrderId());
        List<String> bodies = List.of(sandbox.signedNotification(order.providerOrderId()),
                sandbox.signedNotification(order.providerOrderId()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return api().postRaw(CALLBACK, body);
                }));
            }
            start.countDown();
            for (Future<Api.Response> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(fixtures.status(order.id())).isEqualTo(PaymentStatus.PAID);
        assertThat(fixtures.verdicts(order.id())).containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE");
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
    }

    @Test
    void twoJanitorsRunningAtOnceConfirmEachOrderOnce() throws Exception {
        List<PaymentOrderView> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            PaymentOrderView order = fixtures.order(Money.fen(1_000 + i), Duration.ofMinutes(30));
            sandbox.deliver(order.providerOrderId(), Delivery.DROP);
            sandbox.pay(order.providerOrderId());
            orders.add(order);
        }
        clock.advance(Duration.ofMinutes(3));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sweeps.add(threads.submit(() -> {
                    start.await();
                    return janitor.sweep();
                }));
            }
            start.countDown();
            for (Future<Integer> sweep : sweeps) {
                sweep.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (PaymentOrderView order : orders) {
            sweepUntil(order.id(), PaymentStatus.PAID);
            assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
        }
    }

    private void sweepUntil(UUID orderId, PaymentStatus expected) {
        // other tests' orders share the table; a few sweeps reach ours whatever the batch holds
        for (int i = 0; i < 20 && fixtures.status(orderId) != expected; i++) {
            janitor.sweep();
        }
        assertThat(fixtures.status(orderId)).isEqualTo(expected);
    }

    private org.fangxin.identity.Actor operator() {
        return users.create(org.fangxin.identity.Role.OPERATOR).actor();
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> fields = new HashMap<>();
        JSON.readTree(json).properties().forEach(field -> fields.put(field.getKey(), field.getValue().asString()));
        return fields;
    }

    private static void resign(Map<String, String> fields) {
        fields.put("signature", new CallbackSignature(org.fangxin.payment.sandbox.SandboxSettings.DEFAULT_SECRET).sign(fields));
    }
}
