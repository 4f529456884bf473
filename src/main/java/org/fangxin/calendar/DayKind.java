package org.fangxin.calendar;

/** How a listed day differs from the Monday-to-Friday week. */
public enum DayKind {
    /** A public holiday (or a day off moved into a holiday): never a working day, even on a weekday. */
    HOLIDAY,
    /** An adjusted working day (调休): a working day, even on a Saturday or Sunday. */
    WORKDAY
}
