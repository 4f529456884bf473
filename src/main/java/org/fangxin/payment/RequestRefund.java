package org.fangxin.payment;

import java.util.Objects;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A command to pay {@code amount} of a paid order back to its payer. {@code refundReference} is the caller's unique
 * idempotency key (e.g. {@code refund:<uuid>}); it is also the idempotency key sent to the provider.
 */
public record RequestRefund(UUID paymentOrderId, String refundReference, Money amount, String reason) {

    public RequestRefund {
        Objects.requireNonNull(paymentOrderId, "paymentOrderId");
        Objects.requireNonNull(refundReference, "refundReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
    }
}
