package org.fangxin.card.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The days a card may be used, {@code from} to {@code until} inclusive, in the card's zone. */
public record Validity(LocalDate from, LocalDate until) {

    public Validity {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("validity " + from + ".." + until);
        }
    }

    /** How many days the card runs, both ends counted. */
    public long days() {
        return ChronoUnit.DAYS.between(from, until) + 1;
    }

    /** Days from the first one through {@code day} (inclusive), between 0 and {@link #days()}. */
    public long elapsedThrough(LocalDate day) {
        if (day.isBefore(from)) {
            return 0;
        }
        return ChronoUnit.DAYS.between(from, day.isAfter(until) ? until : day) + 1;
    }

    public boolean includes(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }

    /** True once {@code day} is after the last valid day. */
    public boolean endedBy(LocalDate day) {
        return day.isAfter(until);
    }
}
