package org.fangxin.bank.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinorUnitsTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,234.50      | .  | 123450",
            "-12.3         | .  | -1230",
            "12            | .  | 1200",
            "+0.01         | .  | 1",
            "0             | .  | 0",
            "' 1,000,000.00 ' | . | 100000000",
            "999999999999999.99 | . | 99999999999999999",
            "1.234,50      | ,  | 123450",
            "-0,05         | ,  | -5",
    })
    void parsesDecimalTextIntoFen(String text, char decimalSeparator, long fen) {
        assertThat(MinorUnits.parse(text, decimalSeparator, 2)).isEqualTo(fen);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.234     | more than 2 decimals",
            "12.       | ends with the decimal separator",
            "abc       | unexpected character 'a'",
            "1,23.45   | misplaced grouping separator",
            "1234,567.00 | misplaced grouping separator",
            ",123.00   | misplaced grouping separator",
            "-         | no digits",
            ".50       | no digits",
            "1 234.00  | unexpected character ' '",
            "1e5       | unexpected character 'e'",
            "1234567890123456.00 | too large",
            "''        | empty",
    })
    void rejectsTextThatIsNotAnExactAmount(String text, String problem) {
        assertThatThrownBy(() -> MinorUnits.parse(text, '.', 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void convertsToAndFromTheDecimalsOfAMessageModel() {
        assertThat(MinorUnits.toDecimal(Money.fen(1))).isEqualByComparingTo("0.01").hasScaleOf(2);
        assertThat(MinorUnits.toDecimal(Money.fen(-160_000_00))).isEqualByComparingTo("-160000.00");
        assertThat(MinorUnits.of(new BigDecimal("123.4"), Money.CNY)).isEqualTo(12_340);
        assertThatThrownBy(() -> MinorUnits.of(new BigDecimal("1.001"), Money.CNY)).hasMessageContaining("more than 2 decimals");
    }
}
