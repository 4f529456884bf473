package org.fangxin.payment.lifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.Payments;
import org.fangxin.payment.ProviderRefundView;
import org.fangxin.payment.RequestRefund;
import org.fangxin.payment.domain.PaymentTransition;
import org.fangxin.payment.persistence.PaymentRepository;
import org.fangxin.payment.persistence.PaymentRepository.NewRefund;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts refund requests: validated, idempotent per refund reference, and reserved against the order under its row
 * lock so the refunds not FAILED never add up to more than was paid (the order row's check constraint pairs this).
 */
@Component
public class RefundRequests {

    static final int REASON_LENGTH_MAX = 500;

    private final PaymentRepository repository;
    private final IdGenerator ids;

    RefundRequests(PaymentRepository repository, IdGenerator ids) {
        this.repository = repository;
        this.ids = ids;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public ProviderRefundView request(RequestRefund command, Instant now) {
        validate(command);
        Optional<ProviderRefundView> existing = repository.findRefundByReference(command.refundReference());
        if (existing.isPresent()) {
            return same(existing.get(), command);
        }
        PaymentOrderView order = repository.lockOrder(command.paymentOrderId())
                .orElseThrow(() -> Rejection.notFound("payment order"));
        if (!PaymentTransition.isPaid(order.status())) {
            throw new Rejection(Payments.NOT_PAID, "only a paid order can be refunded; this one is " + order.status());
        }
        if (!order.amount().currency().equals(command.amount().currency())) {
            throw Rejection.invalid("amount", "the refund must be in the order's currency " + order.amount().currency());
        }
        if (order.refunded().plus(command.amount()).compareTo(order.amount()) > 0) {
            throw new Rejection(Payments.REFUND_EXCEEDS_PAID, "refunds would exceed the amount paid",
                    Map.of("paidMinor", order.amount().amountMinor(), "refundedMinor", order.refunded().amountMinor()));
        }
        NewRefund refund = new NewRefund(ids.next(), order.id(), command.refundReference(), command.amount(),
                command.reason().strip(), now);
        if (!repository.insertRefund(refund)) {
            // the same reference was inserted concurrently (we waited on the order lock): answer the first one
            return same(repository.findRefundByReference(command.refundReference()).orElseThrow(), command);
        }
        repository.reserveRefund(order.id(), command.amount().amountMinor());
        return repository.findRefund(refund.id()).orElseThrow();
    }

    private static ProviderRefundView same(ProviderRefundView existing, RequestRefund command) {
        if (!existing.paymentOrderId().equals(command.paymentOrderId()) || !existing.amount().equals(command.amount())) {
            throw new Rejection(Payments.REFUND_REFERENCE_REUSED,
                    "refund reference already used for another order or amount");
        }
        return existing;
    }

    private static void validate(RequestRefund command) {
        String reference = command.refundReference();
        if (reference.isBlank() || reference.length() > Payments.REFERENCE_LENGTH_MAX) {
            throw Rejection.invalid("refundReference", "1 to " + Payments.REFERENCE_LENGTH_MAX + " characters");
        }
        if (!command.amount().isPositive()) {
            throw Rejection.invalid("amount", "a refund must be positive");
        }
        String reason = command.reason().strip();
        if (reason.isEmpty() || reason.length() > REASON_LENGTH_MAX) {
            throw new Rejection(ProblemType.INVALID_INPUT, "the reason needs 1 to " + REASON_LENGTH_MAX + " characters",
                    Map.of("field", "reason"));
        }
    }
}
