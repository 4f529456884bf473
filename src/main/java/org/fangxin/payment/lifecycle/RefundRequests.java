package org.fangxin.payment.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.payment.ProviderRefundStatus;
import org.fangxin.payment.persistence.BulkRefundRepository;
import org.fangxin.shared.Money;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Accepts refund requests: validated, idempotent per refund reference, and reserved against the order under its row
 * lock so the refunds not FAILED never add up to more than was paid (the order row's check constraint pairs this).
 */
@Component
public class RefundRequests {

    static final int REASON_LENGTH_MAX = 500;

    private final PaymentRepository repository;
    private final BulkRefundRepository bulk;
    private final IdGenerator ids;
    private final RefundWorker worker;
    /**
     * Bulk requests are sent as soon as they commit (off with the jobs, so tests send them by hand): a closure's
     * refunds go out chunk by chunk while its later chunks are still being paid, instead of after the whole pay job.
     */
    private final boolean sendOnCommit;

    RefundRequests(PaymentRepository repository, BulkRefundRepository bulk, IdGenerator ids, RefundWorker worker,
                   @Value("${fangxin.payment.refund.send-on-request:${fangxin.jobs.enabled:true}}") boolean sendOnCommit) {
        this.repository = repository;
        this.bulk = bulk;
        this.ids = ids;
        this.worker = worker;
        this.sendOnCommit = sendOnCommit;
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

    /**
     * {@link #request} for a chunk: validated, references already known answered as they are, the orders locked
     * in one statement (id order), then the new refunds inserted and reserved in one statement each. All or nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ProviderRefundView> requestAll(List<RequestRefund> commands, Instant now) {
        commands.forEach(RefundRequests::validate);
        Map<String, ProviderRefundView> known = new HashMap<>();
        bulk.findRefundsByReference(commands.stream().map(RequestRefund::refundReference).toList())
                .forEach(refund -> known.put(refund.refundReference(), refund));
        Map<UUID, PaymentOrderView> orders = new HashMap<>();
        bulk.lockOrders(commands.stream().filter(c -> !known.containsKey(c.refundReference()))
                .map(RequestRefund::paymentOrderId).toList()).forEach(order -> orders.put(order.id(), order));
        Map<UUID, Money> reserved = new HashMap<>();
        var fresh = new ArrayList<NewRefund>();
        var answers = new ArrayList<ProviderRefundView>(commands.size());
        for (RequestRefund command : commands) {
            ProviderRefundView existing = known.get(command.refundReference());
            if (existing != null) {
                answers.add(same(existing, command));
                continue;
            }
            PaymentOrderView order = orders.get(command.paymentOrderId());
            if (order == null) {
                throw Rejection.notFound("payment order");
            }
            Money already = reserved.getOrDefault(order.id(), order.refunded());
            requireRefundable(order, already, command);
            reserved.put(order.id(), already.plus(command.amount()));
            NewRefund refund = new NewRefund(ids.next(), order.id(), command.refundReference(), command.amount(),
                    command.reason().strip(), now);
            fresh.add(refund);
            known.put(command.refundReference(), requested(refund));
            answers.add(known.get(command.refundReference()));
        }
        if (!fresh.isEmpty()) {
            boolean send = sendOnCommit && TransactionSynchronizationManager.isSynchronizationActive();
            Instant leaseUntil = now.plus(RefundWorker.LEASE);
            int inserted = send ? bulk.insertClaimedRefunds(fresh, now, leaseUntil) : bulk.insertRefunds(fresh, now);
            if (inserted != fresh.size()) {
                // a reference inserted concurrently while we waited on the order locks: the caller's chunk retries
                throw new IllegalStateException("a refund reference of this chunk was requested concurrently");
            }
            bulk.reserveRefunds(fresh.stream().map(NewRefund::paymentOrderId).toList(),
                    fresh.stream().mapToLong(r -> r.amount().amountMinor()).toArray());
            if (send) {
                List<ProviderRefundView> claimed = fresh.stream().map(RefundRequests::claimed).toList();
                claimed.forEach(refund -> known.put(refund.refundReference(), refund));
                sendAfterCommit(claimed);
                return commands.stream().map(command -> known.get(command.refundReference())).toList();
            }
        }
        return answers;
    }

    /**
     * Sends the refunds this transaction inserted claimed, once it commits (nothing if it rolls back). Their lease keeps
     * the refund sender job off them meanwhile; if this instance stops before sending, the job sends them when the lease
     * ends (the reference is the provider's idempotency key, so never twice).
     */
    private void sendAfterCommit(List<ProviderRefundView> claimed) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                worker.sendClaimed(claimed);
            }
        });
    }

    /** Orders by id (the ones that exist). */
    public Map<UUID, PaymentOrderView> orders(Collection<UUID> ids) {
        Map<UUID, PaymentOrderView> found = new HashMap<>();
        bulk.findOrders(ids).forEach(order -> found.put(order.id(), order));
        return found;
    }

    private static void requireRefundable(PaymentOrderView order, Money alreadyRefunded, RequestRefund command) {
        if (!PaymentTransition.isPaid(order.status())) {
            throw new Rejection(Payments.NOT_PAID, "only a paid order can be refunded; this one is " + order.status());
        }
        if (!order.amount().currency().equals(command.amount().currency())) {
            throw Rejection.invalid("amount", "the refund must be in the order's currency " + order.amount().currency());
        }
        if (alreadyRefunded.plus(command.amount()).compareTo(order.amount()) > 0) {
            throw new Rejection(Payments.REFUND_EXCEEDS_PAID, "refunds would exceed the amount paid",
                    Map.of("paidMinor", order.amount().amountMinor(), "refundedMinor", alreadyRefunded.amountMinor()));
        }
    }

    /** The view of a refund just inserted claimed, as stored (SUBMITTED, its first attempt counted). */
    private static ProviderRefundView claimed(NewRefund refund) {
        return new ProviderRefundView(refund.id(), refund.paymentOrderId(), refund.refundReference(), refund.amount(),
                refund.reason(), ProviderRefundStatus.SUBMITTED, 1, null, refund.requestedAt(), null);
    }

    /** The view of a refund just inserted, as stored (REQUESTED, no attempt yet). */
    private static ProviderRefundView requested(NewRefund refund) {
        return new ProviderRefundView(refund.id(), refund.paymentOrderId(), refund.refundReference(), refund.amount(),
                refund.reason(), ProviderRefundStatus.REQUESTED, 0, null, refund.requestedAt(), null);
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
