package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A redemption staff asked for and the holder confirms (or declines, or lets time out). */
public record RedemptionRequestView(UUID id, UUID cardId, UUID merchantId, UUID storeId, Integer sessions, Money faceAmount,
                                    String status, Instant createdAt, Instant expiresAt, UUID redemptionId) { }
