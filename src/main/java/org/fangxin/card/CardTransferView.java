package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A card handed to another consumer: the old card ended TRANSFERRED, the new one carries {@code amount} onward. */
public record CardTransferView(UUID id, UUID fromCardId, UUID toCardId, UUID toUserId, Money amount, Instant transferredAt) { }
