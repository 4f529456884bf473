package org.fangxin.complaint.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fangxin.calendar.WorkingDays;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.card.RedemptionDisputes;
import org.fangxin.complaint.AgreementView;
import org.fangxin.complaint.ComplaintEscalated;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ComplaintStageChanged;
import org.fangxin.complaint.ComplaintView;
import org.fangxin.complaint.DeadlineView;
import org.fangxin.complaint.MediationFailed;
import org.fangxin.complaint.domain.CaseProgress;
import org.fangxin.complaint.domain.Deadline;
import org.fangxin.complaint.domain.Party;
import org.fangxin.complaint.domain.Schedule;
import org.fangxin.complaint.persistence.CaseRecords;
import org.fangxin.complaint.persistence.CaseReports;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What every step of a case shares: today in Shanghai, the case's schedule (its region's deadline rules in the
 * working-day calendar), its view, and {@link #apply} — persisting a workflow step with its deadlines, the timeline,
 * the audit trail and the events; a case that closes ends its holds on the merchant's release.
 */
@Component
public class CaseDesk {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final CaseRepository cases;
    private final CaseRecords records;
    private final CaseReports reports;
    private final WorkingDays workingDays;
    private final RedemptionDisputes disputes;
    private final Cards cards;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CaseDesk(CaseRepository cases, CaseRecords records, CaseReports reports, WorkingDays workingDays,
             RedemptionDisputes disputes, Cards cards, AuditTrail audit, IdGenerator ids, Clock clock,
             ApplicationEventPublisher events) {
        this.cases = cases;
        this.records = records;
        this.reports = reports;
        this.workingDays = workingDays;
        this.disputes = disputes;
        this.cards = cards;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public Schedule schedule(String regionCode) {
        return new Schedule(reports.rules(regionCode), workingDays.calendar());
    }

    /** Stores a new case with its first deadline, its timeline's first entry and the audit entry; tells the others. */
    public CaseRow open(CaseRow row, Party party, String byUser, Note note) {
        cases.insert(row);
        cases.recordStageChange(ids.next(), row.id(), row.filedAt(), null, row.progress().stage(), party.name(), byUser,
                note.text(), note.key(), note.args());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("caseNumber", row.caseNumber());
        summary.put("source", row.source());
        summary.put("merchantId", row.merchantId().toString());
        summary.put("subject", row.subject().name());
        summary.put("category", row.category().name());
        audit.record("complaint.filed", "complaint", row.id(), null, summary);
        events.publishEvent(new ComplaintFiled(row.id(), row.caseNumber(), row.merchantId(), row.consumerId(),
                row.category(), row.subject(), row.source(), row.regionCode(), row.sector(), row.filedAt()));
        return cases.find(row.id()).orElseThrow();
    }

    /** A case number people can read and quote: TS-year-last 12 hex digits of the id. */
    public String caseNumber(UUID id) {
        return "TS-" + today().getYear() + "-" + id.toString().substring(24).toUpperCase();
    }

    public CaseRow lock(UUID id) {
        return cases.lock(id).orElseThrow(() -> Rejection.notFound("complaint " + id));
    }

    public CaseRow find(UUID id) {
        return cases.find(id).orElseThrow(() -> Rejection.notFound("complaint " + id));
    }

    public ComplaintView view(CaseRow row) {
        AgreementView agreement = records.current(row.id()).orElse(null);
        DeadlineView deadline = row.progress().openDeadline().map(CaseDesk::view).orElse(null);
        CaseProgress p = row.progress();
        return new ComplaintView(row.id(), row.caseNumber(), row.source(), row.externalRef(), row.consumerId(),
                row.consumerName(), row.merchantId(), row.merchantName(), row.sector(), row.regionCode(), row.cardId(),
                row.redemptionId(), row.refundId(), row.subject(), row.category(), row.asked(), row.askedAction(),
                row.description(), p.stage(), p.outcome(), p.failure(), p.merchantRefused(), row.redemptionHeld(),
                row.payoutHold(), row.filedAt(), row.filedOn(), row.closedAt(), deadline, row.claimId(), agreement);
    }

    static DeadlineView view(Deadline d) {
        return new DeadlineView(d.kind(), d.stage(), d.startsOn(), d.dueOn(), d.closedOn());
    }

    /**
     * Persists one step of a case (the caller holds its lock): stage, outcome and deadlines, the timeline entry, the
     * audit entry; proposals still open are superseded when the stage changes; events follow, and a closing case ends
     * its holds (a held redemption's release resumes, the payout hold of a refund complaint ends).
     */
    public CaseRow apply(CaseRow before, CaseProgress after, Party party, String byUser, String action, Note note) {
        Instant now = clock.instant();
        CaseProgress old = before.progress();
        cases.saveProgress(before, after, now);
        if (old.stage() != after.stage()) {
            cases.recordStageChange(ids.next(), before.id(), now, old.stage(), after.stage(), party.name(), byUser,
                    note.text(), note.key(), note.args());
            records.current(before.id()).filter(AgreementView::proposed)
                    .ifPresent(a -> records.setStatus(a.id(), "SUPERSEDED", null));
        }
        audit.record("complaint." + action, "complaint", before.id(), summary(old), summary(after));
        CaseRow saved = cases.find(before.id()).orElseThrow();
        if (!after.stage().open()) {
            closed(saved, now);
        } else if (old.stage() != after.stage()) {
            Deadline next = after.openDeadline().orElseThrow();
            events.publishEvent(new ComplaintStageChanged(saved.id(), saved.caseNumber(), saved.merchantId(),
                    saved.consumerId(), old.stage(), after.stage(), party.name(), next.dueOn(), now));
            if (escalation(old.stage(), after.stage())) {
                events.publishEvent(new ComplaintEscalated(saved.id(), saved.caseNumber(), saved.merchantId(),
                        saved.consumerId(), old.stage(), after.stage(), party == Party.DEADLINE, now));
            }
        }
        return saved;
    }

    private void closed(CaseRow row, Instant now) {
        ComplaintOutcome outcome = row.progress().outcome();
        if (row.redemptionHeld()) {
            disputes.release(row.redemptionId(), "complaint " + row.caseNumber() + " closed: " + outcome);
        }
        cases.endHolds(row.id());
        events.publishEvent(new ComplaintResolved(row.id(), row.caseNumber(), row.merchantId(), row.consumerId(), outcome,
                outcome.upheld(), row.filedAt(), now));
        if (outcome == ComplaintOutcome.MEDIATION_FAILED) {
            events.publishEvent(new MediationFailed(row.id(), row.caseNumber(), row.merchantId(), row.consumerId(),
                    row.cardId(), claimed(row), row.progress().failure(), today(), now));
        }
    }

    /** The consumer's loss on the card: what they asked for, at most what the card still holds (nothing without a card). */
    private Money claimed(CaseRow row) {
        if (row.cardId() == null) {
            return null;
        }
        Money left = cards.find(row.cardId()).map(CardView::unredeemed).orElse(Money.zero(Money.CNY));
        Money asked = row.asked() == null ? left : row.asked().min(left);
        return asked.isPositive() ? asked : null;
    }

    private static boolean escalation(ComplaintStage from, ComplaintStage to) {
        return (from == ComplaintStage.MERCHANT_NEGOTIATION && to == ComplaintStage.PLATFORM_MEDIATION)
                || (from == ComplaintStage.PLATFORM_MEDIATION && to.acceptance());
    }

    private static Map<String, Object> summary(CaseProgress p) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("stage", p.stage().name());
        summary.put("outcome", p.outcome() == null ? "" : p.outcome().name());
        summary.put("failure", p.failure() == null ? "" : p.failure().name());
        summary.put("merchantRefused", p.merchantRefused());
        summary.put("dueOn", p.openDeadline().map(d -> d.dueOn().toString()).orElse(""));
        return summary;
    }
}
