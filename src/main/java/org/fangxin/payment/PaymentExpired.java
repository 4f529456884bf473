package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The payer did not pay in time: published once, when the order moves PENDING → EXPIRED. */
public record PaymentExpired(UUID paymentOrderId, String reference, UUID payerUserId, UUID merchantId, Money amount,
                 Instant occurredAt) { }
