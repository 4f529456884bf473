package org.fangxin.insurance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.insurance.domain.ClaimLimits;
import org.fangxin.insurance.domain.PolicyYear;
import org.fangxin.insurance.persistence.ClaimRepository;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.ledger.Ledger;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Component;

/**
 * Filing the claim of a closure case (see {@link Claims}): against the oldest policy that covered the merchant on the
 * closure date and insures the trigger, each line capped by what is left of the limits this policy year; without
 * such a policy, or with the limits used up, the claim is recorded UNINSURED.
 */
@Component
class ClaimFiling {

    /** The directory lock under which a policy's claims are counted and filed, one after the other (ADR 12 §8h). */
    static String claimsLockOf(UUID policyId) {
        return "insurance.policy-claims:" + policyId;
    }

    private final ClaimRepository claims;
    private final InsuranceRepository insurance;
    private final Policies policies;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final FundPayments fundPayments;
    private final Shards shards;

    ClaimFiling(ClaimRepository claims, InsuranceRepository insurance, Policies policies, AuditTrail audit, IdGenerator ids,
                Clock clock, Ledger ledger, org.fangxin.compensation.Compensations compensations, Shards shards) {
        this.shards = shards;
        this.fundPayments = new FundPayments(ledger, compensations);
        this.claims = claims;
        this.insurance = insurance;
        this.policies = policies;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** Files the case's claim, or answers the one filed before. */
    ClaimView file(NewClaim request) {
        validate(request);
        Optional<ClaimView> existing = claims.ofCase(request.caseId());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!request.paysConsumers()) {
            // a claim that reimburses the guarantee fund stands only on what the fund paid; one that pays consumers
            // directly (a failed mediation) has no fund payment behind it
            fundPayments.requireFunded(request);
        }
        List<PolicyView> covering = policies.covering(request.merchantId(), request.closedOn());
        Optional<PolicyView> insuring = covering.stream()
                .filter(p -> insurance.product(p.productId()).orElseThrow().triggers().contains(request.trigger()))
                .findFirst();
        ClaimView claim = insuring.map(policy -> covered(request, policy))
                .orElseGet(() -> uninsured(request, null, covering.isEmpty() ? UninsuredReason.NO_POLICY
                        : UninsuredReason.TRIGGER_NOT_COVERED));
        LocalDate yearStart = insuring.map(p -> PolicyYear.startOf(p.startsOn(), request.closedOn())).orElse(null);
        if (!claims.insert(claim, yearStart)) {
            return claims.ofCase(request.caseId()).orElseThrow();
        }
        audit.record("insurance.claim.filed", "insurance-claim", claim.id(), null, Claims.summary(claim));
        return claims.find(claim.id()).orElseThrow();
    }

    private ClaimView covered(NewClaim request, PolicyView policy) {
        // Claims on one policy take its limits one after the other. Sharded, they are filed on several shards and the
        // aggregate counts them all: the directory lock, held until this transaction ends, comes first (a shard's row
        // lock taken before it could close a cycle that no database sees).
        shards.lockOnDirectory(claimsLockOf(policy.id()));
        insurance.lockPolicy(policy.id());
        ProductView product = insurance.product(policy.productId()).orElseThrow();
        LocalDate yearStart = PolicyYear.startOf(policy.startsOn(), request.closedOn());
        Money zero = Money.zero(product.aggregateLimit().currency());
        Money aggregateLeft = product.aggregateLimit().minus(new Money(policies.aggregateUsed(policy.id(), yearStart),
                zero.currency()));
        Money merchantLeft = product.perMerchantLimit()
                .minus(new Money(claims.used(policy.id(), yearStart, request.merchantId()), zero.currency()));
        List<ClaimLimits.Claimed> toCap = request.lines().stream()
                .map(l -> new ClaimLimits.Claimed(l.consumerId() == null ? l.cardId() : l.consumerId(), l.claimed()))
                .toList();
        List<ClaimLimits.Covered> capped = ClaimLimits.apply(toCap, product.perConsumerLimit(), merchantLeft, aggregateLeft);
        List<ClaimView.Line> lines = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            NewClaim.Line line = request.lines().get(i);
            lines.add(new ClaimView.Line(i + 1, line.cardId(), line.consumerId(), line.claimed(), capped.get(i).covered(),
                    capped.get(i).reason(), null, null, null, null, null));
        }
        Money covered = lines.stream().map(ClaimView.Line::covered).reduce(zero, Money::plus);
        if (!covered.isPositive()) {
            return uninsured(request, policy, UninsuredReason.LIMIT_EXHAUSTED);
        }
        UUID id = ids.next();
        return new ClaimView(id, number(id, request), request.caseId(), request.merchantId(), policy.id(),
                policy.policyNumber(), policy.insurerId(), request.trigger(), request.closedOn(), ClaimStatus.FILED, null,
                null, null, total(request), covered, zero, clock.instant(), null, null, null, null, null, lines);
    }

    private ClaimView uninsured(NewClaim request, PolicyView policy, UninsuredReason reason) {
        UUID id = ids.next();
        Money zero = Money.zero(request.lines().get(0).claimed().currency());
        List<ClaimView.Line> lines = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            NewClaim.Line line = request.lines().get(i);
            lines.add(new ClaimView.Line(i + 1, line.cardId(), line.consumerId(), line.claimed(), zero,
                    policy == null ? CapReason.UNINSURED : CapReason.AGGREGATE_LIMIT, null, null, null, null, null));
        }
        return new ClaimView(id, number(id, request), request.caseId(), request.merchantId(),
                policy == null ? null : policy.id(), policy == null ? null : policy.policyNumber(),
                policy == null ? null : policy.insurerId(), request.trigger(), request.closedOn(), ClaimStatus.UNINSURED,
                null, reason, null, total(request), zero, zero, clock.instant(), null, null, null, null, null, lines);
    }

    private static void validate(NewClaim request) {
        if (request == null || request.caseId() == null || request.merchantId() == null || request.trigger() == null
                || request.closedOn() == null) {
            throw Rejection.invalid("claim", "case, merchant, trigger and closure date are required");
        }
        if (request.lines() == null || request.lines().isEmpty() || request.lines().size() > Claims.LINES_MAX) {
            throw Rejection.invalid("lines", "a claim has 1 to " + Claims.LINES_MAX + " lines");
        }
        Set<UUID> cards = new HashSet<>();
        for (NewClaim.Line line : request.lines()) {
            if (line == null || line.cardId() == null || line.claimed() == null) {
                throw Rejection.invalid("lines", "each line names a card and the amount claimed");
            }
            if (!line.claimed().isPositive() || !line.claimed().currency().equals(Money.CNY)) {
                throw Rejection.invalid("lines", "the amount claimed for card " + line.cardId() + " must be positive, in CNY");
            }
            if (!cards.add(line.cardId())) {
                throw Rejection.invalid("lines", "card " + line.cardId() + " is claimed twice");
            }
        }
    }

    private static Money total(NewClaim request) {
        return request.lines().stream().map(NewClaim.Line::claimed).reduce(Money.fen(0), Money::plus);
    }

    private static String number(UUID id, NewClaim request) {
        return "CL-" + request.closedOn().getYear() + "-" + id.toString().substring(24).toUpperCase();
    }
}
