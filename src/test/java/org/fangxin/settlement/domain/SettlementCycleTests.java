package org.fangxin.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.fangxin.settlement.SettlementFrequency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettlementCycleTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest
    @CsvSource({
            // date,       zone,            cutoff (exclusive end of what is paid)
            "2026-03-03, Asia/Shanghai,    2026-03-02T16:00:00Z",   // Tuesday pays Monday
            "2026-03-09, Asia/Shanghai,    2026-03-08T16:00:00Z",   // Monday pays Friday, Saturday and Sunday
            "2026-03-03, UTC,              2026-03-03T00:00:00Z",
            "2026-03-03, America/New_York, 2026-03-03T05:00:00Z",
            "2026-03-10, America/New_York, 2026-03-10T04:00:00Z",   // after the DST switch of 2026-03-08
    })
    void dailyPaysOnABusinessDayWhatWasEarnedBeforeItStartedInTheMerchantsZone(LocalDate date, ZoneId zone, Instant cutoff) {
        assertThat(SettlementCycle.DAILY.cutoff(date, zone)).contains(cutoff);
    }

    @ParameterizedTest
    @CsvSource({"2026-03-07", "2026-03-08"})
    void dailyDoesNotPayOnWeekends(LocalDate weekend) {
        assertThat(SettlementCycle.DAILY.paysOn(weekend)).isFalse();
        assertThat(SettlementCycle.DAILY.cutoff(weekend, SHANGHAI)).isEmpty();
        assertThat(SettlementCycle.DAILY.nextSettlementDate(weekend)).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    void weeklyPaysOnItsWeekdayThePreviousWeek() {
        SettlementCycle weekly = SettlementCycle.weekly(DayOfWeek.MONDAY);
        assertThat(weekly.cutoff(LocalDate.of(2026, 3, 9), SHANGHAI)).contains(Instant.parse("2026-03-08T16:00:00Z"));
        for (int day = 10; day <= 15; day++) {
            assertThat(weekly.cutoff(LocalDate.of(2026, 3, day), SHANGHAI)).as("2026-03-%d", day).isEmpty();
        }
        assertThat(weekly.nextSettlementDate(LocalDate.of(2026, 3, 10))).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(weekly.nextSettlementDate(LocalDate.of(2026, 3, 16))).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(SettlementCycle.weekly(DayOfWeek.FRIDAY).cutoff(LocalDate.of(2026, 3, 13), ZoneId.of("UTC")))
                .contains(Instant.parse("2026-03-13T00:00:00Z"));
    }

    @Test
    void refusesInconsistentCycles() {
        assertThatThrownBy(() -> new SettlementCycle(SettlementFrequency.WEEKLY, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SettlementCycle(SettlementFrequency.DAILY, DayOfWeek.MONDAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementCycle.weekly(DayOfWeek.SUNDAY)).isInstanceOf(IllegalArgumentException.class);
    }
}
