package org.fangxin.calendar;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Whatever days are listed, counting working days lands on a working day and counts back to the same number. */
class WorkingDayCalendarProperties {

    static final LocalDate ORIGIN = LocalDate.of(2026, 1, 1);

    /** Random holidays and adjusted working days over two years (day offsets from 2026-01-01). */
    static Gen<WorkingDayCalendar> calendars() {
        Gen<List<Integer>> holidays = lists().of(integers().between(0, 730)).ofSizeBetween(0, 120);
        Gen<List<Integer>> workdays = lists().of(integers().between(0, 730)).ofSizeBetween(0, 30);
        return holidays.zip(workdays, (h, w) -> {
            Map<LocalDate, DayKind> days = new HashMap<>();
            h.forEach(offset -> days.put(ORIGIN.plusDays(offset), DayKind.HOLIDAY));
            w.forEach(offset -> days.put(ORIGIN.plusDays(offset), DayKind.WORKDAY));
            return new WorkingDayCalendar(days);
        });
    }

    @Test
    void theDueDayIsAWorkingDayThatCountsBackToTheSameNumber() {
        qt().withExamples(500).forAll(calendars(), integers().between(0, 400), Generate.range(0, 90))
                .checkAssert((calendar, startOffset, count) -> {
                    LocalDate start = ORIGIN.plusDays(startOffset);
                    LocalDate due = calendar.plusWorkingDays(start, count);
                    org.assertj.core.api.Assertions.assertThat(calendar.workingDaysBetween(start, due)).isEqualTo(count);
                    if (count > 0) {
                        org.assertj.core.api.Assertions.assertThat(calendar.isWorkingDay(due)).isTrue();
                        org.assertj.core.api.Assertions.assertThat(due).isAfter(start);
                    } else {
                        org.assertj.core.api.Assertions.assertThat(due).isEqualTo(start);
                    }
                });
    }

    @Test
    void oneMoreWorkingDayIsTheNextWorkingDay() {
        qt().withExamples(300).forAll(calendars(), integers().between(0, 400), Generate.range(1, 60))
                .checkAssert((calendar, startOffset, count) -> {
                    LocalDate start = ORIGIN.plusDays(startOffset);
                    LocalDate before = calendar.plusWorkingDays(start, count - 1);
                    LocalDate due = calendar.plusWorkingDays(start, count);
                    for (LocalDate d = before.plusDays(1); d.isBefore(due); d = d.plusDays(1)) {
                        org.assertj.core.api.Assertions.assertThat(calendar.isWorkingDay(d)).as("skipped " + d).isFalse();
                    }
                });
    }
}
