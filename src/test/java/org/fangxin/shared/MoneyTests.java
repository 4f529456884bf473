package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void refundsTheSessionsExampleOfTheSupremeCourtCase() {
        // 2,000 yuan for 60 sessions, 12 used: 48/60 of the price is refundable.
        assertThat(Money.yuan(2000).fraction(48, 60, RoundingMode.CEILING)).isEqualTo(Money.yuan(1600));
    }

    @Test
    void refundsTheDaysExampleOfTheMeituanCase() {
        assertThat(Money.yuan(300).fraction(16, 30, RoundingMode.CEILING)).isEqualTo(Money.yuan(160));
    }

    @Test
    void roundsAFractionTheWayItIsAsked() {
        assertThat(Money.fen(100).fraction(1, 3, RoundingMode.CEILING)).isEqualTo(Money.fen(34));
        assertThat(Money.fen(100).fraction(1, 3, RoundingMode.FLOOR)).isEqualTo(Money.fen(33));
        assertThat(Money.fen(100).fraction(1, 2, RoundingMode.HALF_UP)).isEqualTo(Money.fen(50));
        assertThatThrownBy(() -> Money.fen(100).fraction(1, 3, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void allocatesWithoutLosingAFen() {
        assertThat(Money.fen(100).allocate(3)).containsExactly(Money.fen(34), Money.fen(33), Money.fen(33));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.fen(1).plus(new Money(1, Currency.getInstance("USD"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToOverflow() {
        assertThatThrownBy(() -> Money.fen(Long.MAX_VALUE).plus(Money.fen(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void formatsForPeople() {
        assertThat(Money.fen(160_000).format()).isEqualTo("¥1,600.00");
        assertThat(Money.fen(-5).format()).isEqualTo("-¥0.05");
    }

    @Test
    void travelsAsJsonWithAmountAndCurrencyOnly() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(json.writeValueAsString(Money.fen(160_000))).isEqualTo("{\"amountMinor\":160000,\"currency\":\"CNY\"}");
        assertThat(json.readValue("{\"amountMinor\":5,\"currency\":\"CNY\"}", Money.class)).isEqualTo(Money.fen(5));
    }
}
