package org.fangxin.risk.terms;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.MerchantStanding;
import org.fangxin.catalog.MerchantStandings;
import org.fangxin.risk.RiskBadges;
import org.springframework.stereotype.Component;

/** The catalog's port for the tier and 放心商户 badge shown where consumers choose products. */
@Component
class Standings implements MerchantStandings {

    private final RiskBadges badges;

    Standings(RiskBadges badges) {
        this.badges = badges;
    }

    @Override
    public Map<UUID, MerchantStanding> of(Collection<UUID> merchantIds) {
        Map<UUID, MerchantStanding> standings = new LinkedHashMap<>();
        badges.of(merchantIds.stream().limit(RiskBadges.MERCHANTS_MAX).toList())
                .forEach((id, badge) -> standings.put(id, new MerchantStanding(badge.tier().name(), badge.trusted())));
        return standings;
    }
}
