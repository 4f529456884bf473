package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * An agreement proposed in negotiation or mediation: what the consumer gets ({@code remedy}, {@code amount} for a
 * refund or compensation), each party's answer, and how it is being carried out ({@code refundId} of the refund the
 * platform made; the merchant's report and the consumer's confirmation or objection for resumed service and
 * compensation without a card), and for compensation with a card the platform's steps: set aside from the merchant's
 * earned money, then paid to the consumer ({@code payoutReference}). Status PROPOSED → ACCEPTED (both accepted) or
 * REJECTED (either rejected).
 */
public record AgreementView(UUID id, UUID complaintId, ComplaintStage stage, Remedy remedy, Money amount, String terms,
                            String proposedBy, String proposedParty, Instant proposedAt, String status,
                            String consumerDecision, Instant consumerDecidedAt, String merchantDecision,
                            Instant merchantDecidedAt, String rejectReason, UUID refundId, Instant merchantReportedAt,
                            String merchantReport, Instant consumerConfirmedAt, Instant consumerDisputedAt,
                            String consumerDispute, Instant compensationSetAsideAt, Instant compensationPaidAt,
                            String payoutReference) {

    public boolean proposed() {
        return "PROPOSED".equals(status);
    }

    public boolean accepted() {
        return "ACCEPTED".equals(status);
    }

    /** Compensation the platform set aside from the merchant's payable and has not paid to the consumer yet. */
    public boolean compensationOwed() {
        return compensationSetAsideAt != null && compensationPaidAt == null;
    }
}
