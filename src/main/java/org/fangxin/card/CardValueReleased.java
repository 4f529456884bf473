package org.fangxin.card;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A period pass earned its days through {@code through}: {@code value} for the merchant, {@code advanceNetted} of it settling the advance. */
public record CardValueReleased(UUID cardId, UUID merchantId, LocalDate through, Money value, Money advanceNetted,
                                Instant occurredAt) { }
