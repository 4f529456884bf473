package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The payer paid: published once per order, in the transaction that moves it PENDING → PAID. */
public record PaymentConfirmed(UUID paymentOrderId, String reference, UUID payerUserId, UUID merchantId, Money amount,
                 Instant occurredAt) { }
