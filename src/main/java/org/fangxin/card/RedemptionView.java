package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * One redemption: what was used ({@code sessions} or {@code faceAmount}), the value the merchant earned and the part
 * of it that settled the card's advance ({@code advanceNetted}). A DISPUTED redemption's net payable
 * ({@code value − advanceNetted}) is held from payout until an operator decides; an upheld dispute REVERSES it.
 */
public record RedemptionView(UUID id, UUID cardId, UUID merchantId, UUID storeId, UUID staffUserId, String via,
                             Integer sessions, Money faceAmount, Money value, Money advanceNetted, String status,
                             Instant redeemedAt, Instant disputedAt, String disputeReason, Instant decidedAt,
                             String decision, String decisionReason) { }
