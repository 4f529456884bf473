package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;

/** A holder offered a card to the mobile number of {@code recipientId}, a registered consumer, who may accept it. */
public record CardTransferOffered(UUID offerId, UUID cardId, UUID recipientId, String productName, Instant occurredAt) { }
