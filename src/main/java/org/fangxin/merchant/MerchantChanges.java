package org.fangxin.merchant;

import static org.fangxin.merchant.MerchantChecks.auditState;
import static org.fangxin.merchant.MerchantChecks.forbidden;
import static org.fangxin.merchant.MerchantChecks.invalid;
import static org.fangxin.merchant.MerchantChecks.optionalReason;
import static org.fangxin.merchant.MerchantChecks.requiredReason;
import static org.fangxin.merchant.MerchantChecks.today;
import static org.fangxin.merchant.Merchants.STATUS_CONFLICT;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.domain.ApplicationRules;
import org.fangxin.merchant.domain.FieldProblem;
import org.fangxin.merchant.domain.MerchantAccess;
import org.fangxin.merchant.domain.StatusTransition;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.MessageArgument;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Changes by the platform's people and the owner: status transitions, compliance flags, business facts. */
@Component
class MerchantChanges {

    private final MerchantRepository repository;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    MerchantChanges(MerchantRepository repository, AuditTrail audit, ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    MerchantView transition(Actor actor, UUID merchantId, StatusTransition transition, String reason) {
        if (!actor.is(Role.OPERATOR)) {
            throw forbidden();
        }
        String why = transition.reasonRequired() ? requiredReason(reason) : optionalReason(reason);
        MerchantView before = repository.lock(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        if (!transition.allowedFrom(before.status())) {
            throw new Rejection(STATUS_CONFLICT, "a " + before.status() + " merchant cannot be moved by " + transition,
                    Map.of("status", before.status().name(), "action", transition.name()));
        }
        Instant now = clock.instant();
        repository.updateStatus(merchantId, transition.target(), now);
        repository.insertHistory(ids.next(), merchantId, transition.name(), before.status(), transition.target(), why,
                actor.username(), now);
        MerchantView after = repository.find(merchantId).orElseThrow();
        audit.record("merchant." + transition.name().toLowerCase().replace('_', '-'), "merchant", merchantId,
                auditState(before, null), auditState(after, why));
        events.publishEvent(new MerchantStatusChanged(merchantId, before.status(), after.status(), why, now));
        if (transition == StatusTransition.APPROVE) {
            events.publishEvent(new MerchantApproved(merchantId, after.sector(), after.regionCode(), now));
        }
        return after;
    }

    public MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags, String reason) {
        return changeComplianceFlags(actor, merchantId, flags, reason == null ? "" : reason, null);
    }

    /** A change the platform makes from a data feed: its reason is a text of the platform's (ADR 11), not typed. */
    public MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags,
                                              MerchantHistoryEntry.Text platformReason) {
        if (platformReason == null) {
            throw new IllegalArgumentException("a platform-made change names its reason");
        }
        return changeComplianceFlags(actor, merchantId, flags, null, platformReason);
    }

    private MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags, String typed,
                                               MerchantHistoryEntry.Text platformReason) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw forbidden();
        }
        if (flags == null) {
            throw Rejection.invalid("flags", "give all three flags");
        }
        // a typed reason is checked only once the caller may change flags at all (403 before 400)
        String typedReason = typed == null ? null : requiredReason(typed);
        String why = typedReason != null ? typedReason
                : platformReason.key() + " " + String.join(" ", platformReason.args());
        MerchantView before = repository.lock(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        if (MerchantAccess.read(actor, before.id(), before.regionCode(), before.sector(), before.status()) != MerchantAccess.Level.FULL) {
            throw Rejection.notFound("merchant");
        }
        if (before.flags().equals(flags)) {
            return before;
        }
        Instant now = clock.instant();
        repository.updateFlags(merchantId, flags);
        repository.insertHistory(ids.next(), merchantId, "FLAGS_CHANGED", before.status(), before.status(),
                typedReason, actor.username(), now, describe(before.flags(), flags), platformReason);
        MerchantView after = repository.find(merchantId).orElseThrow();
        audit.record("merchant.flags-changed", "merchant", merchantId, auditState(before, null), auditState(after, why));
        events.publishEvent(new MerchantComplianceFlagsChanged(merchantId, before.flags(), flags, why, now));
        return after;
    }

    public MerchantView changeBusinessFacts(Actor actor, UUID merchantId, BusinessFacts facts) {
        boolean owner = actor.role() == Role.MERCHANT_OWNER && actor.worksFor(merchantId);
        if (!owner && !actor.is(Role.OPERATOR)) {
            if (actor.role().isMerchantSide() && !actor.worksFor(merchantId)) {
                throw Rejection.notFound("merchant");
            }
            throw forbidden();
        }
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        ApplicationRules.checkBusiness(facts == null ? BusinessFacts.UNDECLARED : facts, today(now), problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        MerchantView before = repository.lock(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        BusinessFacts after = ApplicationRules.normalizeBusiness(facts, today(now));
        if (before.business().equals(after)) {
            return before;
        }
        repository.updateBusiness(merchantId, after);
        repository.insertHistory(ids.next(), merchantId, "BUSINESS_FACTS_CHANGED", before.status(), before.status(),
                null, actor.username(), now, describe(after), null);
        audit.record("merchant.business-facts-changed", "merchant", merchantId, Map.of("business", before.business()),
                Map.of("business", after));
        events.publishEvent(new MerchantBusinessFactsChanged(merchantId, before.business(), after, actor.username(), now));
        return repository.find(merchantId).orElseThrow();
    }

    /** The flags set or cleared, each a word of the bundle; the unchanged ones are empty arguments. */
    private static MerchantHistoryEntry.Text describe(ComplianceFlags before, ComplianceFlags after) {
        return MerchantHistoryEntry.Text.of("merchant.history.detail.flags",
                change("dishonest-debtor", before.dishonestDebtor(), after.dishonestDebtor()),
                change("abnormal-operation", before.abnormalOperation(), after.abnormalOperation()),
                change("deregistering", before.deregistering(), after.deregistering()));
    }

    private static MerchantHistoryEntry.Text describe(BusinessFacts facts) {
        String licensed = String.valueOf(facts.licensedOn());
        String capital = facts.registeredCapital().format();
        return facts.priorYearRevenue() == null
                ? MerchantHistoryEntry.Text.of("merchant.history.detail.facts", licensed, capital)
                : MerchantHistoryEntry.Text.of("merchant.history.detail.factsWithRevenue", licensed, capital,
                        String.valueOf(facts.revenueYear()), facts.priorYearRevenue().format());
    }

    private static String change(String flag, boolean before, boolean after) {
        return before == after ? ""
                : MessageArgument.key("merchant.history.flag." + flag + (after ? ".set" : ".cleared"));
    }
}
