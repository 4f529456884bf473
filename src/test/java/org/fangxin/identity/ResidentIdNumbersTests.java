package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ResidentIdNumbersTests {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    /** A valid number with a random birth date and sequence (the check character computed). */
    static String valid() {
        var random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000));
        String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        return first17 + ResidentIdNumbers.checkChar(first17);
    }

    @Test
    void acceptsThePublishedExampleWithCheckCharacterX() {
        assertThat(ResidentIdNumbers.checkChar("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumbers.problem("11010519491231002X", TODAY)).isEmpty();
        assertThat(ResidentIdNumbers.normalise(" 11010519491231002x ")).isEqualTo("11010519491231002X");
    }

    @Test
    void acceptsNumbersWhoseCheckCharacterIsComputed() {
        for (int i = 0; i < 200; i++) {
            String number = valid();
            assertThat(ResidentIdNumbers.problem(number, TODAY)).as(number).isEmpty();
        }
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        String number = valid();
        char wrong = number.charAt(17) == '0' ? '1' : '0';
        assertThat(ResidentIdNumbers.problem(number.substring(0, 17) + wrong, TODAY)).get().asString().contains("check character");
    }

    @Test
    void rejectsAnyChangedDigit() {
        String number = valid();
        for (int position = 14; position < 17; position++) {
            char digit = number.charAt(position);
            String changed = number.substring(0, position) + (char) ('0' + (digit - '0' + 1) % 10) + number.substring(position + 1);
            assertThat(ResidentIdNumbers.problem(changed, TODAY)).as(changed).isPresent();
        }
    }

    @Test
    void rejectsImpossibleOrFutureBirthDates() {
        for (String birth : new String[] {"19900230", "19901301", "20270101", "18991231", "20230229"}) {
            String first17 = "110105" + birth + "123";
            String number = first17 + ResidentIdNumbers.checkChar(first17);
            assertThat(ResidentIdNumbers.problem(number, TODAY)).as(birth).get().asString().contains("birth date");
        }
        String leapDay = "110105" + "20240229" + "123";
        assertThat(ResidentIdNumbers.problem(leapDay + ResidentIdNumbers.checkChar(leapDay), TODAY)).isEmpty();
    }

    @Test
    void rejectsWrongShapes() {
        for (String bad : new String[] {"", "1101051949123100", "11010519491231002XX", "X1010519491231002X", "1101051949123100A2",
                "01010519491231002X"}) {
            assertThat(ResidentIdNumbers.problem(bad, TODAY)).as(bad).isPresent();
        }
    }

    @Test
    void masksAllButTheFirstAndLastFour() {
        assertThat(ResidentIdNumbers.mask("11010519491231002X")).isEqualTo("1101**********002X");
    }
}
