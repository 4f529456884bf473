package org.fangxin.bank.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class MinorUnitsTests {

    @Test
    void convertsToAndFromTheDecimalsOfAMessageModel() {
        assertThat(MinorUnits.toDecimal(Money.fen(1))).isEqualByComparingTo("0.01").hasScaleOf(2);
        assertThat(MinorUnits.toDecimal(Money.fen(-160_000_00))).isEqualByComparingTo("-160000.00");
        assertThat(MinorUnits.of(new BigDecimal("123.4"), Money.CNY)).isEqualTo(12_340);
        assertThatThrownBy(() -> MinorUnits.of(new BigDecimal("1.001"), Money.CNY)).hasMessageContaining("more than 2 decimals");
    }
}
