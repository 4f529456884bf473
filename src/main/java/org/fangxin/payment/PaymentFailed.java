package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The provider closed the order unpaid (e.g. the payer cancelled): published once, PENDING → FAILED. */
public record PaymentFailed(UUID paymentOrderId, String reference, UUID payerUserId, UUID merchantId, Money amount,
                 Instant occurredAt) { }
