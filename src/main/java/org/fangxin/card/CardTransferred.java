package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The holder handed the rest of a card ({@code amount}) to another consumer; {@code successorCardId} continues it. */
public record CardTransferred(UUID transferId, UUID cardId, UUID successorCardId, UUID fromHolderId, UUID toHolderId,
                              UUID merchantId, String productName, Money amount, Instant occurredAt) { }
