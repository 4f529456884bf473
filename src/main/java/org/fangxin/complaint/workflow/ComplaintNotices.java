package org.fangxin.complaint.workflow;

import java.util.Locale;
import java.util.UUID;
import org.fangxin.complaint.AgreementProposed;
import org.fangxin.complaint.AgreementRejected;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintMessagePosted;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.complaint.ComplaintStageChanged;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.insurance.ClaimDecided;
import org.fangxin.insurance.ClaimPaid;
import org.fangxin.notification.Notifications;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the parties of a case about every step, after the step committed (delivered at least once; each notice has a
 * dedup key, so a repeated delivery sends nothing twice). Texts in Chinese, the platform's default for consumers and
 * merchants (complaint.properties). A failed mediation is told to both parties at once — well within the 7 working
 * days the rules allow — and recorded on the case.
 */
@Component
class ComplaintNotices {

    private final Notifications notifications;
    private final Users users;
    private final MessageSource messages;
    private final CaseRepository cases;

    ComplaintNotices(Notifications notifications, Users users, MessageSource messages, CaseRepository cases) {
        this.notifications = notifications;
        this.users = users;
        this.messages = messages;
        this.cases = cases;
    }

    @ApplicationModuleListener
    void on(ComplaintFiled event) {
        String key = "complaint:" + event.complaintId() + ":filed";
        consumer(event.consumerId(), key, "filed", event.caseNumber());
        merchant(event.merchantId(), key, "filed.merchant", event.caseNumber());
    }

    @ApplicationModuleListener
    void on(ComplaintStageChanged event) {
        String key = "complaint:" + event.complaintId() + ":stage:" + event.to();
        String stage = text("complaint.stage." + event.to());
        consumer(event.consumerId(), key, "stage", event.caseNumber(), stage, event.dueOn());
        merchant(event.merchantId(), key, "stage", event.caseNumber(), stage, event.dueOn());
    }

    @ApplicationModuleListener
    void on(AgreementProposed event) {
        String key = "complaint:" + event.complaintId() + ":proposed:" + event.agreementId();
        String remedy = text("complaint.remedy." + event.remedy());
        String amount = event.amount() == null ? "" : event.amount().format();
        consumer(event.consumerId(), key, "proposed", event.caseNumber(), remedy, amount);
        merchant(event.merchantId(), key, "proposed", event.caseNumber(), remedy, amount);
    }

    @ApplicationModuleListener
    void on(AgreementRejected event) {
        String key = "complaint:" + event.complaintId() + ":rejected:" + event.agreementId();
        consumer(event.consumerId(), key, "rejected", event.caseNumber());
        merchant(event.merchantId(), key, "rejected", event.caseNumber());
    }

    @ApplicationModuleListener
    void on(ComplaintMessagePosted event) {
        String key = "complaint:" + event.complaintId() + ":message:" + event.at().toEpochMilli() + ":" + event.party();
        if (!"CONSUMER".equals(event.party())) {
            consumer(event.consumerId(), key, "message", event.caseNumber());
        }
        if (!"MERCHANT".equals(event.party())) {
            merchant(event.merchantId(), key, "message", event.caseNumber());
        }
    }

    @ApplicationModuleListener
    void on(ComplaintResolved event) {
        String key = "complaint:" + event.complaintId() + ":closed";
        String outcome = text("complaint.outcome." + event.outcome());
        consumer(event.consumerId(), key, "closed", event.caseNumber(), outcome);
        merchant(event.merchantId(), key, "closed", event.caseNumber(), outcome);
        if (event.outcome() == ComplaintOutcome.MEDIATION_FAILED) {
            cases.markFailureNoticed(event.complaintId(), event.closedAt());
        }
    }

    @ApplicationModuleListener
    void on(ClaimDecided event) {
        cases.find(event.caseId()).ifPresent(row -> consumer(row.consumerId(), "complaint:" + row.id() + ":claim-decided",
                "claimDecided", row.caseNumber(), text("complaint.claimOutcome." + event.outcome()), event.approved().format()));
    }

    @ApplicationModuleListener
    void on(ClaimPaid event) {
        cases.find(event.caseId()).ifPresent(row -> consumer(row.consumerId(), "complaint:" + row.id() + ":claim-paid",
                "claimPaid", row.caseNumber(), event.amount().format()));
    }

    private void consumer(UUID consumerId, String key, String notice, Object... arguments) {
        if (consumerId != null) {
            send(consumerId, key + ":consumer", notice, arguments);
        }
    }

    private void merchant(UUID merchantId, String key, String notice, Object... arguments) {
        for (UserAccount user : users.ofMerchant(merchantId)) {
            send(user.id(), key + ":" + user.id(), notice, arguments);
        }
    }

    private void send(UUID userId, String dedupKey, String notice, Object... arguments) {
        notifications.send(userId, text("complaint.notice." + notice + ".subject", arguments),
                text("complaint.notice." + notice + ".body", arguments), dedupKey);
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.SIMPLIFIED_CHINESE);
    }
}
