package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;

/** A one-time redemption code: the 6-digit {@code code} to type and the signed {@code token} a QR code carries. */
public record RedemptionCodeView(UUID cardId, String code, String token, Instant expiresAt) { }
