package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The provider paid the refund back to the payer; published once per refund. */
public record RefundSucceeded(UUID refundId, UUID paymentOrderId, String refundReference, Money amount,
                              Instant occurredAt) { }
