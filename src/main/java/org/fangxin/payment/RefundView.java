package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A refund as callers see it; {@code attempts} counts provider calls made so far. */
public record RefundView(UUID id, UUID paymentOrderId, String refundReference, Money amount, String reason,
                         RefundStatus status, int attempts, String lastError, Instant requestedAt,
                         Instant completedAt) { }
