package org.fangxin.merchant;

import static org.fangxin.merchant.MerchantChecks.invalid;
import static org.fangxin.merchant.MerchantChecks.requireOwner;
import static org.fangxin.merchant.MerchantChecks.today;
import static org.fangxin.merchant.Merchants.STATUS_CONFLICT;
import static org.fangxin.merchant.Merchants.STORE_COUNT_MAX;
import static org.fangxin.merchant.Merchants.STORE_COUNT_REACHED;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.domain.ApplicationRules;
import org.fangxin.merchant.domain.FieldProblem;
import org.fangxin.merchant.domain.StatusTransition;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The owner's stores: adding one, and a store's lease end. */
@Component
class MerchantStores {

    private final MerchantRepository repository;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    MerchantStores(MerchantRepository repository, AuditTrail audit, ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

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
}
