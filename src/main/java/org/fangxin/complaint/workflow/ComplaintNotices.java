package org.fangxin.complaint.workflow;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.complaint.AgreementProposed;
import org.fangxin.complaint.AgreementRejected;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintMessagePosted;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.complaint.ComplaintStageChanged;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.insurance.ClaimDecided;
import org.fangxin.insurance.ClaimPaid;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the parties of a case about every step, after the step committed (ADR 11: delivered at least once; each
 * notice has a dedup key, so a repeated delivery sends nothing twice). Notices are message keys
 * ({@code complaint.notice.*}) with stages, outcomes and remedies as terms, shown in the reader's language. A failed
 * mediation is told to both parties at once — well within the 7 working days the rules allow — and recorded on the
 * case. The insurer's decision and payment of a mediation-failed claim ({@link ClaimDecided}, {@link ClaimPaid}) are
 * told to the case's consumer here: insurance does not know the complaint's parties.
 */
@Component
class ComplaintNotices {

    private final Notifications notifications;
    private final CaseRepository cases;

    ComplaintNotices(Notifications notifications, CaseRepository cases) {
        this.notifications = notifications;
        this.cases = cases;
    }

    @ApplicationModuleListener
    void on(ComplaintFiled event) {
        String key = "complaint:" + event.complaintId() + ":filed";
        consumer(event.consumerId(), key, "filed", event.at(), event.caseNumber());
        merchant(event.merchantId(), key, "filed.merchant", event.at(), event.caseNumber());
    }

    @ApplicationModuleListener
    void on(ComplaintStageChanged event) {
        String key = "complaint:" + event.complaintId() + ":stage:" + event.to();
        Notice.Term stage = Notice.term("complaint.stage." + event.to());
        consumer(event.consumerId(), key, "stage", event.at(), event.caseNumber(), stage, event.dueOn());
        merchant(event.merchantId(), key, "stage", event.at(), event.caseNumber(), stage, event.dueOn());
    }

    @ApplicationModuleListener
    void on(AgreementProposed event) {
        String key = "complaint:" + event.complaintId() + ":proposed:" + event.agreementId();
        Notice.Term remedy = Notice.term("complaint.remedy." + event.remedy());
        consumer(event.consumerId(), key, "proposed", event.at(), event.caseNumber(), remedy, event.amount());
        merchant(event.merchantId(), key, "proposed", event.at(), event.caseNumber(), remedy, event.amount());
    }

    @ApplicationModuleListener
    void on(AgreementRejected event) {
        String key = "complaint:" + event.complaintId() + ":rejected:" + event.agreementId();
        consumer(event.consumerId(), key, "rejected", event.at(), event.caseNumber());
        merchant(event.merchantId(), key, "rejected", event.at(), event.caseNumber());
    }

    @ApplicationModuleListener
    void on(ComplaintMessagePosted event) {
        String key = "complaint:" + event.complaintId() + ":message:" + event.at().toEpochMilli() + ":" + event.party();
        if (!"CONSUMER".equals(event.party())) {
            consumer(event.consumerId(), key, "message", event.at(), event.caseNumber());
        }
        if (!"MERCHANT".equals(event.party())) {
            merchant(event.merchantId(), key, "message", event.at(), event.caseNumber());
        }
    }

    @ApplicationModuleListener
    void on(ComplaintResolved event) {
        String key = "complaint:" + event.complaintId() + ":closed";
        Notice.Term outcome = Notice.term("complaint.outcome." + event.outcome());
        consumer(event.consumerId(), key, "closed", event.closedAt(), event.caseNumber(), outcome);
        merchant(event.merchantId(), key, "closed", event.closedAt(), event.caseNumber(), outcome);
        if (event.outcome() == ComplaintOutcome.MEDIATION_FAILED) {
            cases.markFailureNoticed(event.complaintId(), event.closedAt());
        }
    }

    @ApplicationModuleListener
    void on(ClaimDecided event) {
        cases.find(event.caseId()).ifPresent(row -> consumer(row.consumerId(), "complaint:" + row.id() + ":claim-decided",
                "claimDecided", event.at(), row.caseNumber(), Notice.term("complaint.claimOutcome." + event.outcome()),
                event.approved()));
    }

    @ApplicationModuleListener
    void on(ClaimPaid event) {
        cases.find(event.caseId()).ifPresent(row -> consumer(row.consumerId(), "complaint:" + row.id() + ":claim-paid",
                "claimPaid", event.at(), row.caseNumber(), event.amount()));
    }

    private void consumer(UUID consumerId, String key, String notice, Instant at, Object... arguments) {
        if (consumerId != null) {
            notifications.send(Notice.of(consumerId, "complaint.notice." + notice, key + ":consumer", at, arguments));
        }
    }

    /** Each of the merchant's people (owners and staff), dedup key {@code <key>:<userId>}. */
    private void merchant(UUID merchantId, String key, String notice, Instant at, Object... arguments) {
        notifications.sendToMerchantPeople(merchantId, "complaint.notice." + notice, key, at, arguments);
    }
}
