package org.fangxin.risk;

import java.util.UUID;

/** A merchant whose score moved most over the period: from and to (hundredths of a point) and the tiers. */
public record MoverView(UUID merchantId, String legalName, String sector, String regionCode, int fromScoreCenti,
                        int toScoreCenti, RiskTier fromTier, RiskTier toTier) {

    public int changeCenti() {
        return toScoreCenti - fromScoreCenti;
    }
}
