package org.fangxin.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.payment.lifecycle.RefundRequests;
import org.fangxin.payment.persistence.PaymentRepository;
import org.fangxin.payment.persistence.PaymentRepository.NewOrder;
import org.fangxin.payment.provider.PaymentProvider;
import org.fangxin.payment.provider.PaymentProvider.OrderRequest;
import org.fangxin.payment.provider.PaymentProvider.ProviderOrder;
import org.fangxin.payment.provider.PaymentProvider.ProviderUnavailable;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.OutsideTransaction;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@link Payments} facade: validates before writing; order status changes live in the lifecycle package. No
 * class-wide transaction: placing an order at the provider must run outside one.
 */
@Service
class PaymentDesk implements Payments {

    private final PaymentRepository repository;
    private final PaymentProvider provider;
    private final RefundRequests refundRequests;
    private final IdGenerator ids;
    private final Clock clock;

    PaymentDesk(PaymentRepository repository, PaymentProvider provider, RefundRequests refundRequests,
                IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.provider = provider;
        this.refundRequests = refundRequests;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public PaymentOrderView createOrder(CreatePaymentOrder command) {
        OutsideTransaction.require("creating a payment order");
        return placeAtProvider(openOrder(command)); // no transaction here: openOrder commits on its own
    }

    @Override
    @Transactional
    public PaymentOrderView openOrder(CreatePaymentOrder command) {
        validate(command);
        Instant now = clock.instant();
        NewOrder order = new NewOrder(ids.next(), command.reference(), command.payerUserId(), command.merchantId(),
                command.amount(), command.description().strip(), provider.name(), now, now.plus(command.timeToPay()));
        if (repository.insertOrder(order)) {
            return new PaymentOrderView(order.id(), order.reference(), order.payerUserId(), order.merchantId(),
                    order.amount(), order.description(), PaymentStatus.PENDING, order.provider(), null, null,
                    order.createdAt(), order.expiresAt(), null, Money.zero(order.amount().currency()));
        }
        // the reference exists (a retry, or a concurrent create that won): answer that order if it is the same one
        return same(repository.findOrderByReference(command.reference()).orElseThrow(), command);
    }

    /**
     * Outside any transaction on purpose: a provider is a network call, and holding a database transaction (and its
     * pooled connection) across it starved the pool (docs/payment.md "Placing an order at the provider").
     */
    @Override
    public PaymentOrderView placeAtProvider(UUID paymentOrderId) {
        OutsideTransaction.require("placing an order at the payment provider");
        return placeAtProvider(repository.findOrder(paymentOrderId)
                .orElseThrow(() -> Rejection.notFound("payment order " + paymentOrderId)));
    }

    @Override
    public PaymentOrderView placeAtProvider(PaymentOrderView order) {
        OutsideTransaction.require("placing an order at the payment provider");
        if (order.providerOrderId() != null || order.status() != PaymentStatus.PENDING
                || !clock.instant().isBefore(order.expiresAt())) {
            return order;
        }
        ProviderOrder created;
        try {
            created = provider.createOrder(new OrderRequest(order.id(), order.amount(), order.description(), order.expiresAt()));
        } catch (ProviderUnavailable e) {
            throw new Rejection(PROVIDER_UNAVAILABLE, "the payment provider is unavailable; try again");
        }
        // one statement, committed on its own; a concurrent placement attaches the same provider order (idempotent)
        repository.attachProviderOrder(order.id(), created.providerOrderId(), created.checkoutUrl());
        return new PaymentOrderView(order.id(), order.reference(), order.payerUserId(), order.merchantId(), order.amount(),
                order.description(), order.status(), order.provider(), created.providerOrderId(), created.checkoutUrl(),
                order.createdAt(), order.expiresAt(), order.paidAt(), order.refunded());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PaymentOrderView> find(UUID paymentOrderId) {
        return paymentOrderId == null ? Optional.empty() : repository.findOrder(paymentOrderId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PaymentOrderView> findByReference(String reference) {
        return reference == null ? Optional.empty() : repository.findOrderByReference(reference);
    }

    @Override
    @Transactional(readOnly = true)
    public PaymentOrderView view(Actor actor, UUID paymentOrderId) {
        return readable(actor, paymentOrderId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentOrderView> list(Actor operator, PaymentStatus status, int limit) {
        requireOperator(operator);
        return repository.listOrders(status, clamp(limit));
    }

    @Override
    @Transactional
    public ProviderRefundView refund(RequestRefund command) {
        return refundRequests.request(command, clock.instant());
    }

    @Override
    @Transactional
    public List<ProviderRefundView> refundAll(List<RequestRefund> commands) {
        return refundRequests.requestAll(commands, clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, PaymentOrderView> findAll(Collection<UUID> paymentOrderIds) {
        return refundRequests.orders(paymentOrderIds);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProviderRefundView> refunds(Actor actor, UUID paymentOrderId) {
        readable(actor, paymentOrderId);
        return repository.listRefunds(paymentOrderId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProviderRefundView> troubledRefunds(Actor operator, int limit) {
        requireOperator(operator);
        return repository.listTroubledRefunds(clamp(limit));
    }

    /** The payer and operators may read an order; to anyone else it does not exist. */
    private PaymentOrderView readable(Actor actor, UUID paymentOrderId) {
        PaymentOrderView order = repository.findOrder(paymentOrderId).orElseThrow(() -> Rejection.notFound("payment order"));
        if (actor.is(Role.OPERATOR) || actor.userId().equals(order.payerUserId())) {
            return order;
        }
        throw Rejection.notFound("payment order");
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators may list payments");
        }
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, LIST_SIZE_MAX));
    }

    private static PaymentOrderView same(PaymentOrderView existing, CreatePaymentOrder command) {
        if (!existing.payerUserId().equals(command.payerUserId()) || !existing.merchantId().equals(command.merchantId())
                || !existing.amount().equals(command.amount())) {
            throw new Rejection(REFERENCE_REUSED, "payment reference already used for another payer, merchant or amount");
        }
        return existing;
    }

    private static void validate(CreatePaymentOrder command) {
        if (command.reference().isBlank() || command.reference().length() > REFERENCE_LENGTH_MAX) {
            throw Rejection.invalid("reference", "1 to " + REFERENCE_LENGTH_MAX + " characters");
        }
        if (!command.amount().isPositive()) {
            throw Rejection.invalid("amount", "the amount must be positive");
        }
        String description = command.description().strip();
        if (description.isEmpty() || description.length() > DESCRIPTION_LENGTH_MAX) {
            throw Rejection.invalid("description", "1 to " + DESCRIPTION_LENGTH_MAX + " characters");
        }
        if (command.timeToPay().compareTo(TIME_TO_PAY_MIN) < 0 || command.timeToPay().compareTo(TIME_TO_PAY_MAX) > 0) {
            throw Rejection.invalid("timeToPay", "between " + TIME_TO_PAY_MIN + " and " + TIME_TO_PAY_MAX);
        }
    }
}
