package org.fangxin.merchant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CreditCodeTests {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B", "91440300708461136T", "9111000071093123XX",
            "91310000775785552L", "914102000000000010"})
    void acceptsCodesWhoseCheckCharacterMatches(String code) {
        assertThat(CreditCode.problem(code)).isEmpty();
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @Test
    void acceptsLowerCaseAndSurroundingSpacesAfterNormalizing() {
        assertThat(CreditCode.normalize("  91350100m000100y43 ")).isEqualTo("91350100M000100Y43");
        assertThat(CreditCode.isValid(" 91350100m000100y43")).isTrue();
    }

    @Test
    void computesTheCommonlyCitedExampleCheckCharacter() {
        assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void writesCheckValueThirtyOneAsZero() {
        // Search a 17-character prefix whose weighted sum is divisible by 31: its check character must be '0'.
        String prefix = null;
        for (int i = 0; i < 31 && prefix == null; i++) {
            String candidate = "914102000000000" + CreditCode.CHARSET.charAt(i) + "0";
            if (CreditCode.checkCharacter(candidate) == '0') {
                prefix = candidate;
            }
        }
        assertThat(prefix).isNotNull();
        assertThat(CreditCode.isValid(prefix + "0")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "'', MISSING",
            "91350100M000100Y4, LENGTH",
            "91350100M000100Y433, LENGTH",
            "91350100M000100I43, CHARACTER",
            "91350100M000100O43, CHARACTER",
            "91350100M000100Z43, CHARACTER",
            "91350100M000100S43, CHARACTER",
            "91350100M000100V43, CHARACTER",
            "9135010-M000100Y43, CHARACTER",
            "913501A0M000100Y43, REGION",
            "91350100M000100Y44, CHECK_CHARACTER",
            "91350100M000100Y34, CHECK_CHARACTER",
            "91320000134827735A, CHECK_CHARACTER"
    })
    void namesWhatIsWrongWithAnInvalidCode(String code, CreditCode.Problem problem) {
        assertThat(CreditCode.problem(code)).contains(problem);
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @Test
    void detectsEverySingleCharacterTypo() {
        String valid = "91350100M000100Y43";
        for (int position = 0; position < 17; position++) {
            for (char replacement : CreditCode.CHARSET.toCharArray()) {
                if (replacement == valid.charAt(position)) {
                    continue;
                }
                String typo = valid.substring(0, position) + replacement + valid.substring(position + 1);
                assertThat(CreditCode.isValid(typo)).as(typo).isFalse();
            }
        }
    }

    @Test
    void refusesToComputeACheckForAWrongPrefix() {
        assertThatThrownBy(() -> CreditCode.checkCharacter("9135")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditCode.checkCharacter("91350100M000100I4")).isInstanceOf(IllegalArgumentException.class);
    }
}
