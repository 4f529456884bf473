package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;

/**
 * A merchant's deposit coverage: the figures now (exposure, insured cover, required, lodged, shortfall) and the sales
 * block set by the last coverage check ({@code underCoveredSince} non-null = blocked; {@code checkedAt} null = never
 * checked).
 */
public record CoverageView(UUID merchantId, String legalName, Sector sector, Money exposure, Money insuredCover,
                           Money floor, int shareBps, Money required, Money lodged, Money shortfall,
                           Instant underCoveredSince, Instant checkedAt) {

    public boolean blocked() {
        return underCoveredSince != null;
    }
}
