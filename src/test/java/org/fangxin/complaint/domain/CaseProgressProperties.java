package org.fangxin.complaint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.calendar.DayKind;
import org.fangxin.calendar.WorkingDayCalendar;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever the sequence of replies, escalations, acceptances, agreements, waiting, deadline-job runs and calendar
 * changes (holidays listed or unlisted by operators), and whoever tries each step: a case has exactly one open
 * deadline until it is closed and none after, that deadline belongs to the current stage, and every deadline it ever
 * had fell on a working day of the calendar it was counted in. Steps the workflow refuses change nothing.
 */
class CaseProgressProperties {

    static final LocalDate START = LocalDate.of(2026, 1, 5);

    enum Kind { WAIT, LAPSE, REFUSE, ESCALATE_PLATFORM, FORWARD_ASSOCIATION, FORWARD_REGULATOR, ACCEPT, DECLINE, AGREE,
        PERFORM, FAIL, WITHDRAW, LIST_HOLIDAY, LIST_WORKDAY, UNLIST }

    record Step(Kind kind, Party party, int days) { }

    static Gen<Step> steps() {
        return Generate.enumValues(Kind.class).zip(Generate.enumValues(Party.class), integers().between(0, 40), Step::new);
    }

    static Gen<Map<LocalDate, DayKind>> holidays() {
        return lists().of(integers().between(0, 500)).ofSizeBetween(0, 80).map(offsets -> {
            Map<LocalDate, DayKind> days = new HashMap<>();
            offsets.forEach(o -> days.put(START.plusDays(o), o % 7 == 0 ? DayKind.WORKDAY : DayKind.HOLIDAY));
            return days;
        });
    }

    @Test
    void aCaseHasExactlyOneOpenDeadlineOnAWorkingDayUntilItIsClosed() {
        qt().withExamples(1_000).forAll(holidays(), lists().of(steps()).ofSizeBetween(1, 60), Generate.range(1, 30))
                .checkAssert((initial, steps, negotiationDays) -> run(new HashMap<>(initial), steps, negotiationDays));
    }

    private static void run(Map<LocalDate, DayKind> days, List<Step> steps, int negotiationDays) {
        DeadlineRules rules = new DeadlineRules(negotiationDays, 10, 7, 45, 10, 7);
        LocalDate today = START;
        Schedule schedule = new Schedule(rules, new WorkingDayCalendar(days));
        CaseProgress progress = CaseProgress.filed(today, schedule);
        check(progress, schedule.calendar());
        for (Step step : steps) {
            if (step.kind() == Kind.WAIT) {
                today = today.plusDays(step.days());
                continue;
            }
            if (step.kind() == Kind.LIST_HOLIDAY || step.kind() == Kind.LIST_WORKDAY || step.kind() == Kind.UNLIST) {
                LocalDate day = today.plusDays(step.days());
                if (step.kind() == Kind.UNLIST) {
                    days.remove(day);
                } else {
                    days.put(day, step.kind() == Kind.LIST_HOLIDAY ? DayKind.HOLIDAY : DayKind.WORKDAY);
                }
                schedule = new Schedule(rules, new WorkingDayCalendar(days));
                progress = progress.recount(schedule.calendar()); // what the complaint module does on WorkingDayChanged
                check(progress, schedule.calendar());
                continue;
            }
            CaseProgress before = progress;
            try {
                progress = apply(progress, step, today, schedule);
            } catch (Rejection refused) {
                assertThat(progress).isSameAs(before);
            }
            check(progress, schedule.calendar());
        }
    }

    private static CaseProgress apply(CaseProgress p, Step step, LocalDate today, Schedule schedule) {
        return switch (step.kind()) {
            case LAPSE -> p.lapse(today, step.days() % 2 == 0, schedule);
            case REFUSE -> p.refusedByMerchant(step.party());
            case ESCALATE_PLATFORM -> p.escalate(ComplaintStage.PLATFORM_MEDIATION, step.party(), today, schedule);
            case FORWARD_ASSOCIATION -> p.escalate(ComplaintStage.ASSOCIATION_ACCEPTANCE, step.party(), today, schedule);
            case FORWARD_REGULATOR -> p.escalate(ComplaintStage.REGULATOR_ACCEPTANCE, step.party(), today, schedule);
            case ACCEPT -> p.accept(step.party(), today, schedule);
            case DECLINE -> p.decline(step.party(), today);
            case AGREE -> p.agree(step.party(), today, schedule);
            case PERFORM -> p.performed(step.party(), today);
            case FAIL -> p.fail(step.party(), today);
            case WITHDRAW -> p.withdraw(step.party(), today);
            default -> throw new IllegalStateException(step.kind().name());
        };
    }

    /** The property, checked after every step. */
    private static void check(CaseProgress p, WorkingDayCalendar calendar) {
        long open = p.deadlines().stream().filter(Deadline::open).count();
        assertThat(open).as("open deadlines in " + p.stage()).isEqualTo(p.stage().open() ? 1 : 0);
        assertThat(p.openDeadline().map(Deadline::stage).orElse(ComplaintStage.CLOSED)).isEqualTo(p.stage());
        p.openDeadline().ifPresent(d -> assertThat(calendar.isWorkingDay(d.dueOn()))
                .as("open deadline due " + d.dueOn() + " is a working day").isTrue());
        for (Deadline d : p.deadlines()) {
            assertThat(d.dueOn()).isAfter(d.startsOn());
            assertThat(d.open() || !d.closedOn().isBefore(d.startsOn())).isTrue();
        }
    }
}
