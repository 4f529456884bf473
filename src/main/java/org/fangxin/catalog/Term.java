package org.fangxin.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;
import java.util.Objects;

/** A span counted from the day of purchase: the pass period, or how long sessions or stored value stay usable. */
public record Term(@Positive @Max(3650) int count, @NotNull Unit unit) {

    public enum Unit { DAYS, MONTHS }

    public Term {
        Objects.requireNonNull(unit, "unit");
    }

    public static Term months(int count) {
        return new Term(count, Unit.MONTHS);
    }

    public static Term days(int count) {
        return new Term(count, Unit.DAYS);
    }

    /** The last day the card is usable when bought on {@code start}. */
    public LocalDate lastDayFrom(LocalDate start) {
        LocalDate end = unit == Unit.MONTHS ? start.plusMonths(count) : start.plusDays(count);
        return end.minusDays(1);
    }

    @Override
    public String toString() {
        return count + " " + unit;
    }
}
