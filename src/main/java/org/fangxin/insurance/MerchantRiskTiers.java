package org.fangxin.insurance;

import java.util.Optional;
import java.util.UUID;

/**
 * The premium tier of a merchant as rated by another module (the risk module implements it as a bean, so insurance
 * does not depend on it). Without a bean, or for a merchant not rated, the tier is {@link RiskTier#DEFAULT}.
 */
public interface MerchantRiskTiers {

    Optional<RiskTier> tierOf(UUID merchantId);
}
