package org.fangxin.payment.sandbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.payment.provider.PaymentProvider.RefundOutcome;
import org.fangxin.payment.provider.PaymentProvider.RefundRequest;
import org.fangxin.payment.provider.PaymentProvider.RefundState;
import org.fangxin.shared.IdGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox provider's batch refund: the same rules as {@link SandboxGateway#refund} for each request (idempotent
 * per order and reference, never more than was paid), applied to a whole batch in a handful of statements — the
 * orders locked in one query, known references read in one, new refunds and order totals written with arrays.
 */
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "true")
@Component
class SandboxBatchRefunds {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdGenerator ids;

    SandboxBatchRefunds(JdbcClient jdbc, Clock clock, IdGenerator ids) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
    }

    private record Order(String providerOrderId, long amountMinor, String currency, String status, long refundedMinor) { }

    private record Known(String providerRefundId, long amountMinor) { }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public List<RefundState> refundAll(List<RefundRequest> requests) {
        Map<UUID, Order> orders = lockOrders(requests);
        Map<String, Known> known = knownRefunds(requests, orders);
        var states = new ArrayList<RefundState>(requests.size());
        var refundIds = new ArrayList<String>();
        var orderIds = new ArrayList<String>();
        var references = new ArrayList<String>();
        var amounts = new ArrayList<Long>();
        var currencies = new ArrayList<String>();
        var reasons = new ArrayList<String>();
        Map<String, Long> refunded = new HashMap<>();
        for (RefundRequest request : requests) {
            Order order = orders.get(request.merchantOrderNo());
            if (order == null) {
                states.add(new RefundState(RefundOutcome.REJECTED, null, "TRADE_NOT_EXIST"));
                continue;
            }
            Known existing = known.get(order.providerOrderId() + "\n" + request.refundReference());
            if (existing != null) {
                states.add(existing.amountMinor() == request.amount().amountMinor()
                        ? new RefundState(RefundOutcome.SUCCEEDED, existing.providerRefundId(), null)
                        : new RefundState(RefundOutcome.REJECTED, null, "REFUND_REFERENCE_REUSED"));
                continue;
            }
            long already = refunded.getOrDefault(order.providerOrderId(), order.refundedMinor());
            if (!"PAID".equals(order.status())) {
                states.add(new RefundState(RefundOutcome.REJECTED, null, "TRADE_NOT_PAID"));
            } else if (!order.currency().equals(request.amount().currency().getCurrencyCode())
                    || already + request.amount().amountMinor() > order.amountMinor()) {
                states.add(new RefundState(RefundOutcome.REJECTED, null, "REFUND_AMOUNT_EXCEEDS_PAID"));
            } else {
                String refundId = "SBR" + ids.next().toString().replace("-", "");
                refunded.put(order.providerOrderId(), already + request.amount().amountMinor());
                known.put(order.providerOrderId() + "\n" + request.refundReference(), new Known(refundId, request.amount().amountMinor()));
                refundIds.add(refundId);
                orderIds.add(order.providerOrderId());
                references.add(request.refundReference());
                amounts.add(request.amount().amountMinor());
                currencies.add(request.amount().currency().getCurrencyCode());
                reasons.add(request.reason());
                states.add(new RefundState(RefundOutcome.SUCCEEDED, refundId, null));
            }
        }
        store(refundIds, orderIds, references, amounts, currencies, reasons, refunded);
        return states;
    }

    private Map<UUID, Order> lockOrders(List<RefundRequest> requests) {
        String[] keys = requests.stream().map(r -> r.merchantOrderNo().toString()).distinct().toArray(String[]::new);
        Map<UUID, Order> orders = new HashMap<>();
        jdbc.sql("""
                select merchant_order_no, provider_order_id, amount_minor, currency, status, refunded_minor
                  from payment.sandbox_order where merchant_order_no = any(cast(:keys as uuid[]))
                 order by provider_order_id for update
                """).param("keys", keys).query(rs -> {
                    orders.put(rs.getObject(1, UUID.class), new Order(rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6)));
                });
        return orders;
    }

    /**
     * The refunds already booked under these (order, reference) pairs: probes of the (order, reference) unique index,
     * so the cost follows the batch, not the table (a reference-only match scanned every refund ever booked).
     */
    private Map<String, Known> knownRefunds(List<RefundRequest> requests, Map<UUID, Order> orders) {
        List<String[]> pairs = requests.stream().filter(r -> orders.containsKey(r.merchantOrderNo()))
                .map(r -> new String[] {orders.get(r.merchantOrderNo()).providerOrderId(), r.refundReference()}).toList();
        Map<String, Known> known = new HashMap<>();
        if (pairs.isEmpty()) {
            return known;
        }
        jdbc.sql("""
                select r.provider_order_id, r.refund_reference, r.provider_refund_id, r.amount_minor
                  from unnest(:orders, :refs) as k(ord, ref)
                  join payment.sandbox_refund r on r.provider_order_id = k.ord and r.refund_reference = k.ref
                """).param("orders", pairs.stream().map(p -> p[0]).toArray(String[]::new))
                .param("refs", pairs.stream().map(p -> p[1]).toArray(String[]::new)).query(rs -> {
                    known.put(rs.getString(1) + "\n" + rs.getString(2), new Known(rs.getString(3), rs.getLong(4)));
                });
        return known;
    }

    private void store(List<String> refundIds, List<String> orderIds, List<String> references, List<Long> amounts,
                       List<String> currencies, List<String> reasons, Map<String, Long> refunded) {
        if (refundIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into payment.sandbox_refund (provider_refund_id, provider_order_id, refund_reference, amount_minor,
                    currency, reason, created_at)
                select r.id, r.ord, r.ref, r.amount, r.currency, r.reason, :now
                  from unnest(:ids, :orders, :refs, :amounts, :currencies, :reasons) as r(id, ord, ref, amount, currency, reason)
                """)
                .param("ids", refundIds.toArray(String[]::new)).param("orders", orderIds.toArray(String[]::new))
                .param("refs", references.toArray(String[]::new))
                .param("amounts", amounts.stream().mapToLong(Long::longValue).toArray())
                .param("currencies", currencies.toArray(String[]::new)).param("reasons", reasons.toArray(String[]::new))
                .param("now", Timestamp.from(clock.instant())).update();
        jdbc.sql("""
                update payment.sandbox_order o set refunded_minor = t.refunded
                  from unnest(:orders, :totals) as t(id, refunded) where o.provider_order_id = t.id
                """)
                .param("orders", refunded.keySet().toArray(String[]::new))
                .param("totals", refunded.values().stream().mapToLong(Long::longValue).toArray()).update();
    }
}
