package org.fangxin.complaint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.fangxin.calendar.Calendar2026;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.FailureReason;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;

class CaseProgressTests {

    static final Schedule CHINA_2026 = new Schedule(DeadlineRules.DEFAULTS, Calendar2026.calendar());
    static final LocalDate FILED = LocalDate.of(2026, 9, 24);

    @Test
    void aSilentMerchantsCaseMovesOnAfterTenWorkingDaysAcrossTheNationalDayHoliday() {
        CaseProgress filed = CaseProgress.filed(FILED, CHINA_2026);
        assertThat(filed.openDeadline().orElseThrow().dueOn()).isEqualTo(LocalDate.of(2026, 10, 15));

        assertThatThrownBy(() -> filed.lapse(LocalDate.of(2026, 10, 15), false, CHINA_2026))
                .isInstanceOf(Rejection.class).hasMessageContaining("2026-10-15");
        CaseProgress platform = filed.lapse(LocalDate.of(2026, 10, 17), false, CHINA_2026);

        assertThat(platform.stage()).isEqualTo(ComplaintStage.PLATFORM_MEDIATION);
        // a late job run does not give extra days: counted from the missed deadline
        assertThat(platform.openDeadline().orElseThrow().startsOn()).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(platform.openDeadline().orElseThrow().dueOn()).isEqualTo(LocalDate.of(2026, 10, 29));
        assertThat(platform.deadlines()).hasSize(2);
        assertThat(platform.deadlines().get(0).closedOn()).isEqualTo(LocalDate.of(2026, 10, 17));
    }

    @Test
    void theConsumerEscalatesOnlyOnceTheMerchantRefusedOrItsDeadlinePassed() {
        CaseProgress filed = CaseProgress.filed(FILED, CHINA_2026);
        assertThatThrownBy(() -> filed.escalate(ComplaintStage.PLATFORM_MEDIATION, Party.CONSUMER, FILED.plusDays(1), CHINA_2026))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(CaseProgress.DEADLINE_NOT_PASSED));
        CaseProgress refused = filed.refusedByMerchant(Party.MERCHANT);
        assertThat(refused.escalate(ComplaintStage.PLATFORM_MEDIATION, Party.CONSUMER, FILED.plusDays(1), CHINA_2026).stage())
                .isEqualTo(ComplaintStage.PLATFORM_MEDIATION);
        assertThatThrownBy(() -> filed.escalate(ComplaintStage.ASSOCIATION_ACCEPTANCE, Party.CONSUMER, FILED.plusDays(60), CHINA_2026))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(CaseProgress.OUT_OF_STAGE));
    }

    @Test
    void onlyTheStagesHandlerAcceptsAndSilenceCountsAsAccepted() {
        CaseProgress association = CaseProgress.filed(FILED, CHINA_2026)
                .lapse(LocalDate.of(2026, 10, 16), false, CHINA_2026)
                .escalate(ComplaintStage.ASSOCIATION_ACCEPTANCE, Party.PLATFORM, LocalDate.of(2026, 10, 19), CHINA_2026);
        assertThatThrownBy(() -> association.accept(Party.REGULATOR, LocalDate.of(2026, 10, 19), CHINA_2026))
                .isInstanceOf(Rejection.class);
        assertThat(association.openDeadline().orElseThrow().dueOn()).isEqualTo(LocalDate.of(2026, 10, 28));
        CaseProgress deemed = association.lapse(LocalDate.of(2026, 10, 29), false, CHINA_2026);
        assertThat(deemed.stage()).isEqualTo(ComplaintStage.ASSOCIATION_MEDIATION);
        assertThat(deemed.openDeadline().orElseThrow().dueOn()).isEqualTo(CHINA_2026.calendar()
                .plusWorkingDays(LocalDate.of(2026, 10, 28), 45));
    }

    @Test
    void mediationFailsWhenItsDeadlinePassesOrTheMediatorEndsIt() {
        CaseProgress mediation = CaseProgress.filed(FILED, CHINA_2026)
                .lapse(LocalDate.of(2026, 10, 16), false, CHINA_2026)
                .escalate(ComplaintStage.REGULATOR_ACCEPTANCE, Party.PLATFORM, LocalDate.of(2026, 10, 19), CHINA_2026)
                .accept(Party.REGULATOR, LocalDate.of(2026, 10, 20), CHINA_2026);
        CaseProgress ended = mediation.fail(Party.REGULATOR, LocalDate.of(2026, 11, 2));
        assertThat(ended.outcome()).isEqualTo(ComplaintOutcome.MEDIATION_FAILED);
        assertThat(ended.failure()).isEqualTo(FailureReason.ENDED_BY_MEDIATOR);
        assertThat(ended.openDeadline()).isEmpty();
        assertThatThrownBy(() -> mediation.fail(Party.DEADLINE, LocalDate.of(2026, 11, 2))).isInstanceOf(Rejection.class);
        LocalDate due = mediation.openDeadline().orElseThrow().dueOn();
        assertThat(mediation.lapse(due.plusDays(1), false, CHINA_2026).failure()).isEqualTo(FailureReason.MEDIATION_TIME_ELAPSED);
    }

    @Test
    void anAgreementNotCarriedOutInTimeFailsTheMediation() {
        CaseProgress performing = CaseProgress.filed(FILED, CHINA_2026).agree(Party.CONSUMER, FILED.plusDays(1), CHINA_2026);
        assertThat(performing.stage()).isEqualTo(ComplaintStage.PERFORMANCE);
        LocalDate due = performing.openDeadline().orElseThrow().dueOn();
        assertThat(performing.lapse(due.plusDays(1), false, CHINA_2026).failure()).isEqualTo(FailureReason.AGREEMENT_NOT_PERFORMED);
        assertThat(performing.lapse(due.plusDays(1), true, CHINA_2026).outcome()).isEqualTo(ComplaintOutcome.AGREEMENT_PERFORMED);
        assertThatThrownBy(() -> performing.withdraw(Party.CONSUMER, due)).isInstanceOf(Rejection.class);
    }

    @Test
    void aHolidayListedInsideTheCountPushesTheDeadlineBack() {
        CaseProgress filed = CaseProgress.filed(LocalDate.of(2026, 3, 2), CHINA_2026);
        assertThat(filed.openDeadline().orElseThrow().dueOn()).isEqualTo(LocalDate.of(2026, 3, 16));
        var days = new java.util.HashMap<>(CHINA_2026.calendar().exceptions());
        days.put(LocalDate.of(2026, 3, 10), org.fangxin.calendar.DayKind.HOLIDAY);
        CaseProgress recounted = filed.recount(new org.fangxin.calendar.WorkingDayCalendar(days));
        assertThat(recounted.openDeadline().orElseThrow().dueOn()).isEqualTo(LocalDate.of(2026, 3, 17));
    }
}
