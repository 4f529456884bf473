package org.fangxin.payment.provider;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The port to a mobile-payment provider (Alipay / WeChat Pay style). Our payment order id is the provider's
 * merchant order number, and our refund reference its refund request number: every call is idempotent on them, so
 * a retry after a lost answer never creates a second order or pays a second refund. Transient trouble (timeouts,
 * 5xx) is thrown as {@link ProviderUnavailable}; a definitive answer is returned.
 */
public interface PaymentProvider {

    /** The provider's name, stored with each order and used in its callback path. */
    String name();

    /** Creates (or, for a known merchant order number, returns) the order at the provider. */
    ProviderOrder createOrder(OrderRequest request);

    /** The order's status at the provider; NOT_FOUND if it never arrived there. */
    OrderState queryOrder(UUID merchantOrderNo);

    /** Closes an unpaid order so it can no longer be paid; answers PAID instead if the payer was faster. */
    OrderState closeOrder(UUID merchantOrderNo);

    /** Pays back part or all of a paid order, idempotent per refund reference. */
    RefundState refund(RefundRequest request);

    /**
     * Pays back many orders in one call (the providers' batch refund files/APIs), idempotent per refund reference
     * like {@link #refund}; answers one state per request, in request order. Throws {@link ProviderUnavailable} when
     * the batch as a whole did not go through (the caller may retry it, or send the refunds one by one).
     */
    default List<RefundState> refundAll(List<RefundRequest> requests) {
        return requests.stream().map(this::refund).toList();
    }

    /** The refund's status at the provider; NOT_FOUND if it never arrived there. */
    RefundState queryRefund(UUID merchantOrderNo, String refundReference);

    record OrderRequest(UUID merchantOrderNo, Money amount, String description, Instant expiresAt) {
        public OrderRequest {
            Objects.requireNonNull(merchantOrderNo, "merchantOrderNo");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    record ProviderOrder(String providerOrderId, String checkoutUrl) { }

    enum TradeStatus { NOT_FOUND, WAITING, PAID, CLOSED }

    record OrderState(TradeStatus status, String providerOrderId, Money paidAmount, Instant paidAt) {
        public static OrderState notFound() {
            return new OrderState(TradeStatus.NOT_FOUND, null, null, null);
        }
    }

    record RefundRequest(UUID merchantOrderNo, String refundReference, Money amount, String reason) { }

    enum RefundOutcome { NOT_FOUND, SUCCEEDED, REJECTED }

    record RefundState(RefundOutcome outcome, String providerRefundId, String detail) { }

    /** The provider could not be reached or answered with a transient error; the call may be retried as is. */
    class ProviderUnavailable extends RuntimeException {
        public ProviderUnavailable(String message) {
            super(message);
        }

        public ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
