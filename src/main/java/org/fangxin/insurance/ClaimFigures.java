package org.fangxin.insurance;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.domain.PolicyYear;
import org.fangxin.insurance.persistence.ClaimRepository;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What claims add up to per policy: the aggregate limit left this policy year and the loss ratio. */
@Service
@Transactional(readOnly = true)
public class ClaimFigures {

    private final ClaimRepository claims;
    private final InsuranceRepository insurance;
    private final Policies policies;
    private final Insurers insurers;
    private final Premiums premiums;
    private final Shards shards;

    ClaimFigures(ClaimRepository claims, InsuranceRepository insurance, Policies policies, Insurers insurers,
                 Premiums premiums, Shards shards) {
        this.shards = shards;
        this.claims = claims;
        this.insurance = insurance;
        this.policies = policies;
        this.insurers = insurers;
        this.premiums = premiums;
    }

    /**
     * What is left of the policy's aggregate annual limit in the policy year of {@code on}: the limit less what DECIDED
     * and PAID claims approved and FILED or UNDER_REVIEW claims cover (no access check: a figure, not a claim's content).
     * Before a policy starts, its first year (a policy issued to start later is listed too).
     */
    public Money aggregateRemaining(UUID policyId, LocalDate on) {
        PolicyView policy = insurance.policy(policyId).or(() -> policies.find(policyId))
                .orElseThrow(() -> Rejection.notFound("policy"));
        ProductView product = insurance.product(policy.productId()).orElseThrow();
        LocalDate yearStart = PolicyYear.startOf(policy.startsOn(), on.isBefore(policy.startsOn()) ? policy.startsOn() : on);
        Money used = new Money(policies.aggregateUsed(policy.id(), yearStart), product.aggregateLimit().currency());
        return product.aggregateLimit().minus(used).max(Money.zero(used.currency()));
    }

    /** The loss ratio of one policy the actor may see (another insurer's policy is "not found"). */
    public LossRatioView lossRatio(Actor actor, UUID policyId) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR, Role.INSURER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "claims are for operators, regulators and insurers");
        }
        PolicyView policy = policies.view(actor, policyId);
        return lossRatios(actor).getOrDefault(policy.id(), LossRatioView.of(policy.id(), Money.fen(0), Money.fen(0)));
    }

    /**
     * Claims approved or paid per policy, on every shard: a policy's claims are filed on its merchants' shards (ADR 12
     * §8h); one grouped sum per shard, added up, so the cost grows with the shard count only.
     */
    private Map<UUID, Long> approvedByPolicy(UUID insurer) {
        Map<UUID, Long> approved = new java.util.HashMap<>();
        shards.each(() -> claims.approvedByPolicy(insurer)).forEach(part -> part.forEach((policy, minor) ->
                approved.merge(policy, minor, Long::sum)));
        return approved;
    }

    /** Loss ratio per policy the actor may see: claims approved or paid ÷ premium billed. */
    public Map<UUID, LossRatioView> lossRatios(Actor actor) {
        Map<UUID, Money> billed = premiums.premiumBilled(actor);
        UUID insurer = actor.is(Role.INSURER) ? insurers.ownInsurer(actor).orElse(null) : null;
        Map<UUID, Long> approved = actor.is(Role.INSURER) && insurer == null ? Map.of() : approvedByPolicy(insurer);
        Map<UUID, LossRatioView> ratios = new LinkedHashMap<>();
        Set<UUID> policyIds = new HashSet<>(billed.keySet());
        policyIds.addAll(approved.keySet());
        if (actor.scoped()) {
            Set<UUID> visible = new HashSet<>(policies.list(actor).stream().map(PolicyView::id).toList());
            policyIds.retainAll(visible);
        }
        for (UUID policyId : policyIds) {
            ratios.put(policyId, LossRatioView.of(policyId, billed.getOrDefault(policyId, Money.fen(0)),
                    Money.fen(approved.getOrDefault(policyId, 0L))));
        }
        return ratios;
    }
}
