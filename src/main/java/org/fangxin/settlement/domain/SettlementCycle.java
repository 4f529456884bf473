package org.fangxin.settlement.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.fangxin.settlement.SettlementFrequency;

/**
 * When a merchant is paid and for which period. DAILY pays on every business day (Monday to Friday) what was earned
 * before the start of that day in the merchant's zone, i.e. up to the end of the previous day: Monday's payout
 * includes the weekend (T+1 on business days). WEEKLY pays on its weekday what was earned before the start of that
 * day (the previous week). The cutoff is exclusive; anything unpaid from earlier periods is always included.
 * No holiday calendar yet: a public holiday on a weekday is treated as a business day.
 */
public record SettlementCycle(SettlementFrequency frequency, DayOfWeek payoutDay) {

    public static final SettlementCycle DAILY = new SettlementCycle(SettlementFrequency.DAILY, null);
    static final int SEARCH_DAYS_MAX = 7;

    public SettlementCycle {
        Objects.requireNonNull(frequency, "frequency");
        if ((frequency == SettlementFrequency.WEEKLY) != (payoutDay != null)) {
            throw new IllegalArgumentException("a payout weekday is given exactly for WEEKLY cycles");
        }
        if (payoutDay == DayOfWeek.SATURDAY || payoutDay == DayOfWeek.SUNDAY) {
            throw new IllegalArgumentException("payouts happen on business days, not " + payoutDay);
        }
    }

    public static SettlementCycle weekly(DayOfWeek payoutDay) {
        return new SettlementCycle(SettlementFrequency.WEEKLY, payoutDay);
    }

    /** Whether merchants of this cycle are paid on {@code date}. */
    public boolean paysOn(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return switch (frequency) {
            case DAILY -> day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
            case WEEKLY -> day == payoutDay;
        };
    }

    /** The exclusive end of what a payout on {@code settlementDate} covers; empty when the cycle does not pay then. */
    public Optional<Instant> cutoff(LocalDate settlementDate, ZoneId zone) {
        if (!paysOn(settlementDate)) {
            return Optional.empty();
        }
        return Optional.of(settlementDate.atStartOfDay(zone).toInstant());
    }

    /** The first settlement date on or after {@code from}. */
    public LocalDate nextSettlementDate(LocalDate from) {
        for (int i = 0; i < SEARCH_DAYS_MAX; i++) {
            if (paysOn(from.plusDays(i))) {
                return from.plusDays(i);
            }
        }
        throw new IllegalStateException("no settlement date within a week of " + from + " for " + this);
    }
}
