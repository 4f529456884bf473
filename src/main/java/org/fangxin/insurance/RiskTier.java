package org.fangxin.insurance;

/** A merchant's risk tier for premium rating, from the risk module ({@link MerchantRiskTiers}); B when not rated. */
public enum RiskTier {
    A,
    B,
    C;

    public static final RiskTier DEFAULT = B;
}
