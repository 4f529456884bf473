package org.fangxin.risk;

import java.util.Map;

/** How many rated merchants hold each tier (and the badge), within the reader's scope. */
public record TierDistributionView(Map<RiskTier, Long> tiers, long badges, long rated) {

    public TierDistributionView {
        tiers = Map.copyOf(tiers);
    }

    public long count(RiskTier tier) {
        return tiers.getOrDefault(tier, 0L);
    }
}
