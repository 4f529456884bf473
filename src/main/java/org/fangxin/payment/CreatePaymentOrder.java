package org.fangxin.payment;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A command to collect {@code amount} from the payer for the merchant. {@code reference} is the caller's unique key
 * (e.g. {@code purchase:<uuid>}): creating twice with one reference returns the same order.
 */
public record CreatePaymentOrder(String reference, UUID payerUserId, UUID merchantId, Money amount, String description,
                                 Duration timeToPay) {

    public CreatePaymentOrder {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(payerUserId, "payerUserId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(timeToPay, "timeToPay");
    }
}
