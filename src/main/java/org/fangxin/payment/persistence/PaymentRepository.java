package org.fangxin.payment.persistence;


import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.ProviderRefundStatus;
import org.fangxin.payment.ProviderRefundView;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the platform's payment tables (not the sandbox's); callers hold the transaction. */
@Repository
public class PaymentRepository {

    static final String ORDER_COLUMNS = """
            id, reference, payer_user_id, merchant_id, amount_minor, currency, description, status, provider,
            provider_order_id, checkout_url, created_at, expires_at, paid_at, refund_reserved_minor""";
    static final String REFUND_COLUMNS = """
            id, payment_order_id, refund_reference, amount_minor, currency, reason, status, attempts, last_error,
            requested_at, completed_at""";

    private final JdbcClient jdbc;

    private final DeferredStatements deferred;

    public PaymentRepository(JdbcClient jdbc, DeferredStatements deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    public record NewOrder(UUID id, String reference, UUID payerUserId, UUID merchantId, Money amount,
                           String description, String provider, Instant createdAt, Instant expiresAt) { }

    /** Inserts the order unless its reference exists; true when this call inserted it. */
    public boolean insertOrder(NewOrder order) {
        return jdbc.sql("""
                insert into payment.payment_order (id, reference, payer_user_id, merchant_id, amount_minor, currency,
                    description, provider, status, created_at, expires_at)
                values (:id, :reference, :payer, :merchant, :amount, :currency, :description, :provider, 'PENDING',
                    :createdAt, :expiresAt)
                on conflict (reference) do nothing
                """)
                .param("id", order.id()).param("reference", order.reference())
                .param("payer", order.payerUserId()).param("merchant", order.merchantId())
                .param("amount", order.amount().amountMinor()).param("currency", order.amount().currency().getCurrencyCode())
                .param("description", order.description()).param("provider", order.provider())
                .param("createdAt", ts(order.createdAt())).param("expiresAt", ts(order.expiresAt()))
                .update() == 1;
    }

    public Optional<PaymentOrderView> findOrder(UUID id) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from payment.payment_order where id = :id")
                .param("id", id).query(this::toOrder).optional();
    }

    /** The order, locked until the end of the transaction: every status change goes through here. */
    public Optional<PaymentOrderView> lockOrder(UUID id) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from payment.payment_order where id = :id for update")
                .param("id", id).query(this::toOrder).optional();
    }

    /** A locked order, and whether a callback with this nonce was processed already (see {@link #nonceProcessed}). */
    public record LockedOrder(PaymentOrderView order, boolean nonceProcessed) { }

    /**
     * {@link #lockOrder} and {@link #nonceProcessed} in one round trip (issue 15: every callback asks both); empty when
     * there is no such order, and the caller asks about the nonce alone.
     */
    public Optional<LockedOrder> lockOrderCheckingNonce(UUID id, String provider, String nonce) {
        return jdbc.sql("select " + ORDER_COLUMNS + """
                , exists (select 1 from payment.callback_log
                           where provider = :provider and nonce = :nonce
                             and verdict in ('ACCEPTED','DUPLICATE','PAID_AFTER_EXPIRY','CLOSED','IGNORED')) as replayed
                  from payment.payment_order where id = :id for update
                """)
                .param("id", id).param("provider", provider).param("nonce", nonce)
                .query((rs, n) -> new LockedOrder(toOrder(rs, n), rs.getBoolean("replayed"))).optional();
    }

    public Optional<PaymentOrderView> findOrderByReference(String reference) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from payment.payment_order where reference = :reference")
                .param("reference", reference).query(this::toOrder).optional();
    }

    public List<PaymentOrderView> listOrders(PaymentStatus status, int limit) {
        return jdbc.sql("select " + ORDER_COLUMNS + """
                 from payment.payment_order
                where (cast(:status as text) is null or status = :status)
                order by created_at, id limit :limit
                """)
                .param("status", status == null ? null : status.name()).param("limit", limit)
                .query(this::toOrder).list();
    }

    public void attachProviderOrder(UUID id, String providerOrderId, String checkoutUrl) {
        int rows = jdbc.sql("""
                update payment.payment_order set provider_order_id = :providerOrderId, checkout_url = :checkoutUrl
                 where id = :id and (provider_order_id is null or provider_order_id = :providerOrderId)
                """)
                .param("id", id).param("providerOrderId", providerOrderId).param("checkoutUrl", checkoutUrl).update();
        requireOne(rows, "attach provider order to " + id);
    }

    /** Moves the order from one status to another; the caller holds its lock and has checked the transition. */
    public void changeStatus(UUID id, PaymentStatus from, PaymentStatus to, Instant paidAt, Instant endedAt) {
        int rows = jdbc.sql("""
                update payment.payment_order set status = :to, paid_at = coalesce(:paidAt, paid_at),
                       ended_at = coalesce(ended_at, :endedAt)
                 where id = :id and status = :from
                """)
                .param("id", id).param("from", from.name()).param("to", to.name())
                .param("paidAt", ts(paidAt)).param("endedAt", ts(endedAt)).update();
        requireOne(rows, "change status of " + id + " from " + from);
    }

    /**
     * Claims PENDING orders that need a provider query (older than {@code createdBefore}, or past their expiry), not
     * checked since {@code checkedBefore}; marks them checked now. Skips rows another instance holds.
     */
    public List<UUID> claimPendingForCheck(Instant createdBefore, Instant checkedBefore, Instant now, int limit) {
        return jdbc.sql("""
                update payment.payment_order set checked_at = :now where id in (
                    select id from payment.payment_order
                     where status = 'PENDING'
                       and (created_at <= :createdBefore or expires_at <= :now)
                       and (checked_at is null or checked_at <= :checkedBefore
                            or (expires_at <= :now and checked_at < expires_at))
                     order by created_at, id
                     limit :limit
                       for update skip locked)
                returning id
                """)
                .param("createdBefore", ts(createdBefore)).param("checkedBefore", ts(checkedBefore))
                .param("now", ts(now)).param("limit", limit)
                .query((rs, row) -> rs.getObject("id", UUID.class)).list();
    }

    /** Adds to (or with a negative delta, releases from) the amount reserved by refunds; the DB refuses over-refunds. */
    public void reserveRefund(UUID orderId, long deltaMinor) {
        requireOne(jdbc.sql("""
                update payment.payment_order set refund_reserved_minor = refund_reserved_minor + :delta where id = :id
                """).param("id", orderId).param("delta", deltaMinor).update(), "reserve refund on " + orderId);
    }

    public record NewRefund(UUID id, UUID paymentOrderId, String refundReference, Money amount, String reason,
                            Instant requestedAt) { }

    public boolean insertRefund(NewRefund refund) {
        return jdbc.sql("""
                insert into payment.refund (id, payment_order_id, refund_reference, amount_minor, currency, reason,
                    status, attempts, next_attempt_at, requested_at)
                values (:id, :order, :reference, :amount, :currency, :reason, 'REQUESTED', 0, :at, :at)
                on conflict (refund_reference) do nothing
                """)
                .param("id", refund.id()).param("order", refund.paymentOrderId())
                .param("reference", refund.refundReference()).param("amount", refund.amount().amountMinor())
                .param("currency", refund.amount().currency().getCurrencyCode()).param("reason", refund.reason())
                .param("at", ts(refund.requestedAt())).update() == 1;
    }

    public Optional<ProviderRefundView> findRefund(UUID id) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment.refund where id = :id")
                .param("id", id).query(this::toRefund).optional();
    }

    public Optional<ProviderRefundView> lockRefund(UUID id) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment.refund where id = :id for update")
                .param("id", id).query(this::toRefund).optional();
    }

    public Optional<ProviderRefundView> findRefundByReference(String reference) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment.refund where refund_reference = :reference")
                .param("reference", reference).query(this::toRefund).optional();
    }

    public List<ProviderRefundView> listRefunds(UUID orderId) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment.refund where payment_order_id = :order order by requested_at, id")
                .param("order", orderId).query(this::toRefund).list();
    }

    /** Refunds that FAILED or are still open after at least one attempt, oldest first. */
    public List<ProviderRefundView> listTroubledRefunds(int limit) {
        return jdbc.sql("select " + REFUND_COLUMNS + """
                 from payment.refund
                where status = 'FAILED' or (status in ('REQUESTED','SUBMITTED') and attempts > 0)
                order by requested_at, id limit :limit
                """).param("limit", limit).query(this::toRefund).list();
    }

    /**
     * Claims open refunds that are due and counts the attempt about to be made: status SUBMITTED, attempts + 1, and
     * the next attempt pushed to {@code leaseUntil} so no other instance sends it meanwhile.
     */
    public List<ProviderRefundView> claimDueRefunds(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                update payment.refund set status = 'SUBMITTED', attempts = attempts + 1, next_attempt_at = :leaseUntil
                 where id in (
                    select id from payment.refund
                     where status in ('REQUESTED','SUBMITTED') and next_attempt_at <= :now
                     order by next_attempt_at, id
                     limit :limit
                       for update skip locked)
                returning\s""" + REFUND_COLUMNS)
                .param("now", ts(now)).param("leaseUntil", ts(leaseUntil)).param("limit", limit)
                .query(this::toRefund).list();
    }

    /** Records a final outcome; the caller holds the refund's lock and has checked the transition. */
    public void completeRefund(UUID id, ProviderRefundStatus from, ProviderRefundStatus to, String providerRefundId, String error, Instant at) {
        requireOne(jdbc.sql("""
                update payment.refund set status = :to, provider_refund_id = :providerRefundId, last_error = :error,
                       completed_at = :at, next_attempt_at = null
                 where id = :id and status = :from
                """)
                .param("id", id).param("from", from.name()).param("to", to.name())
                .param("providerRefundId", providerRefundId).param("error", error).param("at", ts(at)).update(),
                "complete refund " + id);
    }

    /** Records a failed attempt that will be retried at {@code nextAttemptAt}. */
    public void retryRefundAt(UUID id, String error, Instant nextAttemptAt) {
        requireOne(jdbc.sql("""
                update payment.refund set last_error = :error, next_attempt_at = :next
                 where id = :id and status in ('REQUESTED','SUBMITTED')
                """).param("id", id).param("error", error).param("next", ts(nextAttemptAt)).update(),
                "schedule retry of refund " + id);
    }

    public record CallbackEntry(UUID id, Instant receivedAt, String provider, UUID paymentOrderId,
                                String providerOrderId, String nonce, String verdict, String detail, String payload,
                                String remoteAddress) { }

    public void logCallback(CallbackEntry entry) {
        // a write that answers nothing: inside DeferredStatements.sendTogether it goes with the callback's last statements
        Map<String, Object> params = new HashMap<>();
        params.put("id", entry.id());
        params.put("at", ts(entry.receivedAt()));
        params.put("provider", entry.provider());
        params.put("order", entry.paymentOrderId());
        params.put("providerOrderId", entry.providerOrderId());
        params.put("nonce", entry.nonce());
        params.put("verdict", entry.verdict());
        params.put("detail", entry.detail());
        params.put("payload", entry.payload());
        params.put("remote", entry.remoteAddress());
        deferred.defer("""
                insert into payment.callback_log (id, received_at, provider, payment_order_id, provider_order_id, nonce,
                    verdict, detail, payload, remote_address)
                values (:id, :at, :provider, :order, :providerOrderId, :nonce, :verdict, :detail, :payload, :remote)
                """, params, 1, () -> new IllegalStateException("callback " + entry.id() + " not logged"));
    }

    /** Whether a callback with this nonce was already processed (accepted or answered without effect). */
    public boolean nonceProcessed(String provider, String nonce) {
        return jdbc.sql("""
                select exists (select 1 from payment.callback_log
                                where provider = :provider and nonce = :nonce
                                  and verdict in ('ACCEPTED','DUPLICATE','PAID_AFTER_EXPIRY','CLOSED','IGNORED'))
                """).param("provider", provider).param("nonce", nonce).query(Boolean.class).single();
    }

    /** Notes that an event about this subject was published; a second publication of one kind violates the key. */
    public void recordPublication(UUID subjectId, String kind, Instant at) {
        // inside DeferredStatements.sendTogether (a callback) sent with the last statements: a second publication still
        // violates the key there, and the whole callback rolls back
        Map<String, Object> params = new HashMap<>();
        params.put("subject", subjectId);
        params.put("kind", kind);
        params.put("at", ts(at));
        deferred.defer("insert into payment.published_event (subject_id, kind, published_at) values (:subject, :kind, :at)",
                params, 1, () -> new IllegalStateException(kind + " of " + subjectId + " not recorded"));
    }

    PaymentOrderView toOrder(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new PaymentOrderView(rs.getObject("id", UUID.class), rs.getString("reference"),
                rs.getObject("payer_user_id", UUID.class), rs.getObject("merchant_id", UUID.class),
                new Money(rs.getLong("amount_minor"), currency), rs.getString("description"),
                PaymentStatus.valueOf(rs.getString("status")), rs.getString("provider"),
                rs.getString("provider_order_id"), rs.getString("checkout_url"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "paid_at"),
                new Money(rs.getLong("refund_reserved_minor"), currency));
    }

    ProviderRefundView toRefund(ResultSet rs, int row) throws SQLException {
        return new ProviderRefundView(rs.getObject("id", UUID.class), rs.getObject("payment_order_id", UUID.class),
                rs.getString("refund_reference"),
                new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                rs.getString("reason"), ProviderRefundStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "requested_at"), instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static void requireOne(int rows, String what) {
        if (rows != 1) {
            throw new IllegalStateException("expected one row to " + what + ", got " + rows);
        }
    }
}
