package org.fangxin.insurance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.fangxin.insurance.CapReason;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class ClaimLimitsTests {

    private static ClaimLimits.Claimed line(String consumer, long fen) {
        return new ClaimLimits.Claimed(consumer, Money.fen(fen));
    }

    @Test
    void aConsumersCardsShareThePerConsumerLimit() {
        var covered = ClaimLimits.apply(List.of(line("a", 300), line("a", 300), line("b", 300)), Money.fen(500),
                Money.fen(10_000), Money.fen(10_000));
        assertThat(covered).extracting(c -> c.covered().amountMinor()).containsExactly(300L, 200L, 300L);
        assertThat(covered).extracting(ClaimLimits.Covered::reason).containsExactly(null, CapReason.PER_CONSUMER_LIMIT, null);
    }

    @Test
    void theLineThatReachesALimitIsCutAndTheRestGetNothing() {
        var covered = ClaimLimits.apply(List.of(line("a", 400), line("b", 400), line("c", 400)), Money.fen(1_000),
                Money.fen(700), Money.fen(10_000));
        assertThat(covered).extracting(c -> c.covered().amountMinor()).containsExactly(400L, 300L, 0L);
        assertThat(covered).extracting(ClaimLimits.Covered::reason)
                .containsExactly(null, CapReason.PER_MERCHANT_LIMIT, CapReason.PER_MERCHANT_LIMIT);
    }

    @Test
    void theAggregateLimitCutsLastAndNamesItself() {
        var covered = ClaimLimits.apply(List.of(line("a", 900)), Money.fen(500), Money.fen(400), Money.fen(100));
        assertThat(covered.get(0).covered()).isEqualTo(Money.fen(100));
        assertThat(covered.get(0).reason()).isEqualTo(CapReason.AGGREGATE_LIMIT);
    }

    @Test
    void aLimitUsedBeyondItsSizeLeavesNothingRatherThanANegativeAmount() {
        var covered = ClaimLimits.apply(List.of(line("a", 100)), Money.fen(500), Money.fen(-50), Money.fen(1_000));
        assertThat(covered.get(0).covered()).isEqualTo(Money.fen(0));
    }

    @Test
    void policyYearsRunFromAnniversaryToAnniversary() {
        LocalDate start = LocalDate.of(2026, 3, 15);
        assertThat(PolicyYear.startOf(start, LocalDate.of(2026, 3, 15))).isEqualTo(start);
        assertThat(PolicyYear.startOf(start, LocalDate.of(2027, 3, 14))).isEqualTo(start);
        assertThat(PolicyYear.startOf(start, LocalDate.of(2027, 3, 15))).isEqualTo(LocalDate.of(2027, 3, 15));
        assertThat(PolicyYear.startOf(LocalDate.of(2024, 2, 29), LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2025, 2, 28));
    }
}
