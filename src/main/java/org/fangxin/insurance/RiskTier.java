package org.fangxin.insurance;

/** A merchant's risk tier for premium rating; every merchant is tier B until the risk module rates it. */
public enum RiskTier {
    A,
    B,
    C;

    public static final RiskTier DEFAULT = B;
}
