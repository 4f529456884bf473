package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Staff redeemed a card: {@code sessions} of a session pack or {@code amount} of stored value (the other is null),
 * worth {@code value} to the merchant, of which {@code advanceNetted} settled the card's advance. Published for the
 * integration facts (Kafka externalization); with that off nothing listens, so a redemption writes no event
 * publication. The holder's notice follows the redemption row itself (ADR 14).
 */
public record CardRedeemed(UUID redemptionId, UUID cardId, UUID holderId, UUID merchantId, UUID storeId,
                           String productName, Integer sessions, Money amount, Money value, Money advanceNetted,
                           Instant occurredAt) { }
