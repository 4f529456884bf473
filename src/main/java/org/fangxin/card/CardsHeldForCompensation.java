package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;

/**
 * A closed merchant's live cards were held for compensation (FROZEN): their whole unredeemed value will be paid by the
 * compensation, so other ways out of those cards (an open refund request) are superseded.
 */
public record CardsHeldForCompensation(UUID merchantId, int cards, Instant occurredAt) { }
