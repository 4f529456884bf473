package org.fangxin.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fangxin.payment.ProviderRefundStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderRefundTransitionTests {

    @ParameterizedTest
    @CsvSource({
            "SUBMIT, REQUESTED, SUBMITTED", "SUBMIT, SUBMITTED, SUBMITTED",
            "SUCCEED, REQUESTED, SUCCEEDED", "SUCCEED, SUBMITTED, SUCCEEDED",
            "FAIL, REQUESTED, FAILED", "FAIL, SUBMITTED, FAILED"})
    void movesAlongAllowedTransitions(ProviderRefundTransition transition, ProviderRefundStatus from, ProviderRefundStatus to) {
        assertThat(transition.applyTo(from)).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({
            "SUBMIT, SUCCEEDED", "SUBMIT, FAILED", "SUCCEED, SUCCEEDED", "SUCCEED, FAILED",
            "FAIL, SUCCEEDED", "FAIL, FAILED"})
    void neverLeavesAFinalStatus(ProviderRefundTransition transition, ProviderRefundStatus from) {
        assertThatThrownBy(() -> transition.applyTo(from)).isInstanceOf(IllegalTransition.class);
        assertThat(ProviderRefundTransition.isFinal(from)).isTrue();
    }

    @Test
    void backsOffExponentiallyUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(3));
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.delayAfter(40)).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void refusesUnboundedRetries() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1000, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
