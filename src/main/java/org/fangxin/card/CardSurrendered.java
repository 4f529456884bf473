package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A card ended for a refund ({@code REFUNDED}) or at its expiry ({@code EXPIRED}) with {@code unredeemed} left on it. */
public record CardSurrendered(UUID cardId, UUID holderId, UUID merchantId, CardStatus status, Money unredeemed,
                              Instant occurredAt) { }
