package org.fangxin.calendar;

import java.time.Instant;
import java.time.LocalDate;

/** One listed day of the calendar, with who last changed it. */
public record CalendarDay(LocalDate day, DayKind kind, String name, String changedBy, Instant changedAt) { }
