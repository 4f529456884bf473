package org.fangxin.refund.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.refund.RefundMethodApplied;
import org.fangxin.refund.RefundQuote;
import org.fangxin.refund.RefundReason;
import org.fangxin.refund.RefundStatus;
import org.fangxin.refund.RefundView;
import org.fangxin.shared.Money;
import org.fangxin.merchant.MerchantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the refund schema; callers hold the transaction. Updates check the row's version. */
@Repository
public class RefundRepository {

    private static final String COLUMNS = """
            id, card_id, holder_user_id, merchant_id, reason, status, method, cooling_off, paid_minor, unredeemed_minor,
            gross_minor, fee_bp, fee_minor, refund_minor, retained_minor, currency, requested_at, requested_on,
            contest_deadline, contest_reason, contested_at, decision_reason, decided_by, decided_at, approved_at,
            clawed_payable_minor, clawed_deposit_minor, uncovered_minor, payment_reference, payment_attempts,
            payment_error, paid_at, payment_order_id, version""";

    private final JdbcClient jdbc;

    public RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored request with what the API does not show: the payment order and the row version. */
    public record Stored(RefundView view, UUID paymentOrderId, int version) { }

    public void insert(UUID id, UUID cardId, UUID holder, UUID merchant, UUID paymentOrderId, RefundQuote quote,
                       RefundStatus status, Instant now, LocalDate requestedOn, LocalDate contestDeadline) {
        jdbc.sql("""
                insert into refund.refund_request (id, card_id, holder_user_id, merchant_id, payment_order_id, reason,
                    status, method, cooling_off, fee_bp, currency, paid_minor, unredeemed_minor, gross_minor, fee_minor,
                    refund_minor, retained_minor, requested_at, requested_on, contest_deadline, updated_at)
                values (:id, :card, :holder, :merchant, :order, :reason, :status, :method, :coolingOff, :feeBp,
                    :currency, :paid, :unredeemed, :gross, :fee, :refund, :retained, :now, :on, :deadline, :now)
                """)
                .param("id", id).param("card", cardId).param("holder", holder).param("merchant", merchant)
                .param("order", paymentOrderId).param("reason", quote.reason().name()).param("status", status.name())
                .param("method", quote.method().name()).param("coolingOff", quote.coolingOff())
                .param("feeBp", quote.feeBp()).param("currency", quote.paid().currency().getCurrencyCode())
                .param("paid", quote.paid().amountMinor()).param("unredeemed", quote.unredeemed().amountMinor())
                .param("gross", quote.gross().amountMinor()).param("fee", quote.fee().amountMinor())
                .param("refund", quote.refund().amountMinor()).param("retained", quote.retained().amountMinor())
                .param("now", ts(now)).param("on", requestedOn).param("deadline", contestDeadline)
                .update();
    }

    public Optional<Stored> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from refund.refund_request where id = :id")
                .param("id", id).query(this::toStored).optional();
    }

    /** Locks the request row for a state change. */
    public Optional<Stored> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from refund.refund_request where id = :id for update")
                .param("id", id).query(this::toStored).optional();
    }

    public Optional<Stored> findByPaymentReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from refund.refund_request where payment_reference = :reference")
                .param("reference", reference).query(this::toStored).optional();
    }

    public Optional<Stored> findOpenForCard(UUID cardId) {
        return jdbc.sql("select " + COLUMNS + """
                 from refund.refund_request where card_id = :card and status not in ('REJECTED','CANCELLED')
                """).param("card", cardId).query(this::toStored).optional();
    }

    public List<RefundView> ofHolder(UUID holder, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from refund.refund_request where holder_user_id = :holder order by requested_at desc, id desc limit :limit
                """).param("holder", holder).param("limit", limit).query(this::toView).list();
    }

    public List<RefundView> ofMerchant(UUID merchant, Set<RefundStatus> statuses, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from refund.refund_request where merchant_id = :merchant and status in (:statuses)
                 order by requested_at, id limit :limit
                """).param("merchant", merchant).param("statuses", names(statuses)).param("limit", limit)
                .query(this::toView).list();
    }

    public List<RefundView> ofStatuses(Set<RefundStatus> statuses, int limit) {
        return ofStatuses(statuses, limit, MerchantScope.ALL);
    }

    /** Refunds of the merchants in {@code scope} with these statuses, oldest first. */
    public List<RefundView> ofStatuses(Set<RefundStatus> statuses, int limit, MerchantScope scope) {
        return jdbc.sql("select " + COLUMNS + " from refund.refund_request where status in (:statuses)"
                        + scope.and("merchant_id") + " order by requested_at, id limit :limit")
                .param("statuses", names(statuses)).param("limit", limit).params(scope.params())
                .query(this::toView).list();
    }

    /** Refunds of the merchant approved for payment and not yet paid (they will draw on its escrow), but one. */
    public long owedFromEscrow(UUID merchant, String currency, UUID except) {
        return jdbc.sql("""
                select coalesce(sum(refund_minor), 0) from refund.refund_request
                 where merchant_id = :merchant and currency = :currency and status in ('APPROVED', 'MANUAL_PAYOUT')
                   and id <> :except
                """).param("merchant", merchant).param("currency", currency).param("except", except)
                .query(Long.class).single();
    }

    /** Ids of requests still waiting for the merchant whose contest deadline passed before {@code today}. */
    public List<UUID> silentBefore(LocalDate today, int limit) {
        return jdbc.sql("""
                select id from refund.refund_request
                 where status = 'PENDING_MERCHANT' and contest_deadline < :today
                 order by contest_deadline, id limit :limit
                """).param("today", today).param("limit", limit).query(UUID.class).list();
    }

    public void contest(Stored stored, RefundStatus status, String reason, String by, Instant now) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = :status, contest_reason = :reason, contested_by = :by,
                       contested_at = :now, updated_at = :now, version = version + 1
                 where id = :id and version = :version
                """).param("status", status.name()).param("reason", reason).param("by", by).param("now", ts(now))
                .param("id", stored.view().id()).param("version", stored.version()).update());
    }

    public void decide(Stored stored, RefundStatus status, String reason, String by, Instant now) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = :status, decision_reason = :reason, decided_by = :by,
                       decided_at = :now, updated_at = :now, version = version + 1
                 where id = :id and version = :version
                """).param("status", status.name()).param("reason", reason).param("by", by).param("now", ts(now))
                .param("id", stored.view().id()).param("version", stored.version()).update());
    }

    /** Records the approval: the final quote of the surrendered card, the clawback split and the first payment. */
    public void approve(UUID id, RefundStatus status, RefundQuote quote, long clawedPayable, long clawedDeposit,
                        long uncovered, String paymentReference, Instant now) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = :status, method = :method, cooling_off = :coolingOff,
                       fee_bp = :feeBp, paid_minor = :paid, unredeemed_minor = :unredeemed, gross_minor = :gross,
                       fee_minor = :fee, refund_minor = :refund, retained_minor = :retained, approved_at = :now,
                       clawed_payable_minor = :clawedPayable, clawed_deposit_minor = :clawedDeposit,
                       uncovered_minor = :uncovered, payment_reference = :reference,
                       payment_attempts = case when cast(:reference as text) is null then 0 else 1 end,
                       updated_at = :now, version = version + 1
                 where id = :id
                """).param("status", status.name()).param("method", quote.method().name())
                .param("coolingOff", quote.coolingOff()).param("feeBp", quote.feeBp())
                .param("paid", quote.paid().amountMinor()).param("unredeemed", quote.unredeemed().amountMinor())
                .param("gross", quote.gross().amountMinor()).param("fee", quote.fee().amountMinor())
                .param("refund", quote.refund().amountMinor()).param("retained", quote.retained().amountMinor())
                .param("clawedPayable", clawedPayable).param("clawedDeposit", clawedDeposit).param("uncovered", uncovered)
                .param("reference", paymentReference).param("now", ts(now)).param("id", id).update());
    }

    public void markPaid(UUID id, Instant paidAt) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = 'PAID', paid_at = :at, payment_error = null, updated_at = :at,
                       version = version + 1
                 where id = :id
                """).param("at", ts(paidAt)).param("id", id).update());
    }

    /** An operator paid the holder outside the payment provider (a received card): PAID with the bank reference. */
    public void markPaidManually(UUID id, String payoutReference, Instant paidAt) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = 'PAID', paid_at = :at, payout_reference = :reference,
                       updated_at = :at, version = version + 1
                 where id = :id and status = 'MANUAL_PAYOUT'
                """).param("at", ts(paidAt)).param("reference", payoutReference).param("id", id).update());
    }

    public void markPaymentFailed(UUID id, String error, Instant now) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = 'PAYMENT_FAILED', payment_error = :error, updated_at = :now,
                       version = version + 1
                 where id = :id
                """).param("error", truncate(error)).param("now", ts(now)).param("id", id).update());
    }

    public void retryPayment(UUID id, String reference, int attempts, Instant now) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = 'APPROVED', payment_reference = :reference,
                       payment_attempts = :attempts, updated_at = :now, version = version + 1
                 where id = :id and status = 'PAYMENT_FAILED'
                """).param("reference", reference).param("attempts", attempts).param("now", ts(now)).param("id", id)
                .update());
    }

    /** Requests of the merchant's cards still waiting for the merchant or an operator (PENDING_MERCHANT, DISPUTED). */
    public List<UUID> undecidedOfMerchant(UUID merchantId) {
        return jdbc.sql("select id from refund.refund_request where merchant_id = :merchant and status in ('PENDING_MERCHANT','DISPUTED')")
                .param("merchant", merchantId).query(UUID.class).list();
    }

    public void cancel(UUID id, String reason, Instant now) {
        expectOne(jdbc.sql("""
                update refund.refund_request set status = 'CANCELLED', decision_reason = :reason, decided_by = 'system',
                       decided_at = :now, updated_at = :now, version = version + 1
                 where id = :id and status in ('PENDING_MERCHANT','DISPUTED')
                """).param("reason", reason).param("now", ts(now)).param("id", id).update());
    }

    /** Records that the holder was told of the coming expiry; false when already told (idempotent). */
    public boolean noteExpiryNotice(UUID cardId, UUID holder, LocalDate validUntil, Instant now) {
        return jdbc.sql("""
                insert into refund.expiry_notice (card_id, holder_user_id, valid_until, noticed_at)
                values (:card, :holder, :until, :now) on conflict (card_id) do nothing
                """).param("card", cardId).param("holder", holder).param("until", validUntil).param("now", ts(now))
                .update() == 1;
    }

    public boolean expiryNoticed(UUID cardId) {
        return jdbc.sql("select count(*) from refund.expiry_notice where card_id = :card").param("card", cardId)
                .query(Long.class).single() > 0;
    }

    /** Public holidays from {@code from} on, for the working-day calendar (bounded: one year ahead is plenty). */
    public Set<LocalDate> holidays(LocalDate from, LocalDate until) {
        return Set.copyOf(jdbc.sql("select day from refund.holiday where day between :from and :until")
                .param("from", from).param("until", until).query(LocalDate.class).list());
    }

    private Stored toStored(ResultSet rs, int row) throws SQLException {
        return new Stored(toView(rs, row), rs.getObject("payment_order_id", UUID.class), rs.getInt("version"));
    }

    private RefundView toView(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new RefundView(rs.getObject("id", UUID.class), rs.getObject("card_id", UUID.class),
                rs.getObject("holder_user_id", UUID.class), rs.getObject("merchant_id", UUID.class),
                RefundReason.valueOf(rs.getString("reason")), RefundStatus.valueOf(rs.getString("status")),
                RefundMethodApplied.valueOf(rs.getString("method")), rs.getBoolean("cooling_off"),
                money(rs, "paid_minor", currency), money(rs, "unredeemed_minor", currency),
                money(rs, "gross_minor", currency), rs.getInt("fee_bp"), money(rs, "fee_minor", currency),
                money(rs, "refund_minor", currency), money(rs, "retained_minor", currency),
                instant(rs, "requested_at"), rs.getObject("requested_on", LocalDate.class),
                rs.getObject("contest_deadline", LocalDate.class), rs.getString("contest_reason"),
                instant(rs, "contested_at"), rs.getString("decision_reason"), rs.getString("decided_by"),
                instant(rs, "decided_at"), instant(rs, "approved_at"), money(rs, "clawed_payable_minor", currency),
                money(rs, "clawed_deposit_minor", currency), money(rs, "uncovered_minor", currency),
                rs.getString("payment_reference"), rs.getInt("payment_attempts"), rs.getString("payment_error"),
                instant(rs, "paid_at"));
    }

    private static Money money(ResultSet rs, String column, Currency currency) throws SQLException {
        return new Money(rs.getLong(column), currency);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static List<String> names(Set<RefundStatus> statuses) {
        return statuses.stream().map(Enum::name).toList();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static void expectOne(int rows) {
        if (rows != 1) {
            throw new IllegalStateException("refund request changed concurrently (" + rows + " rows updated)");
        }
    }
}
