package org.fangxin.risk;

/**
 * A merchant's risk tier, best (A) to worst (D), from its explainable score. Tiers drive the consequences (supervision
 * ratio, advance cap, deposit share, insurance premium tier, settlement cycle, sales block at D).
 */
public enum RiskTier {
    A,
    B,
    C,
    D;

    /** The tier of a merchant not yet rated long enough to earn better (insurance's default is B too). */
    public static final RiskTier INITIAL = B;

    public boolean betterThan(RiskTier other) {
        return ordinal() < other.ordinal();
    }

    public boolean worseThan(RiskTier other) {
        return ordinal() > other.ordinal();
    }

    public static RiskTier worse(RiskTier a, RiskTier b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
