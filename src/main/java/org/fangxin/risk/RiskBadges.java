package org.fangxin.risk;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.risk.persistence.TierRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public face of risk (no access check: shown to consumers on product pages and in the public catalog): each
 * merchant's tier in force and whether it holds the 放心商户 badge. Merchants never rated are absent.
 */
@Service
public class RiskBadges {

    public static final int MERCHANTS_MAX = 500;

    private final TierRepository tiers;
    private final Clock clock;

    RiskBadges(TierRepository tiers, Clock clock) {
        this.tiers = tiers;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<UUID, RiskBadge> of(Collection<UUID> merchantIds) {
        if (merchantIds.size() > MERCHANTS_MAX) {
            throw new IllegalArgumentException("at most " + MERCHANTS_MAX + " merchants per call");
        }
        Map<UUID, RiskBadge> badges = new LinkedHashMap<>();
        var now = clock.instant();
        tiers.tiers(List.copyOf(merchantIds)).forEach((id, stored) ->
                badges.put(id, new RiskBadge(id, stored.tierAt(now), stored.badgeSince() != null)));
        return badges;
    }
}
