package org.fangxin.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * A working-day calendar as a value: Monday to Friday work, Saturday and Sunday do not, except the listed days — a
 * {@link DayKind#HOLIDAY} never works, a {@link DayKind#WORKDAY} (调休) always does. Pure and immutable, so deadlines
 * can be computed and property-tested without a database.
 */
public record WorkingDayCalendar(Map<LocalDate, DayKind> exceptions) {

    /** The most working days one step may count (a year). */
    public static final int WORKING_DAYS_MAX = 366;
    /** How far a search for working days may scan before the calendar is declared broken (no working days at all). */
    static final int SCAN_DAYS_MAX = WORKING_DAYS_MAX * 4;

    /** Plain Monday-to-Friday weeks, no holidays. */
    public static final WorkingDayCalendar WEEKDAYS = new WorkingDayCalendar(Map.of());

    public WorkingDayCalendar {
        exceptions = Map.copyOf(Objects.requireNonNull(exceptions, "exceptions"));
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind listed = exceptions.get(day);
        if (listed != null) {
            return listed == DayKind.WORKDAY;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /**
     * The day on which {@code count} working days after {@code start} have passed: {@code start} itself never counts,
     * so the answer is always a working day after {@code start} (or {@code start} itself when {@code count} is 0).
     */
    public LocalDate plusWorkingDays(LocalDate start, int count) {
        Objects.requireNonNull(start, "start");
        if (count < 0 || count > WORKING_DAYS_MAX) {
            throw new IllegalArgumentException("working days must be within 0.." + WORKING_DAYS_MAX + ": " + count);
        }
        LocalDate day = start;
        int counted = 0;
        for (int scanned = 0; counted < count; scanned++) {
            if (scanned > SCAN_DAYS_MAX) {
                throw new IllegalStateException("the calendar has no working days after " + start);
            }
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Working days after {@code from} up to and including {@code to} (0 when {@code to} is not after {@code from}). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        if (from.plusDays(SCAN_DAYS_MAX).isBefore(to)) {
            throw new IllegalArgumentException("at most " + SCAN_DAYS_MAX + " days apart: " + from + " .. " + to);
        }
        int counted = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return counted;
    }
}
