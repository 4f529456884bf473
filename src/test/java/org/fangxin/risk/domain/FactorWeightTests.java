package org.fangxin.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FactorWeightTests {

    @ParameterizedTest
    @CsvSource({"0, 0", "15000, 0", "22500, 5000", "30000, 10000", "90000, 10000"})
    void severityRisesLinearlyFromOkToBad(long value, int severityBp) {
        assertThat(new FactorWeight(Factor.SALES_SPIKE, 25, 15_000, 30_000).severityBp(value)).isEqualTo(severityBp);
    }

    @ParameterizedTest
    @CsvSource({"400, 0", "180, 0", "105, 5000", "30, 10000", "-5, 10000"})
    void aFallingValueCanBeTheAdverseDirection(long daysLeft, int severityBp) {
        assertThat(new FactorWeight(Factor.LEASE_ENDING, 10, 180, 30).severityBp(daysLeft)).isEqualTo(severityBp);
    }

    @Test
    void thePenaltyIsTheWeightTimesTheSeverityInHundredthsOfAPoint() {
        var weight = new FactorWeight(Factor.HEADCOUNT, 25, 3_000, 10_000);
        assertThat(weight.penaltyCenti(10_000)).isEqualTo(2_500);
        assertThat(weight.penaltyCenti(6_500)).isEqualTo(1_250);
        assertThat(weight.penaltyCenti(Long.MAX_VALUE)).isEqualTo(2_500);
    }

    @Test
    void refusesEqualThresholdsAndWeightsAboveAHundred() {
        assertThatThrownBy(() -> new FactorWeight(Factor.COURT, 10, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FactorWeight(Factor.COURT, 101, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
