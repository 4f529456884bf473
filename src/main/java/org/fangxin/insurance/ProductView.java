package org.fangxin.insurance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;

/** A closure-insurance product of one insurer. Limits are per year (aggregate), per merchant and per consumer. */
public record ProductView(UUID id, UUID insurerId, String name, Set<ClosureTrigger> triggers, List<ProductRate> rates,
                          Money aggregateLimit, Money perMerchantLimit, Money perConsumerLimit, Instant createdAt) {

    public ProductView {
        triggers = Set.copyOf(triggers);
        rates = List.copyOf(rates);
    }

    /** The yearly rate for a sector and tier; empty when the product does not insure that sector and tier. */
    public Optional<Integer> rateBps(Sector sector, RiskTier tier) {
        return rates.stream().filter(r -> r.sector() == sector && r.tier() == tier).map(ProductRate::rateBps).findFirst();
    }
}
