package org.fangxin.risk;

import java.time.Instant;
import java.util.UUID;

/** A merchant's tier moved (a drop at once, a rise after the hysteresis days, or an operator override). */
public record MerchantTierChanged(UUID merchantId, RiskTier from, RiskTier to, int scoreCenti, String reason,
                                  Instant changedAt) { }
