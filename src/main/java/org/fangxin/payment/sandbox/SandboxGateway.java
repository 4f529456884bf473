package org.fangxin.payment.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fangxin.payment.provider.PaymentProvider.OrderRequest;
import org.fangxin.payment.provider.PaymentProvider.OrderState;
import org.fangxin.payment.provider.PaymentProvider.ProviderOrder;
import org.fangxin.payment.provider.PaymentProvider.RefundOutcome;
import org.fangxin.payment.provider.PaymentProvider.RefundRequest;
import org.fangxin.payment.provider.PaymentProvider.RefundState;
import org.fangxin.payment.provider.PaymentProvider.TradeStatus;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The sandbox payment gateway: the provider's side, with its own tables, behaving like a mobile-payment gateway. Its
 * operations commit on their own ({@code REQUIRES_NEW}) because a provider never shares our transaction. When the
 * payer pays or cancels on the checkout page, a signed notification goes to the platform after commit, off the
 * request thread. Test hooks (not reachable over HTTP) drop, duplicate or hold notifications, pay regardless of
 * expiry, and break the next refund or close calls.
 */
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "true")
@Component
public class SandboxGateway {

    /** How the next notifications of one order are delivered (a test hook; NORMAL unless set). */
    public enum Delivery { NORMAL, DROP, TWICE, HOLD }

    /** What the checkout page shows. */
    public record Checkout(String providerOrderId, Money amount, String description, TradeStatus status,
                           Instant expiresAt) { }

    static final String ID_PREFIX = "SBX";
    static final String CHECKOUT_PATH = "/public/sandbox-pay/";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdGenerator ids;
    private final SandboxNotifier notifier;
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refundCallsToFail = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refundAnswersToLose = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> closeCallsToFail = new ConcurrentHashMap<>();
    private final Map<String, CreateFault> createFaults = new ConcurrentHashMap<>();
    private final Map<String, CreateHold> createHolds = new ConcurrentHashMap<>();

    private record CreateHold(AtomicInteger toHold, CountDownLatch release, AtomicInteger waiting) { }

    /** What happens to the next create call for an order description (a test hook; no fault unless set). */
    public enum CreateFault { FAIL, LOSE_ANSWER }

    SandboxGateway(JdbcClient jdbc, Clock clock, IdGenerator ids, SandboxNotifier notifier) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        this.notifier = notifier;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public ProviderOrder create(OrderRequest request) {
        String providerOrderId = ID_PREFIX + ids.next().toString().replace("-", "");
        String created = jdbc.sql("""
                insert into payment.sandbox_order (provider_order_id, merchant_order_no, amount_minor, currency,
                    description, status, created_at, expires_at)
                values (:id, :merchantOrderNo, :amount, :currency, :description, 'WAITING', :now, :expiresAt)
                on conflict (merchant_order_no) do nothing
                returning provider_order_id
                """)
                .param("id", providerOrderId).param("merchantOrderNo", request.merchantOrderNo())
                .param("amount", request.amount().amountMinor())
                .param("currency", request.amount().currency().getCurrencyCode())
                .param("description", request.description() == null ? "" : request.description())
                .param("now", Timestamp.from(clock.instant())).param("expiresAt", Timestamp.from(request.expiresAt()))
                .query(String.class).optional()
                // the order was created before (a retry, or a concurrent call): the provider answers its first order
                .orElseGet(() -> byMerchantOrderNo(request.merchantOrderNo(), false).orElseThrow().providerOrderId());
        return new ProviderOrder(created, CHECKOUT_PATH + created);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public OrderState query(UUID merchantOrderNo) {
        return byMerchantOrderNo(merchantOrderNo, false).map(Row::state).orElse(OrderState.notFound());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public OrderState close(UUID merchantOrderNo) {
        Optional<Row> found = byMerchantOrderNo(merchantOrderNo, true);
        if (found.isEmpty()) {
            return OrderState.notFound();
        }
        Row row = found.get();
        if (row.status() == TradeStatus.WAITING) {
            jdbc.sql("update payment.sandbox_order set status = 'CLOSED', closed_at = :now where provider_order_id = :id")
                    .param("now", Timestamp.from(clock.instant())).param("id", row.providerOrderId()).update();
            return new OrderState(TradeStatus.CLOSED, row.providerOrderId(), null, null);
        }
        return row.state();
    }

    /** Pays back part of a paid order; a known (order, reference) answers its first result again. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public RefundState refund(RefundRequest request) {
        Optional<Row> found = byMerchantOrderNo(request.merchantOrderNo(), true);
        if (found.isEmpty()) {
            return new RefundState(RefundOutcome.REJECTED, null, "TRADE_NOT_EXIST");
        }
        Row order = found.get();
        Optional<RefundState> existing = existingRefund(order.providerOrderId(), request.refundReference(), request.amount());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (order.status() != TradeStatus.PAID) {
            return new RefundState(RefundOutcome.REJECTED, null, "TRADE_NOT_PAID");
        }
        if (!order.amount().currency().equals(request.amount().currency())
                || order.refundedMinor() + request.amount().amountMinor() > order.amount().amountMinor()) {
            return new RefundState(RefundOutcome.REJECTED, null, "REFUND_AMOUNT_EXCEEDS_PAID");
        }
        String refundId = "SBR" + ids.next().toString().replace("-", "");
        jdbc.sql("""
                insert into payment.sandbox_refund (provider_refund_id, provider_order_id, refund_reference, amount_minor,
                    currency, reason, created_at)
                values (:id, :order, :reference, :amount, :currency, :reason, :now)
                """)
                .param("id", refundId).param("order", order.providerOrderId()).param("reference", request.refundReference())
                .param("amount", request.amount().amountMinor())
                .param("currency", request.amount().currency().getCurrencyCode()).param("reason", request.reason())
                .param("now", Timestamp.from(clock.instant())).update();
        jdbc.sql("update payment.sandbox_order set refunded_minor = refunded_minor + :amount where provider_order_id = :id")
                .param("amount", request.amount().amountMinor()).param("id", order.providerOrderId()).update();
        return new RefundState(RefundOutcome.SUCCEEDED, refundId, null);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public RefundState queryRefund(UUID merchantOrderNo, String refundReference) {
        return jdbc.sql("""
                select r.provider_refund_id from payment.sandbox_refund r
                  join payment.sandbox_order o on o.provider_order_id = r.provider_order_id
                 where o.merchant_order_no = :order and r.refund_reference = :reference
                """)
                .param("order", merchantOrderNo).param("reference", refundReference)
                .query(String.class).optional()
                .map(id -> new RefundState(RefundOutcome.SUCCEEDED, id, null))
                .orElse(new RefundState(RefundOutcome.NOT_FOUND, null, null));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Optional<Checkout> checkout(String providerOrderId) {
        return byProviderOrderId(providerOrderId, false)
                .map(row -> new Checkout(row.providerOrderId(), row.amount(), row.description(), row.status(), row.expiresAt()));
    }

    /**
     * The payer pays on the checkout page: WAITING and not expired → PAID, then the notification is sent after commit.
     * Answers the status after the attempt (an expired or closed order stays unpaid).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public TradeStatus pay(String providerOrderId) {
        return settle(providerOrderId, TradeStatus.PAID, false);
    }

    /** The payer cancels: WAITING → CLOSED, and the platform is told. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public TradeStatus cancel(String providerOrderId) {
        return settle(providerOrderId, TradeStatus.CLOSED, false);
    }

    /** Test hook: the provider takes the money whatever the order's state (a payment racing its expiry or close). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public TradeStatus forcePay(String providerOrderId) {
        return settle(providerOrderId, TradeStatus.PAID, true);
    }

    /** Test hook: how this order's notifications are delivered from now on. */
    public void deliver(String providerOrderId, Delivery delivery) {
        deliveries.put(providerOrderId, delivery);
    }

    /** Test hook: sends the notifications held for this order now (late), synchronously; answers how many were sent. */
    public int releaseHeld(String providerOrderId) {
        AtomicInteger count = held.remove(providerOrderId);
        int notifications = count == null ? 0 : count.get();
        for (int i = 0; i < notifications; i++) {
            notifier.sendNow(notificationFields(providerOrderId));
        }
        return notifications;
    }

    /** Test hook: the current signed notification for this order, as the JSON body the platform would receive. */
    public String signedNotification(String providerOrderId) {
        return notifier.signedBody(notificationFields(providerOrderId));
    }

    /** Test hook: the next {@code count} refund calls for this order fail before reaching the gateway. */
    public void failNextRefundCalls(String providerOrderId, int count) {
        refundCallsToFail.put(providerOrderId, new AtomicInteger(count));
    }

    /** Test hook: the next {@code count} refunds for this order are made, but their answers are lost on the way back. */
    public void loseNextRefundAnswers(String providerOrderId, int count) {
        refundAnswersToLose.put(providerOrderId, new AtomicInteger(count));
    }

    /** Test hook: the next {@code count} close calls for this order fail before reaching the gateway. */
    public void failNextCloseCalls(String providerOrderId, int count) {
        closeCallsToFail.put(providerOrderId, new AtomicInteger(count));
    }

    /**
     * Test hook: the next create call for an order with this description fails before reaching the gateway (FAIL) or
     * creates the order and loses the answer on the way back (LOSE_ANSWER). Keyed by description (a test's product
     * name), since the provider order id does not exist yet.
     */
    public void faultNextCreate(String description, CreateFault fault) {
        createFaults.put(description, fault);
    }

    /** Test hook: the next {@code count} create calls for this description wait until {@link #releaseCreates}. */
    public void holdCreates(String description, int count) {
        createHolds.put(description, new CreateHold(new AtomicInteger(count), new CountDownLatch(1), new AtomicInteger()));
    }

    /** Test hook: lets the held create calls for this description go on (and holds no more). */
    public void releaseCreates(String description) {
        CreateHold hold = createHolds.remove(description);
        if (hold != null) {
            hold.release().countDown();
        }
    }

    /** Test hook: how many create calls for this description are waiting in {@link #holdCreates} now. */
    public int createsWaiting(String description) {
        CreateHold hold = createHolds.get(description);
        return hold == null ? 0 : hold.waiting().get();
    }

    CreateFault takeCreateFault(String description) {
        return description == null ? null : createFaults.remove(description);
    }

    void awaitCreateRelease(String description) {
        CreateHold hold = description == null ? null : createHolds.get(description);
        if (hold == null || !take(hold.toHold())) {
            return;
        }
        hold.waiting().incrementAndGet();
        try {
            hold.release().await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hold.waiting().decrementAndGet();
        }
    }

    boolean takeRefundCallFailure(String providerOrderId) {
        return take(refundCallsToFail, providerOrderId);
    }

    boolean takeRefundAnswerLoss(String providerOrderId) {
        return take(refundAnswersToLose, providerOrderId);
    }

    /** Whether a test asked for refund faults not yet injected (then the batch call steps aside for single calls). */
    boolean refundFaultsPending() {
        return refundCallsToFail.values().stream().anyMatch(n -> n.get() > 0)
                || refundAnswersToLose.values().stream().anyMatch(n -> n.get() > 0);
    }

    boolean takeCloseCallFailure(String providerOrderId) {
        return take(closeCallsToFail, providerOrderId);
    }

    Optional<String> providerOrderIdOf(UUID merchantOrderNo) {
        return jdbc.sql("select provider_order_id from payment.sandbox_order where merchant_order_no = :no")
                .param("no", merchantOrderNo).query(String.class).optional();
    }

    private static boolean take(Map<String, AtomicInteger> counters, String providerOrderId) {
        return providerOrderId != null && take(counters.get(providerOrderId));
    }

    private static boolean take(AtomicInteger counter) {
        return counter != null && counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private TradeStatus settle(String providerOrderId, TradeStatus target, boolean force) {
        Row row = byProviderOrderId(providerOrderId, true).orElse(null);
        if (row == null) {
            return TradeStatus.NOT_FOUND;
        }
        Instant now = clock.instant();
        boolean open = row.status() == TradeStatus.WAITING && now.isBefore(row.expiresAt());
        if (!(open || force && row.status() != TradeStatus.PAID)) {
            return row.status();
        }
        jdbc.sql("""
                update payment.sandbox_order set status = :status,
                       paid_at = case when :status = 'PAID' then cast(:now as timestamptz) end,
                       closed_at = case when :status = 'CLOSED' then cast(:now as timestamptz) end
                 where provider_order_id = :id
                """)
                .param("status", target.name()).param("now", Timestamp.from(now)).param("id", providerOrderId).update();
        notifyAfterCommit(providerOrderId);
        return target;
    }

    private void notifyAfterCommit(String providerOrderId) {
        Delivery delivery = deliveries.getOrDefault(providerOrderId, Delivery.NORMAL);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                switch (delivery) {
                    case NORMAL -> notifier.sendLater(() -> notificationFields(providerOrderId));
                    case TWICE -> {
                        notifier.sendLater(() -> notificationFields(providerOrderId));
                        notifier.sendLater(() -> notificationFields(providerOrderId));
                    }
                    case HOLD -> held.computeIfAbsent(providerOrderId, id -> new AtomicInteger()).incrementAndGet();
                    case DROP -> { }
                }
            }
        });
    }

    /** The notification's business fields as the order stands now (signing adds timestamp, nonce and signature). */
    private Map<String, String> notificationFields(String providerOrderId) {
        Row row = byProviderOrderId(providerOrderId, false).orElseThrow();
        return Map.of(
                "providerOrderId", row.providerOrderId(),
                "merchantOrderNo", row.merchantOrderNo().toString(),
                "tradeStatus", row.status().name(),
                "amountMinor", Long.toString(row.amount().amountMinor()),
                "currency", row.amount().currency().getCurrencyCode(),
                "paidAt", row.paidAt() == null ? "" : row.paidAt().toString());
    }

    private Optional<Row> byMerchantOrderNo(UUID merchantOrderNo, boolean lock) {
        return jdbc.sql(SELECT + " where merchant_order_no = :key" + (lock ? " for update" : ""))
                .param("key", merchantOrderNo).query(SandboxGateway::toRow).optional();
    }

    private Optional<Row> byProviderOrderId(String providerOrderId, boolean lock) {
        return jdbc.sql(SELECT + " where provider_order_id = :key" + (lock ? " for update" : ""))
                .param("key", providerOrderId).query(SandboxGateway::toRow).optional();
    }

    private Optional<RefundState> existingRefund(String providerOrderId, String reference, Money amount) {
        return jdbc.sql("""
                select provider_refund_id, amount_minor from payment.sandbox_refund
                 where provider_order_id = :order and refund_reference = :reference
                """)
                .param("order", providerOrderId).param("reference", reference)
                .query((rs, n) -> rs.getLong("amount_minor") == amount.amountMinor()
                        ? new RefundState(RefundOutcome.SUCCEEDED, rs.getString("provider_refund_id"), null)
                        : new RefundState(RefundOutcome.REJECTED, null, "REFUND_REFERENCE_REUSED"))
                .optional();
    }

    private static final String SELECT = """
            select provider_order_id, merchant_order_no, amount_minor, currency, description, status, expires_at,
                   paid_at, refunded_minor
              from payment.sandbox_order""";

    private record Row(String providerOrderId, UUID merchantOrderNo, Money amount, String description,
                       TradeStatus status, Instant expiresAt, Instant paidAt, long refundedMinor) {
        OrderState state() {
            return new OrderState(status, providerOrderId, status == TradeStatus.PAID ? amount : null, paidAt);
        }
    }

    private static Row toRow(ResultSet rs, int n) throws SQLException {
        Timestamp paidAt = rs.getTimestamp("paid_at");
        return new Row(rs.getString("provider_order_id"), rs.getObject("merchant_order_no", UUID.class),
                new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                rs.getString("description"), TradeStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("expires_at").toInstant(), paidAt == null ? null : paidAt.toInstant(),
                rs.getLong("refunded_minor"));
    }
}
