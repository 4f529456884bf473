package org.fangxin.insurance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.card.ConsumerExposures;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.domain.PremiumArithmetic;
import org.fangxin.insurance.domain.ScopeMatch;
import org.fangxin.insurance.domain.InsuredCover;
import org.fangxin.insurance.domain.PolicyYear;
import org.fangxin.insurance.persistence.ClaimRepository;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closure-insurance policies: a product bound to one merchant, a group or a region for a period, with cost sharing.
 * {@link #insuredCover} tells other modules (protection's deposit rule, later the supervision ratio) how much of a
 * merchant's advance exposure insurance covers: what a claim on the one policy it would go to could recover, within
 * that policy's remaining limits. A merchant is covered when the scope matches, it was accepted by the platform (ACTIVE, SUSPENDED,
 * CLOSING or CLOSED) and the product rates its sector at its risk tier.
 */
@Service
@Transactional
public class Policies {

    public static final int GROUP_SIZE_MAX = 500;
    public static final int YEARS_MAX = 5;
    static final Set<MerchantStatus> COVERABLE =
            EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED, MerchantStatus.CLOSING, MerchantStatus.CLOSED);

    private final InsuranceRepository repository;
    private final Insurers insurers;
    private final Merchants merchants;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final ZoneId zone;
    private final ClaimRepository claims;
    private final ObjectProvider<ConsumerExposures> consumerExposures;
    private final ObjectProvider<MerchantRiskTiers> riskTiers;
    private final Shards shards;
    private final InsuranceCopies copies;

    /** The order of {@code InsuranceRepository.policies}: newest first. */
    private static final java.util.Comparator<PolicyView> NEWEST_FIRST = java.util.Comparator
            .comparing(PolicyView::createdAt).reversed().thenComparing(PolicyView::id);

    Policies(InsuranceRepository repository, Insurers insurers, Merchants merchants, Ledger ledger, AuditTrail audit,
             IdGenerator ids, Clock clock, @Value("${fangxin.insurance.zone:Asia/Shanghai}") String zone,
             ClaimRepository claims, ObjectProvider<ConsumerExposures> consumerExposures,
             ObjectProvider<MerchantRiskTiers> riskTiers, Shards shards, InsuranceCopies copies) {
        this.shards = shards;
        this.copies = copies;
        this.claims = claims;
        this.consumerExposures = consumerExposures;
        this.riskTiers = riskTiers;
        this.repository = repository;
        this.insurers = insurers;
        this.merchants = merchants;
        this.ledger = ledger;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** OPERATOR: issues a policy. Shares must sum to exactly 10000 bps; the scope must name existing, accepted merchants. */
    public PolicyView issue(Actor actor, NewPolicy request) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators issue policies");
        }
        if (request.productId() == null || request.scope() == null || request.startsOn() == null
                || request.endsOn() == null || request.costSharing() == null) {
            throw Rejection.invalid("policy", "product, scope, dates and cost sharing are required");
        }
        String holder = request.policyholder() == null ? "" : request.policyholder().trim();
        if (holder.length() < 2 || holder.length() > 100) {
            throw Rejection.invalid("policyholder", "the policyholder's name is 2 to 100 characters");
        }
        ProductView product = insurers.product(actor, request.productId());
        request.costSharing().problem().ifPresent(problem -> {
            throw Rejection.invalid("costSharing", problem);
        });
        if (request.endsOn().isBefore(request.startsOn())) {
            throw Rejection.invalid("endsOn", "the policy must end on or after its start");
        }
        if (request.endsOn().isAfter(request.startsOn().plusYears(YEARS_MAX))) {
            throw Rejection.invalid("endsOn", "a policy runs at most " + YEARS_MAX + " years");
        }
        List<UUID> merchantIds = request.merchantIds() == null ? List.of() : List.copyOf(request.merchantIds());
        String region = request.regionCode() == null || request.regionCode().isBlank() ? null : request.regionCode().trim();
        validateScope(request.scope(), merchantIds, region);
        UUID id = ids.next();
        String number = "CI-" + request.startsOn().getYear() + "-" + id.toString().substring(24).toUpperCase();
        PolicyView policy = new PolicyView(id, number, product.id(), product.name(), product.insurerId(),
                insurers.view(actor, product.insurerId()).name(), request.scope(), merchantIds, region,
                holder, request.startsOn(), request.endsOn(), request.costSharing(), clock.instant());
        repository.insertPolicy(policy, actor.username());
        audit.record("insurance.policy.issued", "insurance-policy", id, null, policy);
        copies.afterCommit(policy, actor.username()); // sharded: every shard's merchants may be covered (ADR 12 §8h)
        return policy;
    }

    /** Copies a policy issued earlier to every shard where it is missing (see {@link Insurers#copyEverywhere}). */
    public void copyEverywhere(UUID policyId, String by) {
        copies.policy(policyId, by);
    }

    /**
     * Policies the actor may see: all (OPERATOR), those covering merchants in its scope (REGULATOR), its insurer's
     * (INSURER), or those in force today that cover its merchant (merchant owner and staff).
     */
    @Transactional(readOnly = true)
    public List<PolicyView> list(Actor actor) {
        // Sharded (ADR 12 §8g, §8h): each shard answers its newest once, and a policy's copies are shown once.
        if (actor.is(Role.OPERATOR, Role.REGULATOR)) {
            return onceEach(shards.page((offset, max) -> repository.policies(null).stream()
                    .filter(policy -> withinScope(actor, policy)).toList(), NEWEST_FIRST, 0, pageOfCopies()));
        }
        if (actor.is(Role.INSURER)) {
            return insurers.ownInsurer(actor).map(insurer -> onceEach(shards.page((offset, max) -> repository.policies(insurer),
                    NEWEST_FIRST, 0, pageOfCopies()))).orElse(List.of());
        }
        if (actor.role().isMerchantSide()) {
            return covering(actor.merchantId());
        }
        throw new Rejection(ProblemType.FORBIDDEN, "policies are for operators, regulators, insurers and covered merchants");
    }

    /** Enough merged rows for {@code ROWS_MAX} distinct policies when every shard holds a copy of each. */
    private int pageOfCopies() {
        return InsuranceRepository.ROWS_MAX * shards.count();
    }

    /** The merged rows with each policy once (its copies are equal), at most {@code ROWS_MAX}, in their order. */
    private static List<PolicyView> onceEach(List<PolicyView> merged) {
        java.util.Map<UUID, PolicyView> once = new java.util.LinkedHashMap<>();
        merged.forEach(policy -> once.putIfAbsent(policy.id(), policy));
        return once.values().stream().limit(InsuranceRepository.ROWS_MAX).toList();
    }

    /** One policy; another insurer's policy, or one that does not cover the caller's merchant, is "not found". */
    @Transactional(readOnly = true)
    public PolicyView view(Actor actor, UUID policyId) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR, Role.INSURER) && !actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "policies are for operators, regulators, insurers and covered merchants");
        }
        PolicyView policy = find(policyId).orElseThrow(() -> Rejection.notFound("policy"));
        boolean visible = switch (actor.role()) {
            case OPERATOR, REGULATOR -> withinScopeOnEveryShard(actor, policy);
            case INSURER -> insurers.ownInsurer(actor).equals(Optional.of(policy.insurerId()));
            default -> merchants.find(actor.merchantId()).map(m -> scopeCovers(policy, m)).orElse(false);
        };
        if (!visible) {
            throw Rejection.notFound("policy");
        }
        return policy;
    }

    /**
     * Whether a regulator's scope reaches the policy (everyone else: yes): a REGION policy whose region overlaps the
     * regulator's, or a merchant or group policy naming a merchant within its region and sector.
     */
    boolean withinScope(Actor actor, PolicyView policy) {
        MerchantScope scope = MerchantScope.of(actor);
        if (scope.all()) {
            return true;
        }
        if (policy.scope() == PolicyScope.REGION) {
            return scope.regionCode() == null || ScopeMatch.regionCovers(policy.regionCode(), scope.regionCode())
                    || ScopeMatch.regionCovers(scope.regionCode(), policy.regionCode());
        }
        return policy.merchantIds().stream().anyMatch(id -> merchantWithinScope(scope, id));
    }

    /**
     * {@link #withinScope} with a MERCHANT or GROUP policy's named merchants read on the shards that keep them (ADR 12
     * §8h): a GROUP may name merchants of several shards, and a request by policy id runs on none of theirs. One
     * question per shard; with one database, in place.
     */
    private boolean withinScopeOnEveryShard(Actor actor, PolicyView policy) {
        if (policy.scope() == PolicyScope.REGION || MerchantScope.of(actor).all()) {
            return withinScope(actor, policy);
        }
        return shards.each(() -> withinScope(actor, policy)).contains(true);
    }

    /**
     * The policy (no access check; for this module's scoped reads). Sharded: policy ids carry no merchant gene (a group
     * or region policy names no one merchant), so each shard is asked once.
     */
    Optional<PolicyView> find(UUID policyId) {
        return shards.each(() -> repository.policy(policyId)).stream().flatMap(Optional::stream).findFirst();
    }

    /** Whether the merchant lies within the actor's scope (always for an unscoped actor). */
    boolean merchantWithinScope(Actor actor, UUID merchantId) {
        return merchantWithinScope(MerchantScope.of(actor), merchantId);
    }

    private boolean merchantWithinScope(MerchantScope scope, UUID merchantId) {
        return scope.all() || merchantId != null && merchants.find(merchantId).map(scope::covers).orElse(false);
    }

    /** Policies in force today that cover the merchant (no access check; for other modules and pages). */
    @Transactional(readOnly = true)
    public List<PolicyView> covering(UUID merchantId) {
        return covering(merchantId, today());
    }

    /** Policies in force on {@code day} that cover the merchant, oldest first (no access check). */
    @Transactional(readOnly = true)
    public List<PolicyView> covering(UUID merchantId, LocalDate day) {
        Optional<MerchantView> merchant = merchants.find(merchantId);
        if (merchant.isEmpty()) {
            return List.of();
        }
        return repository.candidatePolicies(merchantId, day).stream()
                .filter(policy -> covers(policy, merchant.get(), repository.product(policy.productId()).orElseThrow()))
                .toList();
    }

    /** The product a policy insures under (limits, name); no access check, for "how this purchase is protected". */
    @Transactional(readOnly = true)
    public Optional<ProductView> productOf(PolicyView policy) {
        return repository.product(policy.productId());
    }

    /**
     * The part of the merchant's advance exposure a closure claim would recover today (no access check): a claim goes
     * to one policy, the oldest in force that covers the merchant and insures a confirmed closure (as {@link Claims}
     * files it), within what is left this policy year of its per-merchant and aggregate limits and its per-consumer
     * limit over the holders of live cards. Zero when uninsured or without exposure.
     */
    @Transactional(readOnly = true)
    public Money insuredCover(UUID merchantId) {
        Money exposure = exposure(merchantId);
        Money zero = Money.zero(exposure.currency());
        if (!exposure.isPositive()) {
            return zero;
        }
        LocalDate today = today();
        Optional<PolicyView> claimedOn = covering(merchantId, today).stream()
                .filter(p -> repository.product(p.productId()).orElseThrow().triggers().contains(ClosureTrigger.CLOSURE_CONFIRMED))
                .findFirst();
        if (claimedOn.isEmpty()) {
            return zero;
        }
        PolicyView policy = claimedOn.get();
        ProductView product = repository.product(policy.productId()).orElseThrow();
        if (!product.perMerchantLimit().currency().equals(exposure.currency())) {
            return zero;
        }
        LocalDate yearStart = PolicyYear.startOf(policy.startsOn(), today);
        Money merchantLeft = product.perMerchantLimit().minus(new Money(claims.used(policy.id(), yearStart, merchantId), exposure.currency()));
        Money aggregateLeft = product.aggregateLimit().minus(new Money(aggregateUsed(policy.id(), yearStart), exposure.currency()));
        Money perConsumer = consumerExposures.orderedStream().findFirst()
                .map(c -> c.cappedPerConsumer(merchantId, product.perConsumerLimit())).orElse(exposure);
        return InsuredCover.of(exposure, merchantLeft, aggregateLeft, perConsumer);
    }

    /**
     * What claims on the policy take of its aggregate limit in the policy year starting {@code yearStart}, on every
     * shard: a GROUP or REGION policy's claims are filed on their merchants' shards (ADR 12 §8h; one question per
     * shard). A filing reads it under the policy's directory lock ({@code ClaimFiling}), so no claim of another shard
     * can commit unseen meanwhile.
     */
    long aggregateUsed(UUID policyId, LocalDate yearStart) {
        return shards.each(() -> claims.used(policyId, yearStart, null)).stream().mapToLong(Long::longValue).sum();
    }

    /** The merchant's advance exposure: the balance of its MERCHANT_ADVANCE account in CNY (zero when none). */
    @Transactional(readOnly = true)
    public Money exposure(UUID merchantId) {
        return ledger.findAccount(AccountType.MERCHANT_ADVANCE, merchantId, Money.CNY).map(AccountView::normalBalance)
                .orElse(Money.zero(Money.CNY));
    }

    /** The risk tier premiums are rated at: the risk module's rating, B for a merchant not rated. */
    public RiskTier tierOf(UUID merchantId) {
        return riskTiers.orderedStream().map(source -> source.tierOf(merchantId)).flatMap(Optional::stream).findFirst()
                .orElse(RiskTier.DEFAULT);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Scope, status and rate: whether this policy's product insures this merchant. */
    boolean covers(PolicyView policy, MerchantView merchant, ProductView product) {
        return scopeCovers(policy, merchant) && COVERABLE.contains(merchant.status())
                && product.rateBps(merchant.sector(), tierOf(merchant.id())).isPresent();
    }

    private static boolean scopeCovers(PolicyView policy, MerchantView merchant) {
        return ScopeMatch.covers(policy.scope(), policy.merchantIds(), policy.regionCode(), merchant.id(),
                merchant.regionCode());
    }

    /**
     * The named merchants the platform accepted. Sharded (ADR 12 §8h): a GROUP may name merchants of several shards, so
     * each shard is asked once for the ones it keeps.
     */
    private Set<UUID> accepted(List<UUID> merchantIds) {
        List<UUID> named = merchantIds.stream().filter(java.util.Objects::nonNull).toList();
        Set<UUID> accepted = new HashSet<>();
        shards.each(() -> named.stream().filter(id -> merchants.find(id).map(m -> COVERABLE.contains(m.status()))
                .orElse(false)).toList()).forEach(accepted::addAll);
        return accepted;
    }

    private void validateScope(PolicyScope scope, List<UUID> merchantIds, String region) {
        switch (scope) {
            case MERCHANT, GROUP -> {
                if (region != null) {
                    throw Rejection.invalid("regionCode", "only a REGION policy names a region");
                }
                if (scope == PolicyScope.MERCHANT ? merchantIds.size() != 1 : merchantIds.isEmpty()
                        || merchantIds.size() > GROUP_SIZE_MAX) {
                    throw Rejection.invalid("merchantIds", scope == PolicyScope.MERCHANT ? "name exactly one merchant"
                            : "name 1 to " + GROUP_SIZE_MAX + " merchants");
                }
                if (new HashSet<>(merchantIds).size() != merchantIds.size()) {
                    throw Rejection.invalid("merchantIds", "a merchant is named twice");
                }
                Set<UUID> accepted = accepted(merchantIds);
                for (UUID merchantId : merchantIds) {
                    if (!accepted.contains(merchantId)) {
                        throw Rejection.invalid("merchantIds", "merchant " + merchantId + " is unknown or not accepted");
                    }
                }
            }
            case REGION -> {
                if (region == null || !region.matches("[1-9][0-9]{5}")) {
                    throw Rejection.invalid("regionCode", "a REGION policy names a 6-digit region code");
                }
                if (!merchantIds.isEmpty()) {
                    throw Rejection.invalid("merchantIds", "a REGION policy covers the region, not named merchants");
                }
            }
        }
    }
}
