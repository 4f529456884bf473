package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** An operator upheld the holder's dispute: the redemption's use and {@code value} went back onto the card. */
public record RedemptionReversed(UUID redemptionId, UUID cardId, UUID holderId, UUID merchantId, Money value,
                                 Instant occurredAt) { }
