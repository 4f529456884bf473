package org.fangxin.payment.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.persistence.PaymentRepository;
import org.fangxin.payment.provider.PaymentProvider;
import org.fangxin.payment.provider.PaymentProvider.OrderState;
import org.fangxin.payment.provider.PaymentProvider.ProviderUnavailable;
import org.fangxin.payment.provider.PaymentProvider.TradeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles PENDING orders whose callback is late or lost: each sweep claims at most {@code batchSize} orders older
 * than {@code queryAfter} (or past their expiry), not queried within {@code queryInterval}, with
 * {@code for update skip locked}, so two instances never query one order at once. It asks the provider outside any
 * lock, then applies the answer under the order's lock: paid → confirmed; closed by the payer → failed; past expiry
 * and unpaid → closed at the provider and EXPIRED. When the provider cannot be reached the order waits for the next
 * sweep, except that an unpaid order whose close call fails still expires here (a payment that slips through later
 * becomes PAID_AFTER_EXPIRY and is refunded).
 */
@Component
public class PaymentJanitor {

    private static final Logger log = LoggerFactory.getLogger(PaymentJanitor.class);

    private final PaymentRepository repository;
    private final OrderTransitions transitions;
    private final PaymentProvider provider;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration queryAfter;
    private final Duration queryInterval;
    private final int batchSize;

    PaymentJanitor(PaymentRepository repository, OrderTransitions transitions, PaymentProvider provider,
                   TransactionTemplate transaction, Clock clock,
                   @Value("${fangxin.payment.janitor.query-after:PT2M}") Duration queryAfter,
                   @Value("${fangxin.payment.janitor.query-interval:PT1M}") Duration queryInterval,
                   @Value("${fangxin.payment.janitor.batch-size:100}") int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("fangxin.payment.janitor.batch-size must be 1..10000");
        }
        this.repository = repository;
        this.transitions = transitions;
        this.provider = provider;
        this.transaction = transaction;
        this.clock = clock;
        this.queryAfter = queryAfter;
        this.queryInterval = queryInterval;
        this.batchSize = batchSize;
    }

    /** One sweep; answers how many orders changed status. */
    public int sweep() {
        Instant now = clock.instant();
        List<UUID> claimed = transaction.execute(status ->
                repository.claimPendingForCheck(now.minus(queryAfter), now.minus(queryInterval), now, batchSize));
        int changed = 0;
        for (UUID orderId : claimed == null ? List.<UUID>of() : claimed) {
            try {
                changed += check(orderId, now) ? 1 : 0;
            } catch (RuntimeException e) {
                // one bad order must not stop the sweep; it is claimed again after queryInterval
                log.error("payment janitor failed on order {}", orderId, e);
            }
        }
        return changed;
    }

    private boolean check(UUID orderId, Instant now) {
        PaymentOrderView order = repository.findOrder(orderId).orElseThrow();
        if (order.status() != PaymentStatus.PENDING) {
            return false;
        }
        OrderState state;
        try {
            state = provider.queryOrder(orderId);
        } catch (ProviderUnavailable e) {
            log.info("payment janitor: provider unavailable for order {}: {}", orderId, e.getMessage());
            return false;
        }
        boolean overdue = !now.isBefore(order.expiresAt());
        return switch (state.status()) {
            case PAID -> inTransaction(() -> transitions.providerPaid(orderId, state.paidAt()).changed());
            // closed after the deadline is our own close (a crash before expiring); before it, the payer cancelled
            case CLOSED -> inTransaction(() -> overdue ? transitions.expire(orderId).changed()
                    : transitions.providerClosed(orderId).changed());
            case WAITING, NOT_FOUND -> overdue && closeAndExpire(orderId);
        };
    }

    private boolean closeAndExpire(UUID orderId) {
        OrderState closed;
        try {
            closed = provider.closeOrder(orderId);
        } catch (ProviderUnavailable e) {
            log.info("payment janitor: could not close order {} at the provider, expiring it anyway", orderId);
            closed = new OrderState(TradeStatus.CLOSED, null, null, null);
        }
        OrderState answer = closed;
        return inTransaction(() -> answer.status() == TradeStatus.PAID
                ? transitions.providerPaid(orderId, answer.paidAt()).changed()
                : transitions.expire(orderId).changed());
    }

    private boolean inTransaction(java.util.function.BooleanSupplier work) {
        return Boolean.TRUE.equals(transaction.execute(status -> work.getAsBoolean()));
    }
}
