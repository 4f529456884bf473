package org.fangxin.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTests {

    static final WorkingDays CALENDAR = new WorkingDays(Set.of(LocalDate.of(2026, 4, 6)));

    @ParameterizedTest
    @CsvSource({
            "2026-03-02, 3, 2026-03-05",   // Monday + 3 → Thursday
            "2026-03-05, 3, 2026-03-10",   // Thursday + 3 skips the weekend → Tuesday
            "2026-03-07, 1, 2026-03-09",   // Saturday + 1 → Monday
            "2026-04-03, 1, 2026-04-07",   // Friday + 1 skips the weekend and the holiday (Qingming, Monday)
            "2026-03-02, 0, 2026-03-02"})
    void countsWorkingDaysSkippingWeekendsAndHolidays(LocalDate start, int days, LocalDate expected) {
        assertThat(CALENDAR.plus(start, days)).isEqualTo(expected);
    }
}
