package org.fangxin.complaint.workflow;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.complaint.AgreementProposed;
import org.fangxin.complaint.AgreementRejected;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintMessagePosted;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.complaint.ComplaintStageChanged;
import org.fangxin.complaint.domain.Deadline;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.insurance.ClaimDecided;
import org.fangxin.insurance.ClaimPaid;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the parties of a case about every step, after the step committed (ADR 11: at least once, a dedup key per
 * notice and recipient, message keys of complaint.properties so each reader sees their language). Where a stage, an
 * outcome or a remedy changes the text, the key names it ({@code complaint.notice.stage.PLATFORM_MEDIATION}) instead of
 * passing a Chinese word as an argument. The stage's handlers (operators, the association, the sector's regulators)
 * are told when a case reaches them, by one notice in their role inbox (not one per person). A failed mediation is told to both parties at once — well within the 7 working
 * days the rules allow — and recorded on the case.
 */
@Component
class ComplaintNotices {

    private static final String PREFIX = "complaint.notice.";

    private final Notifications notifications;
    private final Users users;
    private final CaseRepository cases;

    ComplaintNotices(Notifications notifications, Users users, CaseRepository cases) {
        this.notifications = notifications;
        this.users = users;
        this.cases = cases;
    }

    @ApplicationModuleListener
    void on(ComplaintFiled event) {
        String key = "complaint:" + event.complaintId() + ":filed";
        Object dueOn = cases.find(event.complaintId()).flatMap(row -> row.progress().openDeadline())
                .map(Deadline::dueOn).orElse(null);
        consumer(event.consumerId(), key, "filed", event.at(), event.caseNumber(), dueOn);
        merchant(event.merchantId(), key, "filed.merchant", event.at(), event.caseNumber(), dueOn);
    }

    @ApplicationModuleListener
    void on(ComplaintStageChanged event) {
        String key = "complaint:" + event.complaintId() + ":stage:" + event.to();
        String notice = "stage." + event.to();
        consumer(event.consumerId(), key, notice, event.at(), event.caseNumber(), event.dueOn());
        merchant(event.merchantId(), key, notice, event.at(), event.caseNumber(), event.dueOn());
        Role handler = switch (event.to()) {
            case PLATFORM_MEDIATION -> Role.OPERATOR;
            case ASSOCIATION_ACCEPTANCE -> Role.ASSOCIATION;
            case REGULATOR_ACCEPTANCE -> Role.REGULATOR;
            default -> null;
        };
        if (handler != null) {
            // one notice in the role's inbox, whatever the number of operators or mediators (O(1) per event);
            // regulators and associations are scoped, so the notice carries the merchant's region (and sector)
            Optional<CaseRow> scoped = handler == Role.OPERATOR ? Optional.empty() : cases.find(event.complaintId());
            String sector = handler != Role.REGULATOR ? null : scoped.map(CaseRow::sector).orElse(null);
            notifications.sendToRole(handler, sector, scoped.map(CaseRow::regionCode).orElse(null),
                    PREFIX + "handle." + event.to(), key + ":" + handler, event.at(), event.caseNumber(), event.dueOn());
        }
    }

    @ApplicationModuleListener
    void on(AgreementProposed event) {
        String key = "complaint:" + event.complaintId() + ":proposed:" + event.agreementId();
        String notice = "proposed." + event.remedy();
        consumer(event.consumerId(), key, notice, event.at(), event.caseNumber(), event.amount());
        merchant(event.merchantId(), key, notice, event.at(), event.caseNumber(), event.amount());
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
        String notice = "closed." + event.outcome();
        consumer(event.consumerId(), key, notice, event.closedAt(), event.caseNumber());
        merchant(event.merchantId(), key, notice, event.closedAt(), event.caseNumber());
        if (event.outcome() == ComplaintOutcome.MEDIATION_FAILED) {
            cases.markFailureNoticed(event.complaintId(), event.closedAt());
        }
    }

    @ApplicationModuleListener
    void on(ClaimDecided event) {
        cases.find(event.caseId()).ifPresent(row -> consumer(row.consumerId(), "complaint:" + row.id() + ":claim-decided",
                "claimDecided." + event.outcome(), event.at(), row.caseNumber(), event.approved()));
    }

    @ApplicationModuleListener
    void on(ClaimPaid event) {
        cases.find(event.caseId()).ifPresent(row -> consumer(row.consumerId(), "complaint:" + row.id() + ":claim-paid",
                "claimPaid", event.at(), row.caseNumber(), event.amount()));
    }

    private void consumer(UUID consumerId, String key, String notice, Instant at, Object... arguments) {
        if (consumerId != null) {
            send(consumerId, key + ":consumer", notice, at, arguments);
        }
    }

    private void merchant(UUID merchantId, String key, String notice, Instant at, Object... arguments) {
        for (UserAccount user : users.ofMerchant(merchantId)) {
            send(user.id(), key + ":" + user.id(), notice, at, arguments);
        }
    }

    private void send(UUID userId, String dedupKey, String notice, Instant at, Object... arguments) {
        notifications.send(Notice.of(userId, PREFIX + notice, dedupKey, at, arguments));
    }
}
