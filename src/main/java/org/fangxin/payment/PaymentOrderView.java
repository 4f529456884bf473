package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A payment order as callers see it. {@code checkoutUrl} is where the payer pays (for the sandbox a path on this
 * host); {@code refunded} counts refunds requested and not failed (reserved or paid back).
 */
public record PaymentOrderView(UUID id, String reference, UUID payerUserId, UUID merchantId, Money amount,
                               String description, PaymentStatus status, String provider, String providerOrderId,
                               String checkoutUrl, Instant createdAt, Instant expiresAt, Instant paidAt,
                               Money refunded) { }
