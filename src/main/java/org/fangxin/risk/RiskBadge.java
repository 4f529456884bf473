package org.fangxin.risk;

import java.util.UUID;

/** What a consumer may see of a merchant's risk where it chooses a product: the tier and the 放心商户 badge. */
public record RiskBadge(UUID merchantId, RiskTier tier, boolean trusted) { }
