package org.fangxin.insurance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A claim with its lines (in filing order). {@code claimed} is what the guarantee fund paid, {@code covered} what the
 * policy's limits let the platform ask the insurer for, {@code approved} what the insurer accepted (paid in full when
 * PAID). {@code policyId}, {@code insurerId} are null for an UNINSURED claim without a policy.
 */
public record ClaimView(UUID id, String claimNumber, UUID caseId, UUID merchantId, UUID policyId, String policyNumber,
                        UUID insurerId, ClosureTrigger trigger, LocalDate closedOn, ClaimStatus status,
                        ClaimOutcome outcome, UninsuredReason uninsuredReason, String rejectReason, Money claimed,
                        Money covered, Money approved, Instant filedAt, Instant decidedAt, String decidedBy,
                        Instant paidAt, String paidBy, String paymentReference, List<Line> lines) {

    public ClaimView {
        lines = List.copyOf(lines);
    }

    /** Whether the insurer may still decide it. */
    public boolean decidable() {
        return status == ClaimStatus.FILED || status == ClaimStatus.UNDER_REVIEW;
    }

    /**
     * Whether the insurer pays the consumers directly (a failed mediation, the Kaifeng model) rather than reimbursing the
     * platform's guarantee fund (a closure's compensation): such a claim books what the insurer owes each consumer.
     */
    public boolean paysConsumers() {
        return trigger == ClosureTrigger.MEDIATION_FAILED;
    }

    /** Whether the insurer's payment may be recorded: decided with something approved and not paid yet. */
    public boolean payable() {
        return status == ClaimStatus.DECIDED && approved.isPositive();
    }

    /** One card's line: claimed, covered after limits ({@code capReason} when less), and the insurer's decision. */
    public record Line(int lineNo, UUID cardId, UUID consumerId, Money claimed, Money covered, CapReason capReason,
                       LineDecision decision, Money approved, String reason, String decidedBy, Instant decidedAt) {

        /** A line the insurer must decide (a line capped to zero is not asked for). */
        public boolean decidable() {
            return covered.isPositive();
        }
    }
}
