package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;

/** A card was held for the compensation of its closed merchant: nothing changes its value any more. */
public record CardFrozen(UUID cardId, UUID holderId, UUID merchantId, Instant occurredAt) { }
