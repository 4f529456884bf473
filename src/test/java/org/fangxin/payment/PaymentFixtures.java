package org.fangxin.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.shared.Money;
import org.fangxin.testing.Eventually;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Shared steps of the payment integration tests: unique orders and bounded waits on the database. */
final class PaymentFixtures {

    static final Duration WAIT_MAX = Duration.ofSeconds(5);

    private final Payments payments;
    private final JdbcClient jdbc;

    PaymentFixtures(Payments payments, JdbcClient jdbc) {
        this.payments = payments;
        this.jdbc = jdbc;
    }

    PaymentOrderView order(Money amount, Duration timeToPay) {
        return order(UUID.randomUUID(), amount, timeToPay);
    }

    PaymentOrderView order(UUID payer, Money amount, Duration timeToPay) {
        return payments.createOrder(new CreatePaymentOrder("purchase:" + UUID.randomUUID(), payer, UUID.randomUUID(),
                amount, "年卡 gym pass", timeToPay));
    }

    PaymentStatus status(UUID orderId) {
        return payments.find(orderId).orElseThrow().status();
    }

    /** Polls until the order has the status (callbacks arrive over HTTP on another thread), at most WAIT_MAX. */
    PaymentOrderView awaitStatus(UUID orderId, PaymentStatus expected) {
        awaitTrue(() -> status(orderId) == expected);
        assertThat(status(orderId)).isEqualTo(expected);
        return payments.find(orderId).orElseThrow();
    }

    /** Polls until {@code condition} holds, at most WAIT_MAX; the caller asserts afterwards. */
    static void awaitTrue(Supplier<Boolean> condition) {
        Eventually.awaitTrue(condition, WAIT_MAX);
    }

    long publications(UUID subjectId, String kind) {
        return jdbc.sql("select count(*) from payment.published_event where subject_id = :id and kind = :kind")
                .param("id", subjectId).param("kind", kind).query(Long.class).single();
    }

    List<String> verdicts(UUID orderId) {
        return jdbc.sql("select verdict from payment.callback_log where payment_order_id = :id order by received_at, id")
                .param("id", orderId).query(String.class).list();
    }

    long sandboxRefunds(String providerOrderId) {
        return jdbc.sql("select count(*) from payment.sandbox_refund where provider_order_id = :id")
                .param("id", providerOrderId).query(Long.class).single();
    }

    long sandboxRefundedMinor(String providerOrderId) {
        return jdbc.sql("select refunded_minor from payment.sandbox_order where provider_order_id = :id")
                .param("id", providerOrderId).query(Long.class).single();
    }
}
