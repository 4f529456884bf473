package org.fangxin.protection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fangxin.protection.ClosureSource;
import org.fangxin.protection.ClosureStatus;
import org.junit.jupiter.api.Test;

class ClosureCaseTests {

    static final Instant OPENED = Instant.parse("2026-03-01T02:00:00Z");

    ClosureCase suspected() {
        return ClosureCase.open(UUID.randomUUID(), UUID.randomUUID(), ClosureSource.REPORTS, null, OPENED, "system");
    }

    @Test
    void opensSuspectedAndFrozen() {
        ClosureCase c = suspected();
        assertThat(c.status()).isEqualTo(ClosureStatus.SUSPECTED);
        assertThat(c.freezes()).isTrue();
        assertThat(c.decidable()).isTrue();
        assertThat(c.decidedAt()).isNull();
    }

    @Test
    void confirmingKeepsTheFreezeAndRecordsWhoAndWhen() {
        Instant at = OPENED.plus(Duration.ofHours(5));
        ClosureCase c = suspected().confirm("regulator-1", at, "store empty, landlord confirms");
        assertThat(c.status()).isEqualTo(ClosureStatus.CONFIRMED);
        assertThat(c.freezes()).isTrue();
        assertThat(c.decidedBy()).isEqualTo("regulator-1");
        assertThat(c.decidedAt()).isEqualTo(at);
        assertThat(c.decidable()).isFalse();
    }

    @Test
    void clearingLiftsTheFreeze() {
        ClosureCase c = suspected().clear("operator-1", OPENED.plusSeconds(60), "store open, renovation only");
        assertThat(c.status()).isEqualTo(ClosureStatus.CLEARED);
        assertThat(c.freezes()).isFalse();
    }

    @Test
    void decidesOnlyOnce() {
        ClosureCase confirmed = suspected().confirm("a", OPENED.plusSeconds(1), "evidence");
        assertThatThrownBy(() -> confirmed.clear("b", OPENED.plusSeconds(2), "evidence")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> confirmed.confirm("b", OPENED.plusSeconds(2), "evidence")).isInstanceOf(IllegalStateException.class);
        ClosureCase cleared = suspected().clear("a", OPENED.plusSeconds(1), "evidence");
        assertThatThrownBy(() -> cleared.confirm("b", OPENED.plusSeconds(2), "evidence")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesDecisionWithoutEvidence() {
        assertThatThrownBy(() -> suspected().confirm("a", OPENED.plusSeconds(1), " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> suspected().clear("a", OPENED.plusSeconds(1), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> suspected().clear("a", OPENED.plusSeconds(1), "x".repeat(ClosureCase.EVIDENCE_LENGTH_MAX + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDecisionBeforeOpening() {
        assertThatThrownBy(() -> suspected().confirm("a", OPENED.minusSeconds(1), "evidence"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecidedCaseHasADecisionTime() {
        assertThatThrownBy(() -> new ClosureCase(UUID.randomUUID(), UUID.randomUUID(), ClosureStatus.CONFIRMED,
                ClosureSource.MARKED, null, OPENED, "a", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void suspicionNeedsEnoughDistinctReportersInTheWindow() {
        SuspicionRule rule = new SuspicionRule(3, Duration.ofHours(72));
        assertThat(rule.suspected(2)).isFalse();
        assertThat(rule.suspected(3)).isTrue();
        Instant now = OPENED.plus(Duration.ofDays(10));
        assertThat(rule.countFrom(now, null)).isEqualTo(now.minus(Duration.ofHours(72)));
        // Reports before a clearing do not count again.
        Instant cleared = now.minus(Duration.ofHours(1));
        assertThat(rule.countFrom(now, cleared)).isEqualTo(cleared);
        assertThat(rule.countFrom(now, now.minus(Duration.ofDays(5)))).isEqualTo(now.minus(Duration.ofHours(72)));
        assertThatThrownBy(() -> new SuspicionRule(0, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SuspicionRule(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passesStopEarningAtTheFreezeOrAtTheClosingDateTheCaseNames() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        assertThat(suspected().earningStopsAt(shanghai)).as("no date: the freeze").isEqualTo(OPENED);
        assertThat(suspected().confirm("op", OPENED.plus(Duration.ofDays(9)), "gone").earningStopsAt(shanghai))
                .as("confirmed later: still the freeze").isEqualTo(OPENED);

        java.time.LocalDate closingOn = java.time.LocalDate.of(2026, 4, 1);
        ClosureCase announced = ClosureCase.open(UUID.randomUUID(), UUID.randomUUID(), ClosureSource.ANNOUNCED, closingOn,
                OPENED, "owner");
        Instant closing = closingOn.atStartOfDay(shanghai).toInstant();
        assertThat(announced.earningStopsAt(shanghai)).as("the shop serves until its closing date").isEqualTo(closing);
        Instant early = OPENED.plus(Duration.ofDays(3));
        assertThat(announced.confirm("op", early, "left early").earningStopsAt(shanghai))
                .as("confirmed closed before the date").isEqualTo(early);
    }
}
