package org.fangxin.compensation;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.protection.CompensationProgress;
import org.fangxin.protection.CompensationProgressView;
import org.fangxin.shared.ProblemType;

/**
 * Compensation (平台先行赔付) of a confirmed closure, for people: consumers see and choose on their own lines (another
 * consumer's line is "not found"), operators start a batch, register a successor merchant and record manual payouts,
 * operators, regulators (their sector) and the merchant's people follow a batch, anyone sees a confirmed closure's
 * public progress (counts and amounts only). Planning and paying run by themselves (docs/compensation.md).
 */
public interface Compensations extends CompensationProgress {

    ProblemType LINE_NOT_OPEN = new ProblemType("compensation-line-not-open", 409);
    ProblemType TAKEOVER_UNAVAILABLE = new ProblemType("compensation-takeover-unavailable", 409);
    ProblemType SUCCESSOR_NOT_ELIGIBLE = new ProblemType("compensation-successor-not-eligible", 409);
    ProblemType NOT_AWAITING_MANUAL_PAYOUT = new ProblemType("compensation-not-awaiting-manual-payout", 409);
    ProblemType CASE_NOT_CONFIRMED = new ProblemType("closure-case-not-confirmed", 409);
    /** The most lines one call answers. */
    int LINES_MAX = 500;

    /** OPERATOR: plans the batch of a CONFIRMED case now (the confirmation event does the same; idempotent). */
    CompensationBatchView start(Actor actor, UUID caseId);

    /** The batch of a case for those who may see the case (operator, regulator of its sector, the merchant's people). */
    CompensationBatchView batch(Actor actor, UUID caseId);

    /** The batch's lines (one status or all), in plan order, at most {@value #LINES_MAX}: operators and regulators. */
    List<CompensationLineView> lines(Actor actor, UUID caseId, String status, int limit);

    /** CONSUMER: their own lines, newest first. */
    List<CompensationLineView> mine(Actor actor);

    /**
     * CONSUMER, their own PLANNED line: CASH confirms the refund, TAKEOVER moves the value to a new card at the successor
     * merchant (only once an operator registered one); either makes the line due now (settled by the next run instead of
     * after the deadline). A choice is final once made.
     */
    CompensationLineView choose(Actor actor, UUID lineId, String choice);

    /**
     * OPERATOR: registers the merchant that agreed to take over the closed store's customers and the ACTIVE product it
     * issues them (replacing an earlier registration). Consumers may then choose TAKEOVER until their line is settled.
     */
    CompensationBatchView registerSuccessor(Actor actor, UUID caseId, UUID merchantId, UUID productId);

    /** OPERATOR: the line in the manual payout queue was paid by bank transfer ({@code reference} of that transfer). */
    CompensationLineView recordManualPayout(Actor actor, UUID caseId, UUID lineId, String reference);

    /**
     * Per card of the case, what the guarantee fund paid for it (its settled lines with a fund part; none before the
     * batch pays). The ledger books the fund's part per pay chunk since session 13 (docs/ledger.md "Compensation"): the
     * per-card split is the line's, and an insurance claim line is checked against it.
     */
    java.util.Map<UUID, org.fangxin.shared.Money> guaranteeFundPaidPerCard(UUID caseId);

    /** Anyone: progress of a case whose public notice exists (else "not found"); no personal data. */
    @Override
    CompensationProgressView progress(UUID caseId);
}
