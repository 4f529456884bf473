package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyFormatTests {

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
        assertThat(MoneyFormat.parseMinor(text, decimalSeparator, 2)).isEqualTo(fen);
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
        assertThatThrownBy(() -> MoneyFormat.parseMinor(text, '.', 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5000         | 500000",
            "5000.5       | 500050",
            "5,000.50     | 500050",
            "' 600.00 '   | 60000",
            "¥1,600       | 160000",
            "￥ 0.01      | 1",
            "0            | 0",
    })
    void readsYuanTypedOnAForm(String text, long fen) {
        assertThat(MoneyFormat.parseYuan("amount", text)).isEqualTo(Money.fen(fen));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.234", "1.005", "-5", "+5", "1e3", "5,0000", "abc", "''", "¥", "12.", ".5", "1 000", "5000.5.0",
    })
    void refusesYuanWithMoreThanTwoDecimalsASignOrAnythingElseNamingTheField(String text) {
        assertThatThrownBy(() -> MoneyFormat.parseYuan("floor", text))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.type()).isEqualTo(ProblemType.INVALID_INPUT);
                    assertThat(rejection.properties()).containsEntry("field", "floor");
                    assertThat(rejection.getMessage()).startsWith("floor: ").contains("at most two decimals");
                });
    }

    @Test
    void anOptionalYuanFieldLeftBlankIsNoAmount() {
        assertThat(MoneyFormat.parseOptionalYuan("amount", null)).isNull();
        assertThat(MoneyFormat.parseOptionalYuan("amount", "  ")).isNull();
        assertThat(MoneyFormat.parseOptionalYuan("amount", "12.30")).isEqualTo(Money.fen(1230));
    }

    @Test
    void theLargestAmountStaysExact() {
        assertThat(MoneyFormat.parseYuan("amount", "999,999,999,999,999.99")).isEqualTo(Money.fen(99_999_999_999_999_999L));
        assertThatThrownBy(() -> MoneyFormat.parseYuan("amount", "1,000,000,000,000,000")).isInstanceOf(Rejection.class);
    }
}
