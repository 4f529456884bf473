package org.fangxin.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTests {

    static final WorkingDayCalendar CHINA_2026 = Calendar2026.calendar();

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            // across Mid-Autumn and National Day: Sep 25-27 and Oct 1-7 off, Saturday Oct 10 worked
            "2026-09-24, 10, 2026-10-15",
            // the adjusted Sunday Sep 20 counts
            "2026-09-18, 2, 2026-09-21",
            // Spring Festival: Saturday Feb 14 worked, Feb 15-23 off
            "2026-02-13, 1, 2026-02-14",
            "2026-02-14, 1, 2026-02-24",
            // New Year: Jan 1-3 off, Sunday Jan 4 worked
            "2025-12-31, 1, 2026-01-04",
            // Labour Day: May 1-5 off
            "2026-04-30, 1, 2026-05-06",
            // 45 working days of mediation from Oct 15
            "2026-10-15, 45, 2026-12-17",
            // a plain week
            "2026-03-06, 5, 2026-03-13",
            "2026-03-06, 0, 2026-03-06"
    })
    void countsWorkingDaysOfThe2026Calendar(LocalDate from, int count, LocalDate due) {
        assertThat(CHINA_2026.plusWorkingDays(from, count)).isEqualTo(due);
        assertThat(CHINA_2026.workingDaysBetween(from, due)).isEqualTo(count);
    }

    @Test
    void listedDaysOverrideTheWeek() {
        assertThat(CHINA_2026.isWorkingDay(LocalDate.parse("2026-10-01"))).as("Thursday, National Day").isFalse();
        assertThat(CHINA_2026.isWorkingDay(LocalDate.parse("2026-10-10"))).as("Saturday, adjusted working day").isTrue();
        assertThat(CHINA_2026.isWorkingDay(LocalDate.parse("2026-10-11"))).as("Sunday").isFalse();
        assertThat(CHINA_2026.isWorkingDay(LocalDate.parse("2026-10-12"))).as("Monday").isTrue();
    }

    @Test
    void refusesCountsOutsideItsLimitAndACalendarWithoutWorkingDays() {
        assertThatThrownBy(() -> CHINA_2026.plusWorkingDays(LocalDate.parse("2026-01-01"), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CHINA_2026.plusWorkingDays(LocalDate.parse("2026-01-01"), 367))
                .isInstanceOf(IllegalArgumentException.class);
        Map<LocalDate, DayKind> allOff = new java.util.HashMap<>();
        for (LocalDate d = LocalDate.parse("2026-01-01"); d.isBefore(LocalDate.parse("2032-01-01")); d = d.plusDays(1)) {
            allOff.put(d, DayKind.HOLIDAY);
        }
        assertThatThrownBy(() -> new WorkingDayCalendar(allOff).plusWorkingDays(LocalDate.parse("2026-01-01"), 1))
                .isInstanceOf(IllegalStateException.class);
    }
}
