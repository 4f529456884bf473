package org.fangxin.merchant;

import static org.fangxin.merchant.MerchantChecks.forbidConsumers;
import static org.fangxin.merchant.MerchantChecks.forbidden;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.domain.MerchantAccess;
import org.fangxin.merchant.domain.StatusTransition;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@link Merchants} facade: answers reads itself and hands each change to its use case (onboarding, status and
 * facts changes, stores), which checks the actor, validates before writing, then writes, audits and publishes.
 */
@Service
@Transactional
class MerchantRegistry implements Merchants {

    private static final int PAGE_MAX = 10_000;

    private final MerchantRepository repository;
    private final MerchantOnboarding onboarding;
    private final MerchantChanges changes;
    private final MerchantStores stores;

    MerchantRegistry(MerchantRepository repository, MerchantOnboarding onboarding, MerchantChanges changes,
                     MerchantStores stores) {
        this.repository = repository;
        this.onboarding = onboarding;
        this.changes = changes;
        this.stores = stores;
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
    public java.util.Map<UUID, UUID> merchantsOfStores(java.util.Collection<UUID> storeIds) {
        return storeIds.isEmpty() ? java.util.Map.of() : repository.merchantsOfStores(storeIds);
    }

    @Override
    public void requireStore(UUID merchantId, UUID storeId) {
        if (merchantId == null || storeId == null) {
            throw Rejection.notFound("store " + storeId);
        }
        repository.requireStore(merchantId, storeId, () -> {
            // Read only to word the refusal.
            repository.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
            return Rejection.notFound("store " + storeId);
        });
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
        return onboarding.apply(application);
    }

    @Override
    public MerchantView approve(Actor operator, UUID merchantId) {
        return changes.transition(operator, merchantId, StatusTransition.APPROVE, null);
    }

    @Override
    public MerchantView reject(Actor operator, UUID merchantId, String reason) {
        return changes.transition(operator, merchantId, StatusTransition.REJECT, reason);
    }

    @Override
    public MerchantView suspend(Actor operator, UUID merchantId, String reason) {
        return changes.transition(operator, merchantId, StatusTransition.SUSPEND, reason);
    }

    @Override
    public MerchantView reinstate(Actor operator, UUID merchantId, String reason) {
        return changes.transition(operator, merchantId, StatusTransition.REINSTATE, reason);
    }

    @Override
    public MerchantView markClosing(Actor operator, UUID merchantId, String reason) {
        return changes.transition(operator, merchantId, StatusTransition.MARK_CLOSING, reason);
    }

    @Override
    public MerchantView close(Actor operator, UUID merchantId, String reason) {
        return changes.transition(operator, merchantId, StatusTransition.CLOSE, reason);
    }

    @Override
    public MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags, String reason) {
        return changes.changeComplianceFlags(actor, merchantId, flags, reason);
    }

    @Override
    public MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags,
                                              MerchantHistoryEntry.Text platformReason) {
        return changes.changeComplianceFlags(actor, merchantId, flags, platformReason);
    }

    @Override
    public MerchantView changeBusinessFacts(Actor actor, UUID merchantId, BusinessFacts facts) {
        return changes.changeBusinessFacts(actor, merchantId, facts);
    }

    @Override
    public StoreView addStore(Actor owner, UUID merchantId, StoreApplication store) {
        return stores.addStore(owner, merchantId, store);
    }

    @Override
    public StoreView changeLease(Actor owner, UUID merchantId, UUID storeId, LocalDate leaseEndsOn) {
        return stores.changeLease(owner, merchantId, storeId, leaseEndsOn);
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

}
