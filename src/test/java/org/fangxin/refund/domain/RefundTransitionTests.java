package org.fangxin.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fangxin.refund.RefundStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RefundTransitionTests {

    @ParameterizedTest
    @CsvSource({
            "APPROVE_AUTOMATICALLY, PENDING_MERCHANT, APPROVED",
            "CONTEST, PENDING_MERCHANT, DISPUTED",
            "ACCEPT_BY_SILENCE, PENDING_MERCHANT, APPROVED",
            "UPHOLD, DISPUTED, APPROVED",
            "REJECT, DISPUTED, REJECTED",
            "CANCEL, PENDING_MERCHANT, CANCELLED",
            "CANCEL, DISPUTED, CANCELLED",
            "CLOSE_WITH_NOTHING_DUE, APPROVED, NOTHING_DUE",
            "CONFIRM_PAID, APPROVED, PAID",
            "FAIL_PAYMENT, APPROVED, PAYMENT_FAILED",
            "RETRY_PAYMENT, PAYMENT_FAILED, APPROVED",
            "AWAIT_MANUAL_PAYOUT, APPROVED, MANUAL_PAYOUT",
            "CONFIRM_MANUAL_PAYOUT, MANUAL_PAYOUT, PAID"})
    void movesAlongAllowedTransitions(RefundTransition transition, RefundStatus from, RefundStatus to) {
        assertThat(transition.applyTo(from)).isEqualTo(to);
    }

    @ParameterizedTest
    @EnumSource(value = RefundStatus.class, names = {"PAID", "NOTHING_DUE", "REJECTED", "CANCELLED"})
    void neverLeavesAFinalStatus(RefundStatus status) {
        for (RefundTransition transition : RefundTransition.values()) {
            assertThat(transition.allowedFrom(status)).as(transition + " from " + status).isFalse();
            assertThatThrownBy(() -> transition.applyTo(status)).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"CONTEST, DISPUTED", "CONTEST, APPROVED", "ACCEPT_BY_SILENCE, DISPUTED", "UPHOLD, PENDING_MERCHANT",
            "RETRY_PAYMENT, APPROVED", "CONFIRM_PAID, PAYMENT_FAILED", "CONFIRM_PAID, MANUAL_PAYOUT",
            "RETRY_PAYMENT, MANUAL_PAYOUT", "CONFIRM_MANUAL_PAYOUT, APPROVED", "CANCEL, MANUAL_PAYOUT"})
    void refusesTransitionsOutOfOrder(RefundTransition transition, RefundStatus from) {
        assertThat(transition.allowedFrom(from)).isFalse();
    }
}
