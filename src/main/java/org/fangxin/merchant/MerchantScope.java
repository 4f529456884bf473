package org.fangxin.merchant;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fangxin.identity.Actor;
import org.fangxin.shared.RegionCode;

/**
 * The merchants a caller's scope covers, for other modules' reads: a regulator or consumer association limited to a
 * region (with everything below it) and, for a regulator, a sector. Modules filter lists in SQL with {@link #and}
 * over their own merchant id column, which reads the view {@code merchant.merchant_scope} this module owns (V4_27_1),
 * and single objects with {@link #covers}. Unscoped callers (operators, nationwide regulators) get no condition.
 */
public record MerchantScope(String regionCode, String sector) {

    /** Every merchant: no condition. */
    public static final MerchantScope ALL = new MerchantScope(null, null);

    public MerchantScope {
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw new IllegalArgumentException("not a region code: " + regionCode);
        }
    }

    /** The scope of a caller: its region and sector when it is a scoped regulator or association, else {@link #ALL}. */
    public static MerchantScope of(Actor actor) {
        return actor.scoped() ? new MerchantScope(actor.regionCode(), actor.sector()) : ALL;
    }

    public boolean all() {
        return regionCode == null && sector == null;
    }

    public boolean covers(String merchantRegionCode, String merchantSector) {
        return RegionCode.within(merchantRegionCode, regionCode) && (sector == null || sector.equals(merchantSector));
    }

    public boolean covers(MerchantView merchant) {
        return covers(merchant.regionCode(), merchant.sector().name());
    }

    /**
     * {@code " and <column> in (…merchants in scope…)"}, or an empty string for {@link #ALL}; bind {@link #params()}.
     */
    public String and(String merchantIdColumn) {
        if (all()) {
            return "";
        }
        StringBuilder condition = new StringBuilder(" and ").append(merchantIdColumn)
                .append(" in (select merchant_id from merchant.merchant_scope where true");
        if (regionCode != null) {
            condition.append(" and region_code like :scopeRegion");
        }
        if (sector != null) {
            condition.append(" and sector = :scopeSector");
        }
        return condition.append(")").toString();
    }

    /** The parameters of {@link #and}. */
    public Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        if (regionCode != null) {
            params.put("scopeRegion", RegionCode.prefix(regionCode) + "%");
        }
        if (sector != null) {
            params.put("scopeSector", sector);
        }
        return params;
    }
}
