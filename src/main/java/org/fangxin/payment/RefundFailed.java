package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The refund was definitively refused by the provider (or is known never to have reached it after the last attempt);
 * nothing was paid, and its amount may be refunded again under a new reference. Published once per refund.
 */
public record RefundFailed(UUID refundId, UUID paymentOrderId, String refundReference, Money amount, String reason,
                           Instant occurredAt) { }
