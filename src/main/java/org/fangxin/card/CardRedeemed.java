package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Staff redeemed a card: {@code sessions} of a session pack or {@code amount} of stored value (the other is null),
 * worth {@code value} to the merchant, of which {@code advanceNetted} settled the card's advance.
 */
public record CardRedeemed(UUID redemptionId, UUID cardId, UUID holderId, UUID merchantId, UUID storeId,
                           String productName, Integer sessions, Money amount, Money value, Money advanceNetted,
                           Instant occurredAt) { }
