package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A provider refund as callers see it; {@code attempts} counts provider calls made so far. */
public record ProviderRefundView(UUID id, UUID paymentOrderId, String refundReference, Money amount, String reason,
                                 ProviderRefundStatus status, int attempts, String lastError, Instant requestedAt,
                                 Instant completedAt) { }
