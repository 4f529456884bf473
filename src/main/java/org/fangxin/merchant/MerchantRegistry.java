package org.fangxin.merchant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.domain.ApplicationRules;
import org.fangxin.merchant.domain.CreditCode;
import org.fangxin.merchant.domain.FieldProblem;
import org.fangxin.merchant.domain.MerchantAccess;
import org.fangxin.merchant.domain.StatusTransition;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The {@link Merchants} facade: checks the actor, validates before writing, then writes, audits and publishes. */
@Service
@Transactional
class MerchantRegistry implements Merchants {

    private static final int PAGE_MAX = 10_000;

    private final MerchantRepository repository;
    private final Users users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    MerchantRegistry(MerchantRepository repository, Users users, AuditTrail audit, ApplicationEventPublisher events,
                     IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MerchantView> find(UUID merchantId) {
        return merchantId == null ? Optional.empty() : repository.find(merchantId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, MerchantView> findByCreditCodes(Collection<String> creditCodes) {
        return creditCodes.isEmpty() ? Map.of() : repository.findByCreditCodes(creditCodes);
    }

    @Override
    @Transactional(readOnly = true)
    public List<MerchantView> batch(Collection<MerchantStatus> statuses, UUID afterId, int limit) {
        if (limit < 1 || limit > BATCH_SIZE_MAX || statuses.isEmpty()) {
            throw new IllegalArgumentException("a batch has 1 to " + BATCH_SIZE_MAX + " merchants of some status");
        }
        return repository.batch(statuses, afterId, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MerchantView> findByCreditCode(String creditCode) {
        return creditCode == null ? Optional.empty() : repository.idByCreditCode(creditCode.strip()).flatMap(repository::find);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasStore(UUID merchantId, UUID storeId) {
        return merchantId != null && storeId != null && repository.storeExists(merchantId, storeId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SettlementAccount> settlementAccount(UUID merchantId) {
        return merchantId == null ? Optional.empty() : repository.settlementAccount(merchantId);
    }

    @Override
    @Transactional(readOnly = true)
    public MerchantView view(Actor actor, UUID merchantId) {
        forbidConsumers(actor);
        MerchantView merchant = repository.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        return switch (MerchantAccess.read(actor, merchant.id(), merchant.regionCode(), merchant.sector(), merchant.status())) {
            case FULL, BASIC -> merchant;
            case HIDDEN -> throw Rejection.notFound("merchant");
            case FORBIDDEN -> throw forbidden();
        };
    }

    @Override
    public MerchantView apply(MerchantApplication application) {
        Instant now = clock.instant();
        List<FieldProblem> problems = ApplicationRules.check(application, today(now));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        String creditCode = CreditCode.normalize(application.creditCode());
        if (repository.creditCodeTaken(creditCode)) {
            throw creditCodeTaken(creditCode);
        }
        UUID merchantId = ids.next();
        UserAccount owner = createOwner(application, merchantId);
        SettlementAccount account = application.settlementAccount();
        repository.insert(new MerchantRepository.NewMerchant(merchantId, application.legalName().strip(), creditCode,
                application.sector(), application.regionCode().strip(),
                application.flags() == null ? ComplianceFlags.CLEAR : application.flags(),
                new SettlementAccount(account.accountName().strip(), account.bankName().strip(),
                        ApplicationRules.normalizeAccountNumber(account.accountNumber())),
                application.contactMobile().strip(), owner.id(), now,
                ApplicationRules.normalizeBusiness(application.business(), today(now))));
        for (StoreApplication store : application.stores()) {
            repository.insertStore(merchantId, new StoreView(ids.next(), store.name().strip(), store.address().strip(),
                    store.leaseEndsOn()), now);
        }
        repository.insertHistory(ids.next(), merchantId, "APPLIED", null, MerchantStatus.PENDING, null,
                owner.username(), now);
        MerchantView merchant = repository.find(merchantId).orElseThrow();
        audit.record("merchant.applied", "merchant", merchantId, null, auditState(merchant, null));
        return merchant;
    }

    @Override
    public MerchantView approve(Actor operator, UUID merchantId) {
        return transition(operator, merchantId, StatusTransition.APPROVE, null);
    }

    @Override
    public MerchantView reject(Actor operator, UUID merchantId, String reason) {
        return transition(operator, merchantId, StatusTransition.REJECT, reason);
    }

    @Override
    public MerchantView suspend(Actor operator, UUID merchantId, String reason) {
        return transition(operator, merchantId, StatusTransition.SUSPEND, reason);
    }

    @Override
    public MerchantView reinstate(Actor operator, UUID merchantId, String reason) {
        return transition(operator, merchantId, StatusTransition.REINSTATE, reason);
    }

    @Override
    public MerchantView markClosing(Actor operator, UUID merchantId, String reason) {
        return transition(operator, merchantId, StatusTransition.MARK_CLOSING, reason);
    }

    @Override
    public MerchantView close(Actor operator, UUID merchantId, String reason) {
        return transition(operator, merchantId, StatusTransition.CLOSE, reason);
    }

    @Override
    public MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags, String reason) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw forbidden();
        }
        if (flags == null) {
            throw Rejection.invalid("flags", "give all three flags");
        }
        String why = requiredReason(reason);
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
                describe(before.flags(), flags) + " — " + why, actor.username(), now);
        MerchantView after = repository.find(merchantId).orElseThrow();
        audit.record("merchant.flags-changed", "merchant", merchantId, auditState(before, null), auditState(after, why));
        events.publishEvent(new MerchantComplianceFlagsChanged(merchantId, before.flags(), flags, why, now));
        return after;
    }

    @Override
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
                describe(after), actor.username(), now);
        audit.record("merchant.business-facts-changed", "merchant", merchantId, Map.of("business", before.business()),
                Map.of("business", after));
        events.publishEvent(new MerchantBusinessFactsChanged(merchantId, before.business(), after, actor.username(), now));
        return repository.find(merchantId).orElseThrow();
    }

    @Override
    public StoreView addStore(Actor owner, UUID merchantId, StoreApplication store) {
        requireOwner(owner, merchantId);
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        ApplicationRules.checkStore(store == null ? new StoreApplication(null, null, null) : store, "", today(now), problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        MerchantView merchant = repository.lock(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        if (StatusTransition.isFinal(merchant.status())) {
            throw new Rejection(STATUS_CONFLICT, "a " + merchant.status() + " merchant cannot add stores",
                    Map.of("status", merchant.status().name()));
        }
        if (merchant.stores().size() >= STORE_COUNT_MAX) {
            throw new Rejection(STORE_COUNT_REACHED, "a merchant may have at most " + STORE_COUNT_MAX + " stores");
        }
        StoreView added = new StoreView(ids.next(), store.name().strip(), store.address().strip(), store.leaseEndsOn());
        repository.insertStore(merchantId, added, now);
        audit.record("merchant.store-added", "merchant", merchantId, null, Map.of("storeId", added.id(),
                "name", added.name(), "leaseEndsOn", added.leaseEndsOn().toString()));
        return added;
    }

    @Override
    public StoreView changeLease(Actor owner, UUID merchantId, UUID storeId, LocalDate leaseEndsOn) {
        requireOwner(owner, merchantId);
        List<FieldProblem> problems = new ArrayList<>();
        ApplicationRules.checkLease(leaseEndsOn, "leaseEndsOn", today(clock.instant()), problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        MerchantView merchant = repository.lock(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        StoreView before = merchant.store(storeId).orElseThrow(() -> Rejection.notFound("store"));
        repository.updateLease(merchantId, storeId, leaseEndsOn);
        StoreView after = new StoreView(before.id(), before.name(), before.address(), leaseEndsOn);
        audit.record("merchant.lease-changed", "store", storeId, Map.of("leaseEndsOn", before.leaseEndsOn().toString()),
                Map.of("leaseEndsOn", leaseEndsOn.toString(), "merchantId", merchantId));
        events.publishEvent(new MerchantStoreLeaseChanged(merchantId, storeId, before.leaseEndsOn(), leaseEndsOn));
        return after;
    }

    @Override
    @Transactional(readOnly = true)
    public List<MerchantHistoryEntry> history(Actor actor, UUID merchantId) {
        forbidConsumers(actor);
        MerchantView merchant = repository.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        return switch (MerchantAccess.read(actor, merchant.id(), merchant.regionCode(), merchant.sector(), merchant.status())) {
            case FULL -> repository.history(merchantId);
            case BASIC, FORBIDDEN -> throw forbidden();
            case HIDDEN -> throw Rejection.notFound("merchant");
        };
    }

    @Override
    @Transactional(readOnly = true)
    public MerchantPage list(Actor actor, MerchantStatus status, int page, int size) {
        forbidConsumers(actor);
        if (page < 0 || page > PAGE_MAX) {
            throw Rejection.invalid("page", "page must be 0 to " + PAGE_MAX);
        }
        if (size < 1 || size > PAGE_SIZE_MAX) {
            throw Rejection.invalid("size", "size must be 1 to " + PAGE_SIZE_MAX);
        }
        Collection<MerchantStatus> statuses = status == null ? null : EnumSet.of(status);
        UUID merchantId = null;
        Sector sector = null;
        String region = null;
        switch (actor.role()) {
            case MERCHANT_OWNER, MERCHANT_STAFF -> merchantId = actor.merchantId();
            case REGULATOR, ASSOCIATION -> {
                sector = MerchantAccess.regulatedSector(actor);
                region = actor.regionCode();
            }
            case BANK, INSURER -> {
                EnumSet<MerchantStatus> visible = EnumSet.copyOf(MerchantAccess.ACCEPTED);
                if (statuses != null) {
                    visible.retainAll(statuses);
                }
                if (visible.isEmpty()) {
                    return new MerchantPage(List.of(), page, size, 0);
                }
                statuses = visible;
            }
            default -> { }
        }
        var filter = new MerchantRepository.Filter(merchantId, sector, statuses, region);
        return new MerchantPage(repository.page(filter, page * size, size), page, size, repository.count(filter));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MerchantView> mine(Actor actor) {
        return actor.role().isMerchantSide() ? repository.find(actor.merchantId()) : Optional.empty();
    }

    private MerchantView transition(Actor actor, UUID merchantId, StatusTransition transition, String reason) {
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

    /** Creates the owner's login; its rejections are renamed to the application's fields. */
    private UserAccount createOwner(MerchantApplication application, UUID merchantId) {
        String displayName = application.ownerDisplayName() == null || application.ownerDisplayName().isBlank()
                ? application.legalName().strip() : application.ownerDisplayName().strip();
        try {
            return users.create(application.ownerUsername(), application.ownerPassword(), displayName,
                    Role.MERCHANT_OWNER, merchantId, null);
        } catch (Rejection rejection) {
            Map<String, Object> properties = new LinkedHashMap<>(rejection.properties());
            Object field = properties.get("field");
            if ("username".equals(field)) {
                properties.put("field", "ownerUsername");
            } else if ("password".equals(field)) {
                properties.put("field", "ownerPassword");
            }
            throw new Rejection(rejection.type(), rejection.getMessage(), properties);
        }
    }

    private void requireOwner(Actor actor, UUID merchantId) {
        if (actor.role() == Role.MERCHANT_OWNER && actor.worksFor(merchantId)) {
            return;
        }
        if (actor.role().isMerchantSide() && !actor.worksFor(merchantId)) {
            throw Rejection.notFound("merchant");
        }
        throw forbidden();
    }

    private static void forbidConsumers(Actor actor) {
        if (actor.is(Role.CONSUMER, Role.DATA_PROVIDER)) {
            throw forbidden();
        }
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "your role may not do this");
    }

    static Rejection invalid(List<FieldProblem> problems) {
        List<Map<String, Object>> errors = problems.stream()
                .map(problem -> Map.<String, Object>of("field", problem.field(), "messageKey", problem.messageKey(),
                        "message", problem.message()))
                .toList();
        String detail = problems.stream().map(problem -> problem.field() + ": " + problem.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid");
        return new Rejection(ProblemType.INVALID_INPUT, detail, Map.of("field", problems.get(0).field(), "errors", errors));
    }

    private static Rejection creditCodeTaken(String creditCode) {
        return new Rejection(CREDIT_CODE_TAKEN, "credit code " + creditCode + " is already registered",
                Map.of("field", "creditCode"));
    }

    private static String requiredReason(String reason) {
        String why = optionalReason(reason);
        if (why == null) {
            throw Rejection.invalid("reason", "give a reason");
        }
        return why;
    }

    private static String optionalReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String why = reason.strip();
        if (why.length() > StatusTransition.REASON_LENGTH_MAX) {
            throw Rejection.invalid("reason", "reason must be at most " + StatusTransition.REASON_LENGTH_MAX + " characters");
        }
        return why;
    }

    private static String describe(ComplianceFlags before, ComplianceFlags after) {
        List<String> changes = new ArrayList<>();
        change(changes, "dishonest-debtor", before.dishonestDebtor(), after.dishonestDebtor());
        change(changes, "abnormal-operation", before.abnormalOperation(), after.abnormalOperation());
        change(changes, "deregistering", before.deregistering(), after.deregistering());
        return String.join(", ", changes);
    }

    private static String describe(BusinessFacts facts) {
        return "licensed " + facts.licensedOn() + ", registered capital " + facts.registeredCapital().format()
                + (facts.priorYearRevenue() == null ? "" : ", revenue " + facts.revenueYear() + " " + facts.priorYearRevenue().format());
    }

    private static void change(List<String> changes, String name, boolean before, boolean after) {
        if (before != after) {
            changes.add((after ? "+" : "-") + name);
        }
    }

    private static Map<String, Object> auditState(MerchantView merchant, String reason) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", merchant.status().name());
        state.put("flags", merchant.flags());
        state.put("legalName", merchant.legalName());
        state.put("creditCode", merchant.creditCode());
        state.put("business", merchant.business());
        if (reason != null) {
            state.put("reason", reason);
        }
        return state;
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, MerchantRepository.ZONE);
    }
}
