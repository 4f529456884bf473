package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** Staff asked the holder to confirm a redemption (安心付) of {@code sessions} or {@code amount}, until {@code expiresAt}. */
public record RedemptionRequested(UUID requestId, UUID cardId, UUID holderId, UUID merchantId, String productName,
                                  Integer sessions, Money amount, Instant expiresAt, Instant occurredAt) { }
