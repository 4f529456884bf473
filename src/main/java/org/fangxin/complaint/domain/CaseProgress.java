package org.fangxin.complaint.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fangxin.calendar.WorkingDayCalendar;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.FailureReason;
import org.fangxin.complaint.Mediator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;

/**
 * The workflow of one complaint: its stage, how it ended, and every deadline it had. Each transition closes the open
 * deadline and opens the next stage's, so an open case has exactly one open deadline (the last) and a closed case
 * none — checked on every construction. A step out of stage, or by a party who may not take it, is refused
 * ({@link #OUT_OF_STAGE}); a step that waits for a deadline before it passes is refused ({@link #DEADLINE_NOT_PASSED}).
 */
public record CaseProgress(ComplaintStage stage, ComplaintOutcome outcome, FailureReason failure, boolean merchantRefused,
                           List<Deadline> deadlines) {

    public static final ProblemType OUT_OF_STAGE = new ProblemType("complaint-action-out-of-stage", 409);
    public static final ProblemType DEADLINE_NOT_PASSED = new ProblemType("complaint-deadline-not-passed", 409);

    public CaseProgress {
        deadlines = List.copyOf(deadlines);
        long open = deadlines.stream().filter(Deadline::open).count();
        if (stage.open() != (outcome == null) || (failure != null) != (outcome == ComplaintOutcome.MEDIATION_FAILED)) {
            throw new IllegalArgumentException("stage " + stage + " with outcome " + outcome + " and failure " + failure);
        }
        if (open != (stage.open() ? 1 : 0)) {
            throw new IllegalStateException(stage + " with " + open + " open deadlines");
        }
        if (stage.open() && deadlines.get(deadlines.size() - 1).stage() != stage) {
            throw new IllegalStateException("the open deadline belongs to " + deadlines.get(deadlines.size() - 1).stage());
        }
    }

    /** A new complaint: the merchant negotiates first. */
    public static CaseProgress filed(LocalDate today, Schedule schedule) {
        return new CaseProgress(ComplaintStage.MERCHANT_NEGOTIATION, null, null, false,
                List.of(schedule.open(ComplaintStage.MERCHANT_NEGOTIATION, today)));
    }

    public Optional<Deadline> openDeadline() {
        return stage.open() ? Optional.of(deadlines.get(deadlines.size() - 1)) : Optional.empty();
    }

    /**
     * Moves the case up: the consumer may once the merchant refused or its deadline passed (and from platform mediation
     * once that deadline passed); the platform may send a case on to the association or regulator at any time; the
     * deadline job does when the deadline passed (always to the association).
     */
    public CaseProgress escalate(ComplaintStage to, Party by, LocalDate today, Schedule schedule) {
        boolean target = switch (stage) {
            case MERCHANT_NEGOTIATION -> to == ComplaintStage.PLATFORM_MEDIATION;
            case PLATFORM_MEDIATION -> to == ComplaintStage.ASSOCIATION_ACCEPTANCE || to == ComplaintStage.REGULATOR_ACCEPTANCE;
            default -> false;
        };
        require(target, "a case in " + stage + " is not escalated to " + to);
        boolean passed = deadlinePassed(today);
        boolean allowed = switch (by) {
            case CONSUMER -> passed || (stage == ComplaintStage.MERCHANT_NEGOTIATION && merchantRefused);
            case PLATFORM -> stage == ComplaintStage.PLATFORM_MEDIATION;
            case DEADLINE -> passed && (stage == ComplaintStage.MERCHANT_NEGOTIATION || to == ComplaintStage.ASSOCIATION_ACCEPTANCE);
            default -> false;
        };
        if (!allowed && (by == Party.CONSUMER || by == Party.DEADLINE)) {
            throw new Rejection(DEADLINE_NOT_PASSED, "the " + stage + " deadline is " + openDeadline().orElseThrow().dueOn()
                    + ": the case may be escalated after it (or once the merchant refused)");
        }
        require(allowed, by + " may not escalate a case in " + stage);
        return moveTo(to, by, today, schedule);
    }

    /** The association or regulator accepts the case (or the deadline job deems it accepted): mediation starts. */
    public CaseProgress accept(Party by, LocalDate today, Schedule schedule) {
        require(stage.acceptance() && (handles(by) || (by == Party.DEADLINE && deadlinePassed(today))),
                by + " may not accept a case in " + stage);
        ComplaintStage mediation = stage == ComplaintStage.ASSOCIATION_ACCEPTANCE ? ComplaintStage.ASSOCIATION_MEDIATION
                : ComplaintStage.REGULATOR_MEDIATION;
        return moveTo(mediation, by, today, schedule);
    }

    /** The association or regulator declines the case: it ends NOT_ACCEPTED. */
    public CaseProgress decline(Party by, LocalDate today) {
        require(stage.acceptance() && handles(by), by + " may not decline a case in " + stage);
        return close(ComplaintOutcome.NOT_ACCEPTED, null, today);
    }

    /** The merchant says no in negotiation: the consumer may escalate at once. */
    public CaseProgress refusedByMerchant(Party by) {
        require(stage == ComplaintStage.MERCHANT_NEGOTIATION && by == Party.MERCHANT,
                by + " may not refuse in " + stage);
        return new CaseProgress(stage, null, null, true, deadlines);
    }

    /** Both parties accepted a proposed agreement: the platform carries it out within the performance deadline. */
    public CaseProgress agree(Party by, LocalDate today, Schedule schedule) {
        require(stage.negotiable() && (by == Party.CONSUMER || by == Party.MERCHANT),
                "an agreement is accepted by the parties during negotiation or mediation, not in " + stage);
        return moveTo(ComplaintStage.PERFORMANCE, by, today, schedule);
    }

    /** The agreement was carried out (refund or compensation paid, or service confirmed): the case ends upheld. */
    public CaseProgress performed(Party by, LocalDate today) {
        require(stage == ComplaintStage.PERFORMANCE && (by == Party.CONSUMER || by == Party.PLATFORM || by == Party.DEADLINE),
                by + " may not close a case in " + stage + " as performed");
        return close(ComplaintOutcome.AGREEMENT_PERFORMED, null, today);
    }

    /**
     * Mediation fails: the association or regulator ends its mediation, or the deadline job finds the mediation or the
     * performance deadline passed.
     */
    public CaseProgress fail(Party by, LocalDate today) {
        boolean passed = deadlinePassed(today);
        FailureReason reason;
        if (stage.externalMediation() && handles(by)) {
            reason = FailureReason.ENDED_BY_MEDIATOR;
        } else if (stage.externalMediation() && by == Party.DEADLINE && passed) {
            reason = FailureReason.MEDIATION_TIME_ELAPSED;
        } else if (stage == ComplaintStage.PERFORMANCE && by == Party.DEADLINE && passed) {
            reason = FailureReason.AGREEMENT_NOT_PERFORMED;
        } else {
            throw new Rejection(OUT_OF_STAGE, by + " may not end a case in " + stage + " as failed");
        }
        return close(ComplaintOutcome.MEDIATION_FAILED, reason, today);
    }

    /** The consumer withdraws the complaint (not while an agreement is being carried out). */
    public CaseProgress withdraw(Party by, LocalDate today) {
        require(by == Party.CONSUMER && stage.open() && stage != ComplaintStage.PERFORMANCE,
                by + " may not withdraw a case in " + stage);
        return close(ComplaintOutcome.WITHDRAWN, null, today);
    }

    /**
     * What the deadline job does once the open deadline passed: escalate, deem accepted, fail the mediation, or — in
     * PERFORMANCE — close it as performed when {@code performedAsAgreed} (service reported resumed, consumer silent),
     * else fail it.
     */
    public CaseProgress lapse(LocalDate today, boolean performedAsAgreed, Schedule schedule) {
        if (!stage.open()) {
            throw new Rejection(OUT_OF_STAGE, "a closed case has no deadline");
        }
        if (!deadlinePassed(today)) {
            throw new Rejection(DEADLINE_NOT_PASSED, "the deadline is " + openDeadline().orElseThrow().dueOn());
        }
        return switch (stage) {
            case MERCHANT_NEGOTIATION -> escalate(ComplaintStage.PLATFORM_MEDIATION, Party.DEADLINE, today, schedule);
            case PLATFORM_MEDIATION -> escalate(ComplaintStage.ASSOCIATION_ACCEPTANCE, Party.DEADLINE, today, schedule);
            case ASSOCIATION_ACCEPTANCE, REGULATOR_ACCEPTANCE -> accept(Party.DEADLINE, today, schedule);
            case ASSOCIATION_MEDIATION, REGULATOR_MEDIATION -> fail(Party.DEADLINE, today);
            case PERFORMANCE -> performedAsAgreed ? performed(Party.DEADLINE, today) : fail(Party.DEADLINE, today);
            case CLOSED -> throw new IllegalStateException("unreachable");
        };
    }

    /** The open deadline counted again in a changed calendar (it keeps its start and number of working days). */
    public CaseProgress recount(WorkingDayCalendar calendar) {
        if (!stage.open()) {
            return this;
        }
        List<Deadline> all = new ArrayList<>(deadlines.subList(0, deadlines.size() - 1));
        all.add(deadlines.get(deadlines.size() - 1).recount(calendar));
        return new CaseProgress(stage, null, null, merchantRefused, all);
    }

    public boolean deadlinePassed(LocalDate today) {
        return openDeadline().map(d -> d.passed(today)).orElse(false);
    }

    /** Whether {@code party} handles the current stage (mediator of the platform, association or regulator). */
    public boolean handles(Party party) {
        Mediator handler = stage.handler();
        return handler != null && switch (party) {
            case PLATFORM -> handler == Mediator.PLATFORM;
            case ASSOCIATION -> handler == Mediator.ASSOCIATION;
            case REGULATOR -> handler == Mediator.REGULATOR;
            default -> false;
        };
    }

    /**
     * The next stage's deadline counts from the day the step was taken; a step of the deadline job counts from the day
     * the old deadline passed, so a late job run does not give anybody extra days.
     */
    private CaseProgress moveTo(ComplaintStage next, Party by, LocalDate today, Schedule schedule) {
        Deadline current = openDeadline().orElseThrow();
        LocalDate from = by == Party.DEADLINE ? current.dueOn() : today;
        List<Deadline> all = new ArrayList<>(deadlines.subList(0, deadlines.size() - 1));
        all.add(current.close(today));
        all.add(schedule.open(next, from));
        return new CaseProgress(next, null, null, merchantRefused, all);
    }

    private CaseProgress close(ComplaintOutcome how, FailureReason reason, LocalDate today) {
        List<Deadline> all = new ArrayList<>(deadlines.subList(0, deadlines.size() - 1));
        all.add(openDeadline().orElseThrow().close(today));
        return new CaseProgress(ComplaintStage.CLOSED, how, reason, merchantRefused, all);
    }

    private static void require(boolean allowed, String detail) {
        if (!allowed) {
            throw new Rejection(OUT_OF_STAGE, detail);
        }
    }
}
