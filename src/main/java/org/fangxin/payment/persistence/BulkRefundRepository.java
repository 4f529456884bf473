package org.fangxin.payment.persistence;

import static org.fangxin.payment.persistence.PaymentRepository.ORDER_COLUMNS;
import static org.fangxin.payment.persistence.PaymentRepository.REFUND_COLUMNS;
import static org.fangxin.payment.persistence.PaymentRepository.ts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.ProviderRefundView;
import org.fangxin.payment.persistence.PaymentRepository.NewRefund;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refunds by the thousand (closure compensation): the same rows and checks as {@link PaymentRepository}'s single
 * statements, one statement per step for a whole chunk (arrays unnested by PostgreSQL).
 */
@Repository
public class BulkRefundRepository {

    private final JdbcClient jdbc;
    private final PaymentRepository rows;

    public BulkRefundRepository(JdbcClient jdbc, PaymentRepository rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public List<PaymentOrderView> findOrders(Collection<UUID> ids) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from payment.payment_order where id = any(:ids)")
                .param("ids", ids.toArray(UUID[]::new)).query(rows::toOrder).list();
    }

    /** Locks the orders in id order (the order every bulk caller takes, so two never deadlock). */
    public List<PaymentOrderView> lockOrders(Collection<UUID> ids) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from payment.payment_order where id = any(:ids) order by id for update")
                .param("ids", ids.stream().distinct().toArray(UUID[]::new)).query(rows::toOrder).list();
    }

    public List<ProviderRefundView> findRefundsByReference(Collection<String> references) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment.refund where refund_reference = any(:refs)")
                .param("refs", references.toArray(String[]::new)).query(rows::toRefund).list();
    }

    /** Locks the refunds in id order. */
    public List<ProviderRefundView> lockRefunds(Collection<UUID> ids) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment.refund where id = any(:ids) order by id for update")
                .param("ids", ids.toArray(UUID[]::new)).query(rows::toRefund).list();
    }

    /**
     * Inserts new refunds (REQUESTED), all requested at {@code at}; answers how many rows were inserted (a reference
     * already there is skipped).
     */
    public int insertRefunds(List<NewRefund> refunds, Instant at) {
        return insertRefunds(refunds, at, "REQUESTED", 0, at);
    }

    /**
     * Inserts new refunds already claimed by the caller for their first attempt, as {@link PaymentRepository#claimDueRefunds}
     * leaves a claimed refund (SUBMITTED, one attempt counted, leased until {@code leaseUntil}), without writing each
     * row a second time to claim it.
     */
    public int insertClaimedRefunds(List<NewRefund> refunds, Instant at, Instant leaseUntil) {
        return insertRefunds(refunds, at, "SUBMITTED", 1, leaseUntil);
    }

    private int insertRefunds(List<NewRefund> refunds, Instant at, String status, int attempts, Instant nextAttemptAt) {
        return jdbc.sql("""
                insert into payment.refund (id, payment_order_id, refund_reference, amount_minor, currency, reason,
                    status, attempts, next_attempt_at, requested_at)
                select r.id, r.ord, r.ref, r.amount, r.currency, r.reason, :status, :attempts, :next, :at
                  from unnest(:ids, :orders, :refs, :amounts, :currencies, :reasons)
                       as r(id, ord, ref, amount, currency, reason)
                on conflict (refund_reference) do nothing
                """)
                .param("ids", refunds.stream().map(NewRefund::id).toArray(UUID[]::new))
                .param("orders", refunds.stream().map(NewRefund::paymentOrderId).toArray(UUID[]::new))
                .param("refs", refunds.stream().map(NewRefund::refundReference).toArray(String[]::new))
                .param("amounts", refunds.stream().mapToLong(r -> r.amount().amountMinor()).toArray())
                .param("currencies", refunds.stream().map(r -> r.amount().currency().getCurrencyCode()).toArray(String[]::new))
                .param("reasons", refunds.stream().map(NewRefund::reason).toArray(String[]::new))
                .param("at", ts(at)).param("status", status).param("attempts", attempts).param("next", ts(nextAttemptAt))
                .update();
    }

    /** Adds each delta to its order's reserved refund total (orders locked by the caller). */
    public void reserveRefunds(List<UUID> orderIds, long[] deltasMinor) {
        int updated = jdbc.sql("""
                update payment.payment_order o set refund_reserved_minor = o.refund_reserved_minor + d.delta
                  from (select id, sum(delta) as delta from unnest(:ids, :deltas) as x(id, delta) group by id) d
                 where o.id = d.id
                """).param("ids", orderIds.toArray(UUID[]::new)).param("deltas", deltasMinor).update();
        if (updated != orderIds.stream().distinct().count()) {
            throw new IllegalStateException("reserved refunds on " + updated + " of " + orderIds.stream().distinct().count() + " orders");
        }
    }

    /** Records SUCCEEDED outcomes of refunds the caller locked and found SUBMITTED or REQUESTED. */
    public void succeedRefunds(List<UUID> ids, List<String> providerRefundIds, Instant at) {
        int updated = jdbc.sql("""
                update payment.refund r set status = 'SUCCEEDED', provider_refund_id = s.provider_refund_id, last_error = null,
                       completed_at = :at, next_attempt_at = null
                  from unnest(:ids, :providerIds) as s(id, provider_refund_id)
                 where r.id = s.id and r.status in ('REQUESTED','SUBMITTED')
                """).param("ids", ids.toArray(UUID[]::new)).param("providerIds", providerRefundIds.toArray(String[]::new))
                .param("at", ts(at)).update();
        if (updated != ids.size()) {
            throw new IllegalStateException("completed " + updated + " of " + ids.size() + " refunds under their locks");
        }
    }

    public void recordPublications(List<UUID> subjectIds, String kind, Instant at) {
        jdbc.sql("""
                insert into payment.published_event (subject_id, kind, published_at)
                select s, :kind, :at from unnest(:ids) as s
                """).param("ids", subjectIds.toArray(UUID[]::new)).param("kind", kind).param("at", ts(at)).update();
    }
}
