package org.fangxin.merchant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What other modules may know of a merchant. */
public record MerchantView(UUID id, String legalName, String creditCode, Sector sector, String regionCode,
                           MerchantStatus status, ComplianceFlags flags, List<StoreView> stores,
                           ZoneId zone, Instant appliedAt, BusinessFacts business) {

    public MerchantView {
        stores = List.copyOf(stores);
        business = business == null ? BusinessFacts.UNDECLARED : business;
    }

    /** A view without declared business facts (kept for callers written before the facts existed). */
    public MerchantView(UUID id, String legalName, String creditCode, Sector sector, String regionCode,
                        MerchantStatus status, ComplianceFlags flags, List<StoreView> stores, ZoneId zone, Instant appliedAt) {
        this(id, legalName, creditCode, sector, regionCode, status, flags, stores, zone, appliedAt, BusinessFacts.UNDECLARED);
    }

    /** Why this merchant may not sell prepaid products now, or empty when it may. */
    public Optional<String> reasonItMayNotSell() {
        if (status != MerchantStatus.ACTIVE) {
            return Optional.of("merchant is " + status);
        }
        if (flags.dishonestDebtor()) {
            return Optional.of("merchant is on the dishonest-debtor list");
        }
        if (flags.abnormalOperation()) {
            return Optional.of("merchant is on the abnormal-operation list");
        }
        if (flags.deregistering()) {
            return Optional.of("merchant is being deregistered");
        }
        return Optional.empty();
    }

    public Optional<StoreView> store(UUID storeId) {
        return stores.stream().filter(store -> store.id().equals(storeId)).findFirst();
    }
}
