package org.fangxin.payment;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.shared.ProblemType;

/**
 * The payment module's facade. {@link #createOrder}, {@link #refund}, {@link #find} and {@link #findByReference} are
 * for other modules (no actor: the caller has checked who acts); the other methods check the actor. Confirmation,
 * expiry and refund outcomes arrive as events ({@link PaymentConfirmed}, {@link PaymentExpired}, {@link PaymentFailed},
 * {@link PaymentPaidAfterExpiry}, {@link RefundSucceeded}, {@link RefundFailed}), each published exactly once.
 */
public interface Payments {

    /**
     * Creates a PENDING order at the provider and returns it with its checkout URL ({@link #openOrder} then
     * {@link #placeAtProvider}; outside any transaction). Idempotent per reference: the same
     * reference returns the existing order (a different payer, merchant or amount → payment-reference-reused, 409).
     * Invalid input → invalid-input (400); the provider unreachable → payment-provider-unavailable (424).
     */
    PaymentOrderView createOrder(CreatePaymentOrder command);

    /**
     * The first half of {@link #createOrder}, inside the caller's transaction: records a PENDING order that has not
     * reached the provider yet (no checkout URL), idempotent per reference like {@link #createOrder}. The caller commits,
     * then calls {@link #placeAtProvider} outside any transaction.
     */
    PaymentOrderView openOrder(CreatePaymentOrder command);

    /**
     * The second half of {@link #createOrder}: creates the order at the provider (idempotent per order: a retry, a
     * concurrent call or another instance gets the same provider order) and records its checkout URL. Must be called
     * outside a transaction (the provider is a network call). An order already placed, no longer PENDING or past its
     * time to pay is answered as it is; the provider unreachable → payment-provider-unavailable (424), and the order
     * stays PENDING, placeable by a retry, until the payment janitor expires it.
     */
    PaymentOrderView placeAtProvider(UUID paymentOrderId);

    /**
     * {@link #placeAtProvider(UUID)} for a caller holding the order as {@link #openOrder} answered it, in a transaction
     * that has committed since: the order is not read again (issue 15). A concurrent placement meanwhile is harmless,
     * the provider being idempotent per order.
     */
    PaymentOrderView placeAtProvider(PaymentOrderView opened);

    /** Module-internal lookup for other modules: no access check. */
    Optional<PaymentOrderView> find(UUID paymentOrderId);

    /** Module-internal lookup by the caller's reference: no access check. */
    Optional<PaymentOrderView> findByReference(String reference);

    /** The order for its payer or an OPERATOR; anyone else gets "not found". */
    PaymentOrderView view(Actor actor, UUID paymentOrderId);

    /** OPERATOR only: orders of one status (all if null), oldest first, at most {@value #LIST_SIZE_MAX}. */
    List<PaymentOrderView> list(Actor operator, PaymentStatus status, int limit);

    /**
     * Requests a refund of a PAID (or PAID_AFTER_EXPIRY) order; a job sends it to the provider with retries.
     * Idempotent per refund reference (another order or amount → refund-reference-reused, 409). The total of refunds
     * not FAILED never exceeds the amount paid (refund-exceeds-paid, 409); an unpaid order → payment-not-paid (409).
     */
    ProviderRefundView refund(RequestRefund command);

    /**
     * {@link #refund} for many refunds at once (closure compensation: a chunk of a thousand cards), with the same
     * checks and idempotency per reference; all or nothing (the first refusal throws and nothing is requested).
     * Answers the refunds in command order.
     */
    default List<ProviderRefundView> refundAll(List<RequestRefund> commands) {
        return commands.stream().map(this::refund).toList();
    }

    /** {@link #find} for many orders at once: the ones that exist, by id (module-internal, no access check). */
    default Map<UUID, PaymentOrderView> findAll(Collection<UUID> paymentOrderIds) {
        Map<UUID, PaymentOrderView> found = new HashMap<>();
        paymentOrderIds.forEach(id -> find(id).ifPresent(order -> found.put(id, order)));
        return found;
    }

    /** The order's refunds, oldest first, for its payer or an OPERATOR; anyone else gets "not found". */
    List<ProviderRefundView> refunds(Actor actor, UUID paymentOrderId);

    /** OPERATOR only: refunds that FAILED or are still unresolved after their first attempt, oldest first. */
    List<ProviderRefundView> troubledRefunds(Actor operator, int limit);

    int LIST_SIZE_MAX = 200;
    int REFERENCE_LENGTH_MAX = 200;
    int DESCRIPTION_LENGTH_MAX = 200;
    Duration TIME_TO_PAY_MIN = Duration.ofMinutes(1);
    Duration TIME_TO_PAY_MAX = Duration.ofDays(1);

    ProblemType PROVIDER_UNAVAILABLE = new ProblemType("payment-provider-unavailable", 424);
    ProblemType REFERENCE_REUSED = new ProblemType("payment-reference-reused", 409);
    ProblemType REFUND_REFERENCE_REUSED = new ProblemType("refund-reference-reused", 409);
    ProblemType NOT_PAID = new ProblemType("payment-not-paid", 409);
    ProblemType REFUND_EXCEEDS_PAID = new ProblemType("refund-exceeds-paid", 409);
}
