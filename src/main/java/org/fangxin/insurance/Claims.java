package org.fangxin.insurance;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.persistence.ClaimRepository;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closure-insurance claims. The platform files one claim per closure case for what its guarantee fund paid consumers,
 * against the oldest policy that covered the merchant on the closure date and insures the trigger; lines are capped by
 * the per-consumer, per-merchant and aggregate annual limits (what is left of them this policy year). No policy: the
 * claim is recorded UNINSURED and the loss stays a subrogation receivable against the merchant.
 * The insurer decides each line (approve, approve less, reject; reasons for all but a full approval) or rejects the
 * whole claim; the decision books {@code claim-approved:<caseId>:<claimId>} Dr INSURER_RECEIVABLE(insurer) /
 * Cr SUBROGATION_RECEIVABLE(merchant). The insurer's payment (or its receipt, recorded by an operator) books
 * {@code claim-paid:<caseId>:<claimId>} Dr PLATFORM_GUARANTEE_FUND / Cr INSURER_RECEIVABLE: the fund is reimbursed.
 * Filing is {@link ClaimFiling}.
 */
@Service
@Transactional
public class Claims {

    public static final ProblemType CLAIM_DECIDED = new ProblemType("claim-decided", 409);
    public static final ProblemType LINES_UNDECIDED = new ProblemType("claim-lines-undecided", 409);
    public static final ProblemType NOT_PAYABLE = new ProblemType("claim-not-payable", 409);
    public static final ProblemType CASE_UNKNOWN = new ProblemType("claim-case-unknown", 422);
    public static final ProblemType LINE_NOT_FUNDED = new ProblemType("claim-line-not-funded", 422);
    public static final int LINES_MAX = 100_000;
    public static final int REASON_LENGTH_MAX = 500;
    public static final int REFERENCE_LENGTH_MAX = 100;

    private final ClaimRepository claims;
    private final ClaimFiling filing;
    private final Policies policies;
    private final Insurers insurers;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ConsumerBenefits benefits;

    /** The order of {@code ClaimRepository.list}: newest filed first. */
    private static final java.util.Comparator<ClaimView> NEWEST_FIRST = java.util.Comparator.comparing(ClaimView::filedAt)
            .reversed().thenComparing(ClaimView::id);
    private final Shards shards;

    Claims(ClaimRepository claims, ClaimFiling filing, Policies policies, Insurers insurers, Ledger ledger, AuditTrail audit, Clock clock, ApplicationEventPublisher events,
           ConsumerBenefits benefits, Shards shards) {
        this.shards = shards;
        this.claims = claims;
        this.filing = filing;
        this.policies = policies;
        this.insurers = insurers;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
        this.benefits = benefits;
    }

    /**
     * The platform files the claim of a closure case (no actor: called by the platform's own listener or an operator's
     * command). Filing a case again returns its claim unchanged.
     */
    public ClaimView file(NewClaim request) {
        return filing.file(request);
    }

    /** The claim of a closure case, if filed (no access check; for other modules' views). */
    @Transactional(readOnly = true)
    public Optional<ClaimView> ofCase(UUID caseId) {
        return claims.ofCase(caseId);
    }

    /** Claims (newest first, without lines): all for OPERATOR and REGULATOR, its own for an INSURER. */
    @Transactional(readOnly = true)
    public List<ClaimView> list(Actor actor, ClaimStatus status, int limit) {
        return list(actor, null, status, limit);
    }

    /** As {@link #list(Actor, ClaimStatus, int)}, of one policy when {@code policyId} is given. */
    @Transactional(readOnly = true)
    public List<ClaimView> list(Actor actor, UUID policyId, ClaimStatus status, int limit) {
        // Sharded (ADR 12 §8g): claims are kept on their merchant's shard; each shard answers its newest once.
        int rows = Math.min(Math.max(limit, 1), ClaimRepository.ROWS_MAX);
        if (actor.is(Role.OPERATOR, Role.REGULATOR)) {
            return shards.page((offset, max) -> claims.list(null, policyId, status, max).stream()
                    .filter(claim -> policies.merchantWithinScope(actor, claim.merchantId())).toList(), NEWEST_FIRST, 0, rows);
        }
        if (actor.is(Role.INSURER)) {
            return insurers.ownInsurer(actor).map(insurer -> shards.page((offset, max) -> claims.list(insurer, policyId, status, max),
                    NEWEST_FIRST, 0, rows)).orElse(List.of());
        }
        throw forbidden();
    }

    /** One claim with its lines; another insurer's claim (or an uninsured one, for an insurer) is "not found". */
    @Transactional(readOnly = true)
    public ClaimView view(Actor actor, UUID claimId) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR, Role.INSURER)) {
            throw forbidden();
        }
        ClaimView claim = claims.find(claimId).orElseThrow(() -> Rejection.notFound("claim"));
        if (actor.is(Role.INSURER) && !ownedBy(actor, claim)
                || actor.is(Role.REGULATOR) && !policies.merchantWithinScope(actor, claim.merchantId())) {
            throw Rejection.notFound("claim");
        }
        return claim;
    }

    /** INSURER: takes a FILED claim under review (deciding a line does so too). */
    public ClaimView review(Actor actor, UUID claimId) {
        ClaimView claim = lockForInsurer(actor, claimId);
        requireDecidable(claim);
        if (claim.status() == ClaimStatus.FILED) {
            claims.markUnderReview(claim.id());
            audit.record("insurance.claim.under-review", "insurance-claim", claim.id(), claim.status(), ClaimStatus.UNDER_REVIEW);
        }
        return claims.find(claimId).orElseThrow();
    }

    /** INSURER: records its decision on one line (it may change it until the claim is decided). */
    public ClaimView decideLine(Actor actor, UUID claimId, ClaimLineDecision decision) {
        ClaimView claim = lockForInsurer(actor, claimId);
        requireDecidable(claim);
        applyLine(actor, claim, decision, clock.instant());
        claims.markUnderReview(claim.id());
        return claims.find(claimId).orElseThrow();
    }

    /**
     * INSURER: decides the claim, first recording the line decisions given here (all or nothing). Every line asked for
     * must be decided; the outcome follows from the lines and the approved total is booked as owed by the insurer.
     */
    public ClaimView decide(Actor actor, UUID claimId, List<ClaimLineDecision> lines) {
        ClaimView claim = lockForInsurer(actor, claimId);
        requireDecidable(claim);
        Instant now = clock.instant();
        List<ClaimLineDecision> given = lines == null ? List.of() : lines;
        Set<UUID> seen = new HashSet<>();
        for (ClaimLineDecision line : given) {
            if (line == null || !seen.add(line.cardId())) {
                throw Rejection.invalid("lines", "decide each card's line once");
            }
            applyLine(actor, claim, line, now);
        }
        ClaimView current = claims.find(claimId).orElseThrow();
        List<Integer> undecided = current.lines().stream().filter(l -> l.decidable() && l.decision() == null)
                .map(ClaimView.Line::lineNo).toList();
        if (!undecided.isEmpty()) {
            throw new Rejection(LINES_UNDECIDED, undecided.size() + " line(s) are not decided yet",
                    Map.of("lines", undecided.size() > 20 ? undecided.subList(0, 20) : undecided));
        }
        Money approved = current.lines().stream().filter(ClaimView.Line::decidable).map(ClaimView.Line::approved)
                .reduce(Money.zero(current.claimed().currency()), Money::plus);
        ClaimOutcome outcome = !approved.isPositive() ? ClaimOutcome.REJECTED
                : approved.equals(current.covered()) ? ClaimOutcome.APPROVED : ClaimOutcome.PARTLY_APPROVED;
        return finish(actor, current, outcome, approved, null, now);
    }

    /** INSURER: rejects the whole claim with a reason; every line asked for is rejected with it. */
    public ClaimView reject(Actor actor, UUID claimId, String reason) {
        ClaimView claim = lockForInsurer(actor, claimId);
        requireDecidable(claim);
        String why = reason(reason).orElseThrow(() -> Rejection.invalid("reason", "say why the claim is rejected"));
        Instant now = clock.instant();
        for (ClaimView.Line line : claim.lines()) {
            if (line.decidable()) {
                claims.decideLine(claim.id(), line.lineNo(), LineDecision.REJECTED, Money.zero(line.covered().currency()),
                        why, actor.username(), now);
            }
        }
        return finish(actor, claims.find(claimId).orElseThrow(), ClaimOutcome.REJECTED,
                Money.zero(claim.claimed().currency()), why, now);
    }

    /**
     * The claim's insurer records its payment, or an OPERATOR records its receipt: the approved amount reaches the
     * guarantee fund. Only a DECIDED claim with something approved is paid, once and in full.
     */
    public ClaimView recordPayment(Actor actor, UUID claimId, String reference) {
        ClaimView claim;
        if (actor.is(Role.OPERATOR)) {
            claim = claims.lock(claimId).orElseThrow(() -> Rejection.notFound("claim"));
        } else {
            claim = lockForInsurer(actor, claimId);
        }
        String ref = reference == null || reference.isBlank() ? null : reference.trim();
        if (ref != null && ref.length() > REFERENCE_LENGTH_MAX) {
            throw Rejection.invalid("reference", "a payment reference is at most " + REFERENCE_LENGTH_MAX + " characters");
        }
        if (!claim.payable()) {
            throw new Rejection(NOT_PAYABLE, "claim " + claim.claimNumber() + " is " + claim.status()
                    + (claim.outcome() == null ? "" : " (" + claim.outcome() + ")") + ": nothing to pay");
        }
        Instant now = clock.instant();
        Money amount = claim.approved();
        if (claim.paysConsumers()) {
            benefits.paid(claim);
        } else {
            AccountView fund = ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, amount.currency());
            AccountView receivable = ledger.open(AccountType.INSURER_RECEIVABLE, claim.insurerId(), amount.currency());
            ledger.post(NewTransfer.of("claim-paid:" + claim.caseId() + ":" + claim.id(), "insurer paid claim "
                    + claim.claimNumber(), EntryLine.debit(fund.id(), amount), EntryLine.credit(receivable.id(), amount)));
        }
        claims.markPaid(claim.id(), ref, actor.username(), now);
        ClaimView paid = claims.find(claimId).orElseThrow();
        audit.record("insurance.claim.paid", "insurance-claim", claim.id(), summary(claim), summary(paid));
        events.publishEvent(new ClaimPaid(claim.id(), claim.caseId(), claim.merchantId(), claim.insurerId(), amount, now));
        return paid;
    }

    /** The recovery claim an insurer holds against the merchant after paying consumers under this claim, if any. */
    @Transactional(readOnly = true)
    public Optional<RecoveryClaimView> recoveryOf(Actor actor, UUID claimId) {
        return benefits.recoveryOf(view(actor, claimId).id());
    }

    // ---- deciding

    private void applyLine(Actor actor, ClaimView claim, ClaimLineDecision decision, Instant now) {
        if (decision == null || decision.cardId() == null || decision.decision() == null) {
            throw Rejection.invalid("decision", "name the card and the decision (APPROVED, REDUCED or REJECTED)");
        }
        ClaimView.Line line = claim.lines().stream().filter(l -> l.cardId().equals(decision.cardId())).findFirst()
                .orElseThrow(() -> Rejection.notFound("claim line"));
        if (!line.decidable()) {
            throw Rejection.invalid("cardId", "line " + line.lineNo() + " is not claimed from the insurer (capped to zero)");
        }
        Optional<String> reason = reason(decision.reason());
        Money amount = decision.amount();
        if (amount != null && !amount.currency().equals(line.covered().currency())) {
            throw Rejection.invalid("amount", "the amount is in " + line.covered().currency());
        }
        Money approved = approvedAmount(decision, line, amount);
        if (decision.decision() != LineDecision.APPROVED && reason.isEmpty()) {
            throw Rejection.invalid("reason", "say why line " + line.lineNo() + " is not approved in full");
        }
        claims.decideLine(claim.id(), line.lineNo(), decision.decision(), approved, reason.orElse(null),
                actor.username(), now);
        audit.record("insurance.claim.line-decided", "insurance-claim", claim.id(), line,
                Map.of("lineNo", line.lineNo(), "cardId", line.cardId().toString(), "decision", decision.decision().name(),
                        "approved", approved, "reason", reason.orElse("")));
    }

    /** What the insurer approves of the line: all of it, a reduced amount, or nothing; anything else is invalid. */
    private static Money approvedAmount(ClaimLineDecision decision, ClaimView.Line line, Money amount) {
        return switch (decision.decision()) {
            case APPROVED -> {
                if (amount != null && !amount.equals(line.covered())) {
                    throw Rejection.invalid("amount", "a full approval is the covered amount " + line.covered().format()
                            + "; approve less with REDUCED");
                }
                yield line.covered();
            }
            case REDUCED -> {
                if (amount == null || !amount.isPositive() || amount.compareTo(line.covered()) >= 0) {
                    throw Rejection.invalid("amount", "a reduced amount is more than zero and less than "
                            + line.covered().format());
                }
                yield amount;
            }
            case REJECTED -> {
                if (amount != null && !amount.isZero()) {
                    throw Rejection.invalid("amount", "a rejected line approves nothing");
                }
                yield Money.zero(line.covered().currency());
            }
        };
    }

    private ClaimView finish(Actor actor, ClaimView claim, ClaimOutcome outcome, Money approved, String rejectReason,
                             Instant now) {
        claims.decide(claim.id(), outcome, approved, rejectReason, actor.username(), now);
        if (approved.isPositive() && claim.paysConsumers()) {
            benefits.approved(claims.find(claim.id()).orElseThrow(), approved, now);
        } else if (approved.isPositive()) {
            AccountView receivable = ledger.open(AccountType.INSURER_RECEIVABLE, claim.insurerId(), approved.currency());
            AccountView subrogation = ledger.open(AccountType.SUBROGATION_RECEIVABLE, claim.merchantId(), approved.currency());
            ledger.post(NewTransfer.of("claim-approved:" + claim.caseId() + ":" + claim.id(), "claim " + claim.claimNumber()
                    + " " + outcome, EntryLine.debit(receivable.id(), approved), EntryLine.credit(subrogation.id(), approved)));
        }
        ClaimView decided = claims.find(claim.id()).orElseThrow();
        audit.record("insurance.claim.decided", "insurance-claim", claim.id(), summary(claim), summary(decided));
        events.publishEvent(new ClaimDecided(claim.id(), claim.caseId(), claim.merchantId(), claim.insurerId(), outcome,
                approved, now));
        return decided;
    }

    private ClaimView lockForInsurer(Actor actor, UUID claimId) {
        if (!actor.is(Role.INSURER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the claim's insurer decides it");
        }
        ClaimView claim = claims.lock(claimId).orElseThrow(() -> Rejection.notFound("claim"));
        if (!ownedBy(actor, claim)) {
            throw Rejection.notFound("claim");
        }
        return claim;
    }

    private boolean ownedBy(Actor actor, ClaimView claim) {
        return claim.insurerId() != null && insurers.ownInsurer(actor).equals(Optional.of(claim.insurerId()));
    }

    private static void requireDecidable(ClaimView claim) {
        if (!claim.decidable()) {
            throw new Rejection(CLAIM_DECIDED, "claim " + claim.claimNumber() + " is " + claim.status()
                    + " and cannot be decided");
        }
    }

    private static Optional<String> reason(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        if (trimmed.length() < 2 || trimmed.length() > REASON_LENGTH_MAX) {
            throw Rejection.invalid("reason", "a reason is 2 to " + REASON_LENGTH_MAX + " characters");
        }
        return Optional.of(trimmed);
    }

    static Map<String, Object> summary(ClaimView claim) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("claimNumber", claim.claimNumber());
        summary.put("caseId", claim.caseId().toString());
        summary.put("status", claim.status().name());
        summary.put("outcome", claim.outcome() == null ? "" : claim.outcome().name());
        summary.put("claimed", claim.claimed());
        summary.put("covered", claim.covered());
        summary.put("approved", claim.approved());
        summary.put("lines", claim.lines().size());
        return summary;
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "claims are for operators, regulators and insurers");
    }
}
