package org.fangxin.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An operator listed, changed or unlisted a day: deadlines counted across it may now end on another day (complaint
 * deadlines are recounted). {@code kind} is what the day is listed as now, null when unlisted.
 */
public record WorkingDayChanged(LocalDate day, DayKind kind, Instant at) { }
