package org.fangxin.insurance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.fangxin.insurance.CostSharing;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PremiumArithmeticTests {

    @ParameterizedTest(name = "{0} fen at {1} bps/year -> {2} fen/month")
    @CsvSource({
            "3000000, 120, 3000",     // 30,000 yuan at 1.2 %/year: 360 yuan/year, 30 yuan/month
            "1000000, 150, 1250",     // 10,000 yuan at 1.5 %: 12.50 yuan/month
            "1, 10000, 0",            // 1/12 fen rounds down
            "6, 10000, 1",            // 0.5 fen rounds half up
            "0, 200, 0",
            "12345678, 95, 9774",     // 12345678 × 95 / 120000 = 9773.58 → 9774
    })
    void billsATwelfthOfTheYearlyRateRoundedHalfUp(long insured, int rateBps, long premium) {
        assertThat(PremiumArithmetic.monthlyPremium(Money.fen(insured), rateBps)).isEqualTo(Money.fen(premium));
    }

    @Test
    void insuresAtMostThePerMerchantLimitAndNeverANegativeExposure() {
        assertThat(PremiumArithmetic.insured(Money.fen(900), Money.fen(500))).isEqualTo(Money.fen(500));
        assertThat(PremiumArithmetic.insured(Money.fen(300), Money.fen(500))).isEqualTo(Money.fen(300));
        assertThat(PremiumArithmetic.insured(Money.fen(-5), Money.fen(500))).isEqualTo(Money.fen(0));
    }

    @ParameterizedTest(name = "{0} fen by {1}/{2}/{3} -> {4}/{5}/{6}")
    @CsvSource({
            "100, 5000, 3000, 2000, 50, 30, 20",
            "1, 3334, 3333, 3333, 1, 0, 0",        // the largest remainder takes the fen
            "2, 3333, 3334, 3333, 1, 1, 0",        // two fen: the two largest remainders (ties by order)
            "10, 3333, 3333, 3334, 3, 3, 4",
            "3001, 0, 0, 10000, 0, 0, 3001",       // Kaifeng: the budget pays all
            "7, 0, 5000, 5000, 0, 4, 3",           // a zero share never gets a fen
            "0, 2000, 3000, 5000, 0, 0, 0",
    })
    void splitsExactlyToTheFen(long premium, int m, int p, int g, long em, long ep, long eg) {
        List<Money> parts = PremiumArithmetic.split(Money.fen(premium), new CostSharing(m, p, g));
        assertThat(parts).containsExactly(Money.fen(em), Money.fen(ep), Money.fen(eg));
    }

    @Test
    void splitsAlwaysAddUpToThePremium() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            int m = random.nextInt(10_001);
            int p = random.nextInt(10_001 - m);
            CostSharing sharing = new CostSharing(m, p, 10_000 - m - p);
            Money premium = Money.fen(random.nextInt(1_000_000_000));
            List<Money> parts = PremiumArithmetic.split(premium, sharing);
            assertThat(parts.get(0).plus(parts.get(1)).plus(parts.get(2))).isEqualTo(premium);
            int[] bps = {m, p, 10_000 - m - p};
            for (int k = 0; k < 3; k++) {
                long exactTimes10000 = premium.amountMinor() * bps[k];
                // each part is its exact share rounded down or up by less than one fen
                assertThat(Math.abs(parts.get(k).amountMinor() * 10_000 - exactTimes10000)).isLessThan(10_000);
            }
        }
    }

    @Test
    void refusesSharesThatDoNotSumToTheWhole() {
        assertThatThrownBy(() -> PremiumArithmetic.split(Money.fen(100), new CostSharing(5000, 5000, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
