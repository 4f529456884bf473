package org.fangxin.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refunds through the sandbox: failures before and after the provider acts are retried with backoff, the refund
 * reference is the provider's idempotency key, and the sandbox's own tables prove nothing was paid twice.
 */
class RefundFlowTests extends IntegrationTest {

    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired RefundWorker worker;
    @Autowired org.fangxin.payment.provider.PaymentProvider provider;
    @Autowired JdbcClient jdbc;
    PaymentFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PaymentFixtures(payments, jdbc);
    }

    @Test
    void retriesProviderFailuresWithBackoffAndPaysOnce() {
        PaymentOrderView order = paidOrder(Money.yuan(2000));
        sandbox.failNextRefundCalls(order.providerOrderId(), 2);
        ProviderRefundView requested = payments.refund(new RequestRefund(order.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(1600), "48 of 60 sessions unused"));
        assertThat(requested.status()).isEqualTo(ProviderRefundStatus.REQUESTED);

        runWorkerUntil(requested.id(), 1);
        assertThat(refund(requested.id()).status()).isEqualTo(ProviderRefundStatus.SUBMITTED);
        assertThat(refund(requested.id()).lastError()).contains("injected");
        worker.submitDue();
        assertThat(refund(requested.id()).attempts()).as("not due before its backoff").isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        runWorkerUntil(requested.id(), 2);
        assertThat(refund(requested.id()).status()).isEqualTo(ProviderRefundStatus.SUBMITTED);
        clock.advance(Duration.ofSeconds(61));
        runWorkerUntil(requested.id(), 3);

        ProviderRefundView done = refund(requested.id());
        assertThat(done.status()).isEqualTo(ProviderRefundStatus.SUCCEEDED);
        assertThat(done.completedAt()).isNotNull();
        assertThat(fixtures.sandboxRefunds(order.providerOrderId())).isEqualTo(1);
        assertThat(fixtures.sandboxRefundedMinor(order.providerOrderId())).isEqualTo(160_000);
        assertThat(fixtures.publications(requested.id(), "RefundSucceeded")).isEqualTo(1);
    }

    @Test
    void aLostProviderAnswerIsRetriedWithoutPayingTwice() {
        PaymentOrderView order = paidOrder(Money.yuan(300));
        sandbox.loseNextRefundAnswers(order.providerOrderId(), 2);
        ProviderRefundView requested = payments.refund(new RequestRefund(order.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(160), "16 of 30 days left"));

        runWorkerUntil(requested.id(), 1);
        assertThat(refund(requested.id()).status()).isEqualTo(ProviderRefundStatus.SUBMITTED);
        assertThat(fixtures.sandboxRefunds(order.providerOrderId())).as("the provider paid already").isEqualTo(1);
        for (int attempt = 2; attempt <= 3; attempt++) {
            clock.advance(Duration.ofMinutes(5));
            runWorkerUntil(requested.id(), attempt);
        }

        assertThat(refund(requested.id()).status()).isEqualTo(ProviderRefundStatus.SUCCEEDED);
        assertThat(fixtures.sandboxRefunds(order.providerOrderId())).isEqualTo(1);
        assertThat(fixtures.sandboxRefundedMinor(order.providerOrderId())).isEqualTo(16_000);
        assertThat(fixtures.publications(requested.id(), "RefundSucceeded")).isEqualTo(1);
    }

    @Test
    void failsOnlyWhenTheProviderNeverSawTheRefundAndReleasesItsAmount() {
        PaymentOrderView order = paidOrder(Money.yuan(100));
        sandbox.failNextRefundCalls(order.providerOrderId(), 100);
        ProviderRefundView requested = payments.refund(new RequestRefund(order.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(100), "cooling-off"));
        assertThat(payments.find(order.id()).orElseThrow().refunded()).isEqualTo(Money.yuan(100));

        for (int attempt = 1; attempt <= 5; attempt++) {
            runWorkerUntil(requested.id(), attempt);
            clock.advance(Duration.ofHours(1));
        }

        ProviderRefundView failed = refund(requested.id());
        assertThat(failed.status()).isEqualTo(ProviderRefundStatus.FAILED);
        assertThat(failed.lastError()).contains("gave up after 5 attempts");
        assertThat(fixtures.publications(requested.id(), "RefundFailed")).isEqualTo(1);
        assertThat(payments.find(order.id()).orElseThrow().refunded()).isEqualTo(Money.fen(0));
        worker.submitDue();
        assertThat(refund(requested.id()).attempts()).isEqualTo(5);

        // the released amount can be refunded again under a new reference
        ProviderRefundView retry = payments.refund(new RequestRefund(order.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(100), "cooling-off, second try"));
        assertThat(retry.status()).isEqualTo(ProviderRefundStatus.REQUESTED);
    }

    @Test
    void refundsNeverExceedWhatWasPaid() {
        PaymentOrderView order = paidOrder(Money.yuan(500));
        String reference = "refund:" + UUID.randomUUID();
        ProviderRefundView first = payments.refund(new RequestRefund(order.id(), reference, Money.yuan(300), "part"));

        assertThat(payments.refund(new RequestRefund(order.id(), reference, Money.yuan(300), "part")).id())
                .isEqualTo(first.id());
        assertRejected(() -> payments.refund(new RequestRefund(order.id(), reference, Money.yuan(200), "other amount")),
                Payments.REFUND_REFERENCE_REUSED);
        assertRejected(() -> payments.refund(new RequestRefund(order.id(), "refund:" + UUID.randomUUID(),
                Money.fen(20_001), "too much")), Payments.REFUND_EXCEEDS_PAID);
        ProviderRefundView rest = payments.refund(new RequestRefund(order.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(200), "the rest"));
        assertThat(rest.status()).isEqualTo(ProviderRefundStatus.REQUESTED);
        assertThat(payments.find(order.id()).orElseThrow().refunded()).isEqualTo(Money.yuan(500));

        // the database refuses an over-refund even if the facade's check were bypassed
        assertThatThrownBy(() -> jdbc.sql("update payment.payment_order set refund_reserved_minor = amount_minor + 1 where id = :id")
                .param("id", order.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void refusesToRefundAnUnpaidOrderOrInvalidAmounts() {
        PaymentOrderView pending = fixtures.order(Money.yuan(50), Duration.ofMinutes(15));
        assertRejected(() -> payments.refund(new RequestRefund(pending.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(10), "not paid")), Payments.NOT_PAID);
        PaymentOrderView paid = paidOrder(Money.yuan(50));
        assertThatThrownBy(() -> payments.refund(new RequestRefund(paid.id(), "refund:" + UUID.randomUUID(),
                Money.fen(0), "zero"))).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> payments.refund(new RequestRefund(UUID.randomUUID(), "refund:" + UUID.randomUUID(),
                Money.fen(1), "no order"))).isInstanceOf(Rejection.class);
        assertThat(payments.refunds(users.create(org.fangxin.identity.Role.OPERATOR).actor(), paid.id())).isEmpty();
    }

    private PaymentOrderView paidOrder(Money amount) {
        PaymentOrderView order = fixtures.order(amount, Duration.ofMinutes(15));
        sandbox.pay(order.providerOrderId());
        return fixtures.awaitStatus(order.id(), PaymentStatus.PAID);
    }

    @Test
    void aBulkRequestAndTheProvidersBatchCallPayEachRefundOnceAndNeverMoreThanWasPaid() {
        PaymentOrderView order = paidOrder(Money.yuan(100));
        var first = new RequestRefund(order.id(), "refund:" + UUID.randomUUID(), Money.yuan(40), "bulk 1");
        var second = new RequestRefund(order.id(), "refund:" + UUID.randomUUID(), Money.yuan(50), "bulk 2");
        java.util.List<ProviderRefundView> requested = payments.refundAll(java.util.List.of(first, second));
        assertThat(requested).extracting(ProviderRefundView::status).containsOnly(ProviderRefundStatus.REQUESTED);
        assertThat(payments.refundAll(java.util.List.of(second, first))).as("a replay answers the same refunds")
                .extracting(ProviderRefundView::id).containsExactly(requested.get(1).id(), requested.get(0).id());
        assertRejected(() -> payments.refundAll(java.util.List.of(
                new RequestRefund(order.id(), "refund:" + UUID.randomUUID(), Money.yuan(11), "one yuan too many"))),
                Payments.REFUND_EXCEEDS_PAID);

        runWorkerUntil(requested.get(0).id(), 1);
        runWorkerUntil(requested.get(1).id(), 1);

        assertThat(requested).allSatisfy(r -> assertThat(refund(r.id()).status()).isEqualTo(ProviderRefundStatus.SUCCEEDED));
        assertThat(fixtures.sandboxRefunds(order.providerOrderId())).isEqualTo(2);
        assertThat(fixtures.sandboxRefundedMinor(order.providerOrderId())).isEqualTo(9_000);
        assertThat(requested).allSatisfy(r -> assertThat(fixtures.publications(r.id(), "RefundSucceeded")).isEqualTo(1));
    }

    @Test
    void theProvidersBatchCallAnswersARefundItAlreadyBookedInsteadOfBookingItAgain() {
        PaymentOrderView order = paidOrder(Money.yuan(100));
        var first = new org.fangxin.payment.provider.PaymentProvider.RefundRequest(order.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(30), "batch 1");
        var second = new org.fangxin.payment.provider.PaymentProvider.RefundRequest(order.id(), "refund:" + UUID.randomUUID(),
                Money.yuan(20), "batch 2");
        var booked = provider.refundAll(java.util.List.of(first, second));
        assertThat(booked).extracting(org.fangxin.payment.provider.PaymentProvider.RefundState::outcome)
                .containsOnly(org.fangxin.payment.provider.PaymentProvider.RefundOutcome.SUCCEEDED);

        // the same batch sent again (e.g. its outcome was lost in a crash) answers the refunds booked the first time
        var again = provider.refundAll(java.util.List.of(second, first,
                new org.fangxin.payment.provider.PaymentProvider.RefundRequest(order.id(), first.refundReference(),
                        Money.yuan(31), "same reference, other amount")));
        assertThat(again.get(0).providerRefundId()).isEqualTo(booked.get(1).providerRefundId());
        assertThat(again.get(1).providerRefundId()).isEqualTo(booked.get(0).providerRefundId());
        assertThat(again.get(2).outcome()).isEqualTo(org.fangxin.payment.provider.PaymentProvider.RefundOutcome.REJECTED);
        assertThat(again.get(2).detail()).isEqualTo("REFUND_REFERENCE_REUSED");
        assertThat(fixtures.sandboxRefunds(order.providerOrderId())).isEqualTo(2);
        assertThat(fixtures.sandboxRefundedMinor(order.providerOrderId())).isEqualTo(5_000);
    }

    /** Runs the worker until this refund has made {@code attempts} attempts (other tests' refunds share the queue). */
    private void runWorkerUntil(UUID refundId, int attempts) {
        for (int i = 0; i < 20 && refund(refundId).attempts() < attempts; i++) {
            worker.submitDue();
        }
        assertThat(refund(refundId).attempts()).isEqualTo(attempts);
    }

    private ProviderRefundView refund(UUID refundId) {
        return jdbc.sql("select payment_order_id from payment.refund where id = :id").param("id", refundId)
                .query(UUID.class).optional()
                .flatMap(orderId -> payments.refunds(operatorActor(), orderId).stream()
                        .filter(refund -> refund.id().equals(refundId)).findFirst())
                .orElseThrow();
    }

    private org.fangxin.identity.Actor operatorActor() {
        return new org.fangxin.identity.Actor(UUID.randomUUID(), "operator", org.fangxin.identity.Role.OPERATOR, null, null);
    }

    private static void assertRejected(Runnable command, org.fangxin.shared.ProblemType type) {
        assertThatThrownBy(command::run).isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(type);
    }
}
