package org.fangxin.calendar;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** The 2026 holidays and adjusted working days of the State Council notice, as the migration seeds them. */
public final class Calendar2026 {

    private Calendar2026() {
    }

    public static WorkingDayCalendar calendar() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        holiday(days, "2026-01-01", "2026-01-03");
        holiday(days, "2026-02-15", "2026-02-23");
        holiday(days, "2026-04-04", "2026-04-06");
        holiday(days, "2026-05-01", "2026-05-05");
        holiday(days, "2026-06-19", "2026-06-21");
        holiday(days, "2026-09-25", "2026-09-27");
        holiday(days, "2026-10-01", "2026-10-07");
        for (String workday : new String[] {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
            days.put(LocalDate.parse(workday), DayKind.WORKDAY);
        }
        return new WorkingDayCalendar(days);
    }

    private static void holiday(Map<LocalDate, DayKind> days, String from, String to) {
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            days.put(d, DayKind.HOLIDAY);
        }
    }
}
