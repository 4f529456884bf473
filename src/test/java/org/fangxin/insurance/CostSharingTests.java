package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostSharingTests {

    @ParameterizedTest(name = "{0}/{1}/{2} valid: {3}")
    @CsvSource({
            "10000, 0, 0, true",
            "0, 0, 10000, true",
            "5000, 3000, 2000, true",
            "5000, 3000, 1999, false",   // 9,999
            "5000, 3000, 2001, false",   // 10,001
            "-1, 5001, 5000, false",
            "10001, 0, -1, false",
            "0, 0, 0, false",
    })
    void sharesAreValidOnlyWhenTheySumToExactly10000(int merchant, int platform, int government, boolean valid) {
        assertThat(new CostSharing(merchant, platform, government).problem().isEmpty()).isEqualTo(valid);
    }
}
