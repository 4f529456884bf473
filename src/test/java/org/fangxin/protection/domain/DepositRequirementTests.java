package org.fangxin.protection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DepositRequirementTests {

    @ParameterizedTest(name = "floor {0}, share {1} bps, exposure {2}, cover {3} -> {4}")
    @CsvSource({
            // floor,  bps,  exposure,  cover,   required (fen)
            "500000, 3000,        0,       0,   500000",   // no exposure: the floor
            "500000, 3000,  1000000,       0,   500000",   // 30% of 10,000 yuan = 3,000 < floor 5,000
            "500000, 3000,  3000000,       0,   900000",   // 30% of 30,000 yuan = 9,000
            "500000, 3000,  3000000,  300000,   600000",   // insured cover of 3,000 comes off
            "500000, 3000,  3000000, 3000000,   500000",   // cover beyond the share: back to the floor
            "1000000, 3000, 5000000,       0,  1500000",   // education floor 10,000; 30% of 50,000
            "0,      3000,        1,       0,        1",   // the share rounds up to the fen
            "500000, 3000,     -500,       0,   500000",   // a negative exposure counts as none
    })
    void requiresTheLargerOfFloorAndUncoveredShare(long floor, int bps, long exposure, long cover, long required) {
        assertThat(DepositRequirement.required(Money.fen(floor), bps, Money.fen(exposure), Money.fen(cover)))
                .isEqualTo(Money.fen(required));
    }

    @Test
    void shortfallIsNeverNegative() {
        assertThat(DepositRequirement.shortfall(Money.fen(900_000), Money.fen(500_000))).isEqualTo(Money.fen(400_000));
        assertThat(DepositRequirement.shortfall(Money.fen(500_000), Money.fen(900_000))).isEqualTo(Money.fen(0));
    }

    @Test
    void rejectsAShareAboveTheWhole() {
        assertThatThrownBy(() -> DepositRequirement.required(Money.fen(0), 10_001, Money.fen(1), Money.fen(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
