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
    void formatsAnyAmountAsStringFormatDoes() {
        java.util.Random random = new java.util.Random(15);
        java.util.List<Long> amounts = new java.util.ArrayList<>(java.util.List.of(0L, 1L, -1L, 99L, 100L, 999L, 1_000L,
                99_999L, 100_000L, 123_456_789L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (long power = 1; power > 0 && power < Long.MAX_VALUE / 10; power *= 10) {
            amounts.addAll(java.util.List.of(power - 1, power, power + 1, -power));
        }
        for (int i = 0; i < 2_000; i++) {
            amounts.add(random.nextLong() >> random.nextInt(64));
        }
        for (String code : java.util.List.of("CNY", "JPY", "BHD", "USD")) {
            Currency currency = Currency.getInstance(code);
            for (java.util.Locale locale : java.util.List.of(java.util.Locale.US, java.util.Locale.SIMPLIFIED_CHINESE,
                    java.util.Locale.GERMANY, java.util.Locale.forLanguageTag("ar-EG"), java.util.Locale.forLanguageTag("hi-IN"))) {
                for (long amount : amounts) {
                    assertThat(new Money(amount, currency).format(locale)).as("%d %s in %s", amount, code, locale)
                            .isEqualTo(byFormatter(new Money(amount, currency), locale));
                }
            }
        }
    }

    /** What format() gave before it was built by hand. */
    private static String byFormatter(Money money, java.util.Locale locale) {
        int digits = money.currency().getDefaultFractionDigits();
        long unit = (long) Math.pow(10, digits);
        long whole = Math.abs(money.amountMinor()) / unit;
        long minor = Math.abs(money.amountMinor()) % unit;
        String sign = money.amountMinor() < 0 ? "-" : "";
        String symbol = money.currency().equals(Money.CNY) ? "¥" : money.currency().getCurrencyCode() + " ";
        return digits == 0 ? sign + symbol + String.format(locale, "%,d", whole)
                : sign + symbol + String.format(locale, "%,d.%0" + digits + "d", whole, minor);
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
