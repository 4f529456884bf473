package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A coverage check found the merchant's lodged deposit below the required amount: its prepaid sales are blocked. */
public record MerchantUnderCovered(UUID merchantId, Money required, Money lodged, Money shortfall, UUID topUpRequestId,
                                   Instant occurredAt) { }
