package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The merchant's lodged deposit covers the required amount again: the sales block is lifted. */
public record MerchantCoverRestored(UUID merchantId, Money required, Money lodged, Instant occurredAt) { }
