package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;

/**
 * A card offered to whoever holds a mobile number; the number is shown masked. {@code status} is {@code OFFERED},
 * {@code ACCEPTED}, {@code CANCELLED}, {@code REPLACED} or {@code EXPIRED}.
 */
public record CardTransferOfferView(UUID id, UUID cardId, String productName, String toMobileMasked, Instant offeredAt,
                                    Instant expiresAt, String status) { }
