package org.fangxin.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.payment.PaymentStatus.EXPIRED;
import static org.fangxin.payment.PaymentStatus.FAILED;
import static org.fangxin.payment.PaymentStatus.PAID;
import static org.fangxin.payment.PaymentStatus.PAID_AFTER_EXPIRY;
import static org.fangxin.payment.PaymentStatus.PENDING;

import org.fangxin.payment.PaymentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentTransitionTests {

    @ParameterizedTest
    @CsvSource({
            "CONFIRM, PENDING, PAID",
            "EXPIRE, PENDING, EXPIRED",
            "FAIL, PENDING, FAILED",
            "CONFIRM_AFTER_EXPIRY, EXPIRED, PAID_AFTER_EXPIRY",
            "CONFIRM_AFTER_EXPIRY, FAILED, PAID_AFTER_EXPIRY"})
    void movesAlongAllowedTransitions(PaymentTransition transition, PaymentStatus from, PaymentStatus to) {
        assertThat(transition.applyTo(from)).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({
            "CONFIRM, PAID", "CONFIRM, EXPIRED", "CONFIRM, FAILED", "CONFIRM, PAID_AFTER_EXPIRY",
            "EXPIRE, PAID", "EXPIRE, EXPIRED", "EXPIRE, FAILED", "EXPIRE, PAID_AFTER_EXPIRY",
            "FAIL, PAID", "FAIL, EXPIRED", "FAIL, FAILED",
            "CONFIRM_AFTER_EXPIRY, PENDING", "CONFIRM_AFTER_EXPIRY, PAID", "CONFIRM_AFTER_EXPIRY, PAID_AFTER_EXPIRY"})
    void rejectsIllegalTransitions(PaymentTransition transition, PaymentStatus from) {
        assertThatThrownBy(() -> transition.applyTo(from)).isInstanceOf(IllegalTransition.class)
                .hasMessageContaining(from.name());
    }

    @Test
    void paidReportConfirmsPendingAndFlagsLatePaymentsOfEndedOrders() {
        assertThat(PaymentTransition.onProviderPaid(PENDING)).contains(PaymentTransition.CONFIRM);
        assertThat(PaymentTransition.onProviderPaid(EXPIRED)).contains(PaymentTransition.CONFIRM_AFTER_EXPIRY);
        assertThat(PaymentTransition.onProviderPaid(FAILED)).contains(PaymentTransition.CONFIRM_AFTER_EXPIRY);
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"PAID", "PAID_AFTER_EXPIRY"})
    void repeatedPaidReportHasNoEffect(PaymentStatus paid) {
        assertThat(PaymentTransition.onProviderPaid(paid)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(PaymentStatus.class)
    void closedReportOnlyFailsPendingOrders(PaymentStatus status) {
        assertThat(PaymentTransition.onProviderClosed(status).isPresent()).isEqualTo(status == PENDING);
    }

    @Test
    void finalStatusesHaveNoWayBackToPending() {
        for (PaymentTransition transition : PaymentTransition.values()) {
            assertThat(transition.target()).isNotEqualTo(PENDING);
        }
        assertThat(PaymentTransition.isPaid(PAID)).isTrue();
        assertThat(PaymentTransition.isPaid(PAID_AFTER_EXPIRY)).isTrue();
        assertThat(PaymentTransition.isPaid(EXPIRED)).isFalse();
    }
}
