package org.fangxin.refund.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * A working-day calendar: Monday to Friday except listed public holidays (make-up working weekends, 调休, are not
 * modelled yet). Used for the merchant's contest deadline.
 */
public record WorkingDays(Set<LocalDate> holidays) {

    public static final int DAYS_MAX = 366;

    public WorkingDays {
        holidays = Set.copyOf(holidays);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The day {@code count} working days after {@code start} (start itself never counts). */
    public LocalDate plus(LocalDate start, int count) {
        if (count < 0 || count > DAYS_MAX) {
            throw new IllegalArgumentException("working days must be within 0.." + DAYS_MAX + ": " + count);
        }
        LocalDate day = start;
        int counted = 0;
        for (int guard = 0; counted < count; guard++) {
            if (guard > DAYS_MAX * 3) {
                throw new IllegalStateException("no working days found after " + start);
            }
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
