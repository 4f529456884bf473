package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.shared.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LossRatioViewTests {

    @ParameterizedTest(name = "{0} over {1} fen is {2} bps, {3}")
    @CsvSource(delimiter = '|', value = {
            "0      | 3000  | 0     | 0.00 %",
            "12345  | 3000  | 41150 | 411.50 %",
            "1      | 3     | 3333  | 33.33 %",   // 3333.33 bps rounds down
            "2      | 3     | 6667  | 66.67 %",   // 6666.67 bps rounds up
            "1      | 20000 | 1     | 0.01 %",    // 0.5 bps rounds half up
    })
    void isApprovedClaimsOverPremiumInBasisPointsRoundedHalfUp(long claims, long premium, long bps, String percent) {
        var ratio = LossRatioView.of(UUID.randomUUID(), Money.fen(premium), Money.fen(claims));
        assertThat(ratio.lossRatioBps()).isEqualTo(bps);
        assertThat(ratio.percent()).isEqualTo(percent);
    }

    @org.junit.jupiter.api.Test
    void hasNoRatioWhileNothingWasBilled() {
        var ratio = LossRatioView.of(UUID.randomUUID(), Money.fen(0), Money.fen(500));
        assertThat(ratio.lossRatioBps()).isNull();
        assertThat(ratio.percent()).isEqualTo("—");
    }
}
