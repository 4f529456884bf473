package org.fangxin.complaint.web;

import java.time.LocalDate;
import org.fangxin.complaint.AgreementView;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ComplaintView;
import org.fangxin.complaint.Mediator;
import org.fangxin.complaint.Remedy;

/**
 * Which forms the case page shows its viewer: the steps the workflow allows the viewer's party now. The facades decide
 * again on submit; this only spares people buttons that would be refused.
 */
record CaseActions(boolean message, boolean refuse, boolean escalate, boolean withdraw, boolean accept, boolean end,
                   boolean propose, boolean forward, boolean answer, boolean report, boolean confirm, boolean payout) {

    static CaseActions of(ComplaintView c, String party, LocalDate today) {
        ComplaintStage stage = c.stage();
        boolean open = stage.open();
        boolean consumer = "CONSUMER".equals(party);
        boolean merchant = "MERCHANT".equals(party);
        boolean handler = stage.handler() != null && stage.handler() != Mediator.MERCHANT
                && stage.handler().name().equals(party);
        boolean passed = c.deadline() != null && today.isAfter(c.deadline().dueOn());
        boolean escalable = (stage == ComplaintStage.MERCHANT_NEGOTIATION && (passed || c.merchantRefused()))
                || (stage == ComplaintStage.PLATFORM_MEDIATION && passed);
        AgreementView a = c.agreement();
        boolean proposed = a != null && a.proposed();
        boolean answer = proposed && ((consumer && a.consumerDecision() == null) || (merchant && a.merchantDecision() == null));
        boolean byPlatform = a != null && a.remedy() == Remedy.COMPENSATION && c.cardId() != null;
        boolean performing = stage == ComplaintStage.PERFORMANCE && a != null && a.accepted() && a.remedy() != Remedy.REFUND
                && !byPlatform;
        return new CaseActions(open,
                merchant && stage == ComplaintStage.MERCHANT_NEGOTIATION && !c.merchantRefused(),
                consumer && escalable,
                consumer && open && stage != ComplaintStage.PERFORMANCE,
                handler && stage.acceptance(),
                handler && stage.externalMediation(),
                (handler && stage.negotiable()) || (merchant && stage == ComplaintStage.MERCHANT_NEGOTIATION),
                handler && stage == ComplaintStage.PLATFORM_MEDIATION,
                answer,
                performing && merchant && a.merchantReportedAt() == null,
                performing && consumer,
                "PLATFORM".equals(party) && a != null && a.accepted() && a.compensationOwed());
    }
}
