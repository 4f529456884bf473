package org.fangxin.payment.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.RefundFailed;
import org.fangxin.payment.ProviderRefundStatus;
import org.fangxin.payment.RefundSucceeded;
import org.fangxin.payment.RefundsSucceeded;
import org.fangxin.payment.persistence.BulkRefundRepository;
import org.fangxin.payment.ProviderRefundView;
import org.fangxin.payment.domain.ProviderRefundTransition;
import org.fangxin.payment.domain.RetryPolicy;
import org.fangxin.payment.persistence.PaymentRepository;
import org.fangxin.payment.provider.PaymentProvider;
import org.fangxin.payment.provider.PaymentProvider.ProviderUnavailable;
import org.fangxin.payment.provider.PaymentProvider.RefundOutcome;
import org.fangxin.payment.provider.PaymentProvider.RefundRequest;
import org.fangxin.payment.provider.PaymentProvider.RefundState;
import org.fangxin.shared.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due refunds to the provider. Each run claims at most {@code batchSize} refunds (counting the attempt and
 * leasing them, {@code for update skip locked}), calls the provider outside any lock with the refund reference as its
 * idempotency key, then records the answer under the refund's lock. Transient failures retry with exponential
 * backoff up to {@code attemptsMax}; then the provider is asked whether the refund arrived, and only a refund it has
 * never seen FAILS (releasing its amount). A refund whose fate stays unknown remains open for the operator.
 */
@Component
public class RefundWorker {

    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(RefundWorker.class);

    private final PaymentRepository repository;
    private final BulkRefundRepository bulk;
    private final PaymentProvider provider;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final RetryPolicy retries;
    private final int batchSize;
    private final int senders;
    /** Long-lived, so the sharded profile's executor routing wraps it and each task keeps the job's shard. */
    private final ExecutorService pool;

    RefundWorker(PaymentRepository repository, BulkRefundRepository bulk, PaymentProvider provider, TransactionTemplate transaction,
                 ApplicationEventPublisher events, AuditTrail audit, Clock clock,
                 @Value("${fangxin.payment.refund.attempts-max:5}") int attemptsMax,
                 @Value("${fangxin.payment.refund.backoff:PT30S}") Duration backoff,
                 @Value("${fangxin.payment.refund.backoff-max:PT1H}") Duration backoffMax,
                 @Value("${fangxin.payment.refund.batch-size:50}") int batchSize,
                 @Value("${fangxin.payment.refund.senders:2}") int senders) {
        if (batchSize < 1 || batchSize > 1_000) {
            throw new IllegalArgumentException("fangxin.payment.refund.batch-size must be 1..1000");
        }
        if (senders < 1 || senders > 8) {
            throw new IllegalArgumentException("fangxin.payment.refund.senders must be 1..8");
        }
        this.repository = repository;
        this.bulk = bulk;
        this.provider = provider;
        this.transaction = transaction;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.retries = new RetryPolicy(attemptsMax, backoff, backoffMax);
        this.batchSize = batchSize;
        this.senders = senders;
        this.pool = Executors.newFixedThreadPool(senders, task -> {
            Thread thread = new Thread(task, "refund-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Sends refunds their caller inserted already claimed ({@link RefundRequests}, after its transaction committed) on
     * the senders' threads, so a closure's refunds go out chunk by chunk while later chunks are still being paid.
     * Each batch is handled as {@link #submitDue} handles the one it claims; a failure leaves them to the refund sender job once
     * their lease ends.
     */
    void sendClaimed(List<ProviderRefundView> claimed) {
        for (int from = 0; from < claimed.size(); from += batchSize) {
            List<ProviderRefundView> batch = List.copyOf(claimed.subList(from, Math.min(claimed.size(), from + batchSize)));
            try {
                pool.execute(() -> {
                    try {
                        send(batch, clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("{} refunds not sent after their request; the refund sender job sends them after their lease",
                                batch.size(), e);
                    }
                });
            } catch (RejectedExecutionException e) {
                log.info("shutting down: {} claimed refunds are left to the refund sender job", batch.size());
                return;
            }
        }
    }

    /**
     * Runs {@link #submitDue} again while a run completed a whole batch, at most {@code runs} times in all, on
     * {@code fangxin.payment.refund.senders} threads (skip-locked claims: never one refund twice); answers the refunds
     * completed. A backlog (a closure's 100,000 compensation refunds) drains in one job run instead of one batch per
     * job interval (50 refunds per 10 s by default: hours for one closure).
     */
    public int submitBacklog(int runs) {
        if (senders == 1 || runs == 1) {
            return sendWhileFull(new AtomicInteger(runs));
        }
        AtomicInteger left = new AtomicInteger(runs);
        List<Future<Integer>> sending = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            sending.add(pool.submit(() -> sendWhileFull(left)));
        }
        int completed = 0;
        for (Future<Integer> sender : sending) {
            completed += join(sender);
        }
        return completed;
    }

    private int sendWhileFull(AtomicInteger runsLeft) {
        int completed = 0;
        while (runsLeft.getAndDecrement() > 0) {
            int done = submitDue();
            completed += done;
            if (done < batchSize) {
                break;
            }
        }
        return completed;
    }

    private static int join(Future<Integer> sender) {
        try {
            return sender.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending refunds", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * One run; answers how many refunds reached a final status. The claimed refunds go to the provider in one batch
     * call and its successes are recorded in one transaction with one {@link RefundsSucceeded}; refusals, unknowns
     * and a batch the provider did not take go the single way (retries, backoff, asking the provider).
     */
    public int submitDue() {
        Instant now = clock.instant();
        List<ProviderRefundView> claimed = transaction.execute(status -> repository.claimDueRefunds(now, now.plus(LEASE), batchSize));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        return send(claimed, now);
    }

    /** Sends refunds claimed for this attempt in one batch call; answers how many reached a final status. */
    private int send(List<ProviderRefundView> claimed, Instant now) {
        List<RefundState> states;
        try {
            states = provider.refundAll(claimed.stream().map(refund -> new RefundRequest(refund.paymentOrderId(),
                    refund.refundReference(), refund.amount(), refund.reason())).toList());
        } catch (ProviderUnavailable e) {
            log.info("batch refund of {} refunds not taken ({}); sending them one by one", claimed.size(), e.getMessage());
            return submitEach(claimed, now);
        }
        var succeeded = new ArrayList<ProviderRefundView>();
        var providerIds = new ArrayList<String>();
        var others = new ArrayList<ProviderRefundView>();
        for (int i = 0; i < claimed.size(); i++) {
            if (states.get(i).outcome() == RefundOutcome.SUCCEEDED) {
                succeeded.add(claimed.get(i));
                providerIds.add(states.get(i).providerRefundId());
            } else {
                others.add(claimed.get(i));
            }
        }
        int completed = succeedAll(succeeded, providerIds);
        // the orders only matter to the refunds not paid (retries ask the provider about their order)
        Map<UUID, PaymentOrderView> orders = new HashMap<>();
        if (!others.isEmpty()) {
            bulk.findOrders(others.stream().map(ProviderRefundView::paymentOrderId).distinct().toList())
                    .forEach(order -> orders.put(order.id(), order));
        }
        for (int i = 0; i < claimed.size(); i++) {
            ProviderRefundView refund = claimed.get(i);
            if (states.get(i).outcome() != RefundOutcome.SUCCEEDED) {
                completed += outcome(refund, orders.get(refund.paymentOrderId()), states.get(i), now) ? 1 : 0;
            }
        }
        return completed;
    }

    private int submitEach(List<ProviderRefundView> claimed, Instant now) {
        int completed = 0;
        for (ProviderRefundView refund : claimed) {
            try {
                completed += attempt(refund, now) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("refund {} attempt failed unexpectedly; retried after the lease", refund.id(), e);
            }
        }
        return completed;
    }

    /** The successes of one batch: locked, completed, audited and published together; answers how many completed. */
    private int succeedAll(List<ProviderRefundView> succeeded, List<String> providerIds) {
        if (succeeded.isEmpty()) {
            return 0;
        }
        Integer completed = transaction.execute(status -> {
            Map<UUID, String> providerIdOf = new HashMap<>();
            for (int i = 0; i < succeeded.size(); i++) {
                providerIdOf.put(succeeded.get(i).id(), providerIds.get(i));
            }
            List<ProviderRefundView> open = bulk.lockRefunds(providerIdOf.keySet()).stream()
                    .filter(refund -> ProviderRefundTransition.SUCCEED.allowedFrom(refund.status())).toList();
            if (open.isEmpty()) {
                return 0;
            }
            Instant at = clock.instant();
            List<UUID> ids = open.stream().map(ProviderRefundView::id).toList();
            bulk.succeedRefunds(ids, open.stream().map(refund -> providerIdOf.get(refund.id())).toList(), at);
            audit.recordAll("refund.succeed", "refund", open.stream().map(refund -> new AuditTrail.Change(refund.id(),
                    Map.of("status", refund.status().name()), Map.of("status", ProviderRefundStatus.SUCCEEDED.name()))).toList());
            bulk.recordPublications(ids, "RefundSucceeded", at);
            events.publishEvent(new RefundsSucceeded(open.stream().map(ProviderRefundView::refundReference).toList(), at));
            return open.size();
        });
        return completed == null ? 0 : completed;
    }

    /** A non-success answer of the batch call, handled as the single call's answer would be. */
    private boolean outcome(ProviderRefundView refund, PaymentOrderView order, RefundState state, Instant now) {
        try {
            return switch (state.outcome()) {
                case SUCCEEDED -> succeed(refund.id(), state.providerRefundId());
                case REJECTED -> fail(refund.id(), "rejected by the provider: " + state.detail());
                case NOT_FOUND -> retryOrGiveUp(refund, order, "provider answered not found", now);
            };
        } catch (RuntimeException e) {
            log.error("refund {} outcome could not be recorded; retried after the lease", refund.id(), e);
            return false;
        }
    }

    private boolean attempt(ProviderRefundView refund, Instant now) {
        PaymentOrderView order = repository.findOrder(refund.paymentOrderId()).orElseThrow();
        RefundState state;
        try {
            state = provider.refund(new RefundRequest(order.id(), refund.refundReference(), refund.amount(), refund.reason()));
        } catch (ProviderUnavailable e) {
            return retryOrGiveUp(refund, order, e.getMessage(), now);
        }
        return switch (state.outcome()) {
            case SUCCEEDED -> succeed(refund.id(), state.providerRefundId());
            case REJECTED -> fail(refund.id(), "rejected by the provider: " + state.detail());
            case NOT_FOUND -> retryOrGiveUp(refund, order, "provider answered not found", now);
        };
    }

    private boolean retryOrGiveUp(ProviderRefundView refund, PaymentOrderView order, String error, Instant now) {
        if (!retries.exhausted(refund.attempts())) {
            Instant next = now.plus(retries.delayAfter(refund.attempts()));
            transaction.executeWithoutResult(status -> repository.retryRefundAt(refund.id(), error, next));
            return false;
        }
        RefundState known;
        try {
            known = provider.queryRefund(order.id(), refund.refundReference());
        } catch (ProviderUnavailable e) {
            known = new RefundState(null, null, e.getMessage());
        }
        if (known.outcome() == RefundOutcome.SUCCEEDED) {
            return succeed(refund.id(), known.providerRefundId());
        }
        if (known.outcome() == RefundOutcome.NOT_FOUND) {
            return fail(refund.id(), "gave up after " + refund.attempts() + " attempts: " + error);
        }
        // its fate is unknown: failing it could pay twice, so it stays open (shown to the operator) and is asked again later
        Instant next = now.plus(retries.backoffMax());
        transaction.executeWithoutResult(status -> repository.retryRefundAt(refund.id(), "fate unknown: " + error, next));
        return false;
    }

    private boolean succeed(UUID refundId, String providerRefundId) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            ProviderRefundView refund = repository.lockRefund(refundId).orElseThrow();
            if (!ProviderRefundTransition.SUCCEED.allowedFrom(refund.status())) {
                return false;
            }
            Instant now = clock.instant();
            ProviderRefundStatus target = ProviderRefundTransition.SUCCEED.applyTo(refund.status());
            repository.completeRefund(refundId, refund.status(), target, providerRefundId, null, now);
            audit.record("refund.succeed", "refund", refundId, Map.of("status", refund.status().name()),
                    Map.of("status", target.name()));
            repository.recordPublication(refundId, "RefundSucceeded", now);
            events.publishEvent(new RefundSucceeded(refundId, refund.paymentOrderId(), refund.refundReference(),
                    refund.amount(), now));
            return true;
        }));
    }

    private boolean fail(UUID refundId, String reason) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            ProviderRefundView refund = repository.lockRefund(refundId).orElseThrow();
            if (!ProviderRefundTransition.FAIL.allowedFrom(refund.status())) {
                return false;
            }
            Instant now = clock.instant();
            ProviderRefundStatus target = ProviderRefundTransition.FAIL.applyTo(refund.status());
            repository.lockOrder(refund.paymentOrderId());
            repository.completeRefund(refundId, refund.status(), target, null, reason, now);
            repository.reserveRefund(refund.paymentOrderId(), -refund.amount().amountMinor());
            audit.record("refund.fail", "refund", refundId, Map.of("status", refund.status().name()),
                    Map.of("status", target.name(), "reason", reason));
            repository.recordPublication(refundId, "RefundFailed", now);
            events.publishEvent(new RefundFailed(refundId, refund.paymentOrderId(), refund.refundReference(),
                    refund.amount(), reason, now));
            return true;
        }));
    }
}
