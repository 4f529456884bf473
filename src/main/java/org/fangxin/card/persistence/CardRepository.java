package org.fangxin.card.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardEventView;
import org.fangxin.card.CardStatus;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cards and card history in schema {@code card}. Purchases ({@link PurchaseRepository}), a closed merchant's cards
 * ({@link ClosureCardRepository}) and the suspicion watch's reads ({@link SuspicionQueries}) are apart.
 */
@Repository
public class CardRepository {

    static final String CARD_COLUMNS = """
            id, purchase_id, transferred_from, holder_id, merchant_id, store_id, product_id, product_name, kind,
            contract_version_id, contract_sha256, payment_order_id, status, currency, paid_minor, list_price_minor,
            earned_minor, refunded_minor, transferred_out_minor, advance_minor, advance_outstanding_minor,
            sessions_total, sessions_remaining, face_value_minor, face_remaining_minor, valid_from, valid_until, zone,
            released_through, purchased_at, first_redeemed_at
            """;

    private final JdbcClient jdbc;

    private final DeferredStatements deferred;

    public CardRepository(JdbcClient jdbc, DeferredStatements deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    // ---- cards

    public void insertCard(CardRow c) {
        jdbc.sql("insert into card.card (" + CARD_COLUMNS + """
                ) values (:id, :purchase, :from, :holder, :merchant, :store, :product, :name, :kind, :version, :sha,
                    :order, :status, :currency, :paid, :list, :earned, :refunded, :transferredOut, :advance,
                    :advanceOutstanding, :sessionsTotal, :sessionsRemaining, :face, :faceRemaining, :validFrom,
                    :validUntil, :zone, :releasedThrough, :purchasedAt, :firstRedeemedAt)
                """)
                .param("id", c.id()).param("purchase", c.purchaseId()).param("from", c.transferredFrom())
                .param("holder", c.holderId()).param("merchant", c.merchantId()).param("store", c.storeId())
                .param("product", c.productId()).param("name", c.productName()).param("kind", c.kind().name())
                .param("version", c.contractVersionId()).param("sha", c.contractSha256())
                .param("order", c.paymentOrderId()).param("status", c.status().name())
                .param("currency", c.currency().getCurrencyCode()).param("paid", c.paidMinor())
                .param("list", c.listPriceMinor()).param("earned", c.earnedMinor()).param("refunded", c.refundedMinor())
                .param("transferredOut", c.transferredOutMinor()).param("advance", c.advanceMinor())
                .param("advanceOutstanding", c.advanceOutstandingMinor()).param("sessionsTotal", c.sessionsTotal())
                .param("sessionsRemaining", c.sessionsRemaining()).param("face", c.faceValueMinor())
                .param("faceRemaining", c.faceRemainingMinor()).param("validFrom", Date.valueOf(c.validFrom()))
                .param("validUntil", Date.valueOf(c.validUntil())).param("zone", c.zone().getId())
                .param("releasedThrough", c.releasedThrough() == null ? null : Date.valueOf(c.releasedThrough()))
                .param("purchasedAt", Timestamp.from(c.purchasedAt()))
                .param("firstRedeemedAt", c.firstRedeemedAt() == null ? null : Timestamp.from(c.firstRedeemedAt()))
                .update();
    }

    public Optional<CardRow> find(UUID id) {
        return jdbc.sql("select " + CARD_COLUMNS + " from card.card where id = :id")
                .param("id", id).query(CardRepository::card).optional();
    }

    /** Locks the card row for the rest of the transaction: redemptions, releases and surrender of one card queue here. */
    public Optional<CardRow> lock(UUID id) {
        return jdbc.sql("select " + CARD_COLUMNS + " from card.card where id = :id for update")
                .param("id", id).query(CardRepository::card).optional();
    }

    public Optional<CardRow> findByPurchase(UUID purchaseId) {
        return jdbc.sql("select " + CARD_COLUMNS + " from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(CardRepository::card).optional();
    }

    /** Writes the counters of a step (redemption, release, restore); the row must be locked by the caller. */
    public void updateEntitlement(UUID id, Entitlement e, Instant firstRedeemedAt) {
        int rows = jdbc.sql("""
                update card.card set earned_minor = :earned, advance_outstanding_minor = :advance,
                       sessions_remaining = :sessions, face_remaining_minor = :face, released_through = :through,
                       first_redeemed_at = coalesce(first_redeemed_at, :first)
                 where id = :id and status = 'ACTIVE'
                """)
                .param("id", id).param("earned", e.earned().amountMinor())
                .param("advance", e.advanceOutstanding().amountMinor()).param("sessions", e.sessionsRemaining())
                .param("face", e.faceRemaining() == null ? null : e.faceRemaining().amountMinor())
                .param("through", e.releasedThrough() == null ? null : Date.valueOf(e.releasedThrough()))
                .param("first", firstRedeemedAt == null ? null : Timestamp.from(firstRedeemedAt))
                .update();
        if (rows != 1) {
            throw new IllegalStateException("card " + id + " is not active under its lock");
        }
    }

    /** Ends a card: its remaining value is refunded (or expires) or transferred; its advance leaves with it. */
    public void end(UUID id, CardStatus status, long refundedMinor, long transferredOutMinor, Instant at, String reason) {
        int rows = jdbc.sql("""
                update card.card set status = :status, refunded_minor = refunded_minor + :refunded,
                       transferred_out_minor = transferred_out_minor + :transferred, advance_outstanding_minor = 0,
                       ended_at = :at, end_reason = :reason
                 where id = :id and status in ('ACTIVE', 'FROZEN')
                """)
                .param("id", id).param("status", status.name()).param("refunded", refundedMinor)
                .param("transferred", transferredOutMinor).param("at", Timestamp.from(at)).param("reason", reason)
                .update();
        if (rows != 1) {
            throw new IllegalStateException("card " + id + " is not active under its lock");
        }
    }

    /**
     * Settles an ended card's refund: {@code refundedMinor} reached the consumer, the rest of what {@link #end} recorded
     * as refunded was kept by the merchant (earned), and {@code unrecoveredMinor} of its advance is still owed.
     */
    public void settleEnded(UUID id, long refundedMinor, long unrecoveredMinor) {
        int rows = jdbc.sql("""
                update card.card set earned_minor = earned_minor + refunded_minor - :refunded,
                       refunded_minor = :refunded, advance_unrecovered_minor = advance_unrecovered_minor + :unrecovered
                 where id = :id and status in ('REFUNDED', 'EXPIRED') and refunded_minor >= :refunded
                """)
                .param("id", id).param("refunded", refundedMinor).param("unrecovered", unrecoveredMinor).update();
        if (rows != 1) {
            throw new IllegalStateException("card " + id + " is not an ended card with at least " + refundedMinor + " surrendered");
        }
    }

    /** Per merchant and currency ("merchantId/CNY"): advance left unrecovered by ended cards. */
    public java.util.Map<String, Long> advanceUnrecovered(UUID merchantId) {
        java.util.Map<String, Long> sums = new java.util.HashMap<>();
        jdbc.sql("""
                select merchant_id, currency, sum(advance_unrecovered_minor) as unrecovered from card.card
                 where advance_unrecovered_minor > 0 and (cast(:merchant as uuid) is null or merchant_id = :merchant)
                 group by merchant_id, currency
                """)
                .param("merchant", merchantId)
                .query(rs -> {
                    sums.put(rs.getObject("merchant_id", UUID.class) + "/" + rs.getString("currency").trim(),
                            rs.getLong("unrecovered"));
                });
        return sums;
    }

    public List<CardRow> ofHolder(UUID holderId, int limit) {
        return jdbc.sql("select " + CARD_COLUMNS + " from card.card where holder_id = :holder order by purchased_at desc, id desc limit :limit")
                .param("holder", holderId).param("limit", limit).query(CardRepository::card).list();
    }

    public List<CardRow> ofMerchant(UUID merchantId, int limit) {
        return jdbc.sql("select " + CARD_COLUMNS + " from card.card where merchant_id = :merchant order by purchased_at desc, id desc limit :limit")
                .param("merchant", merchantId).param("limit", limit).query(CardRepository::card).list();
    }

    /** All cards of a merchant, or of every merchant, in id order after {@code after} (keyset paging). */
    public List<CardRow> page(UUID merchantId, UUID after, int limit) {
        return jdbc.sql("select " + CARD_COLUMNS + """
                  from card.card
                 where (cast(:merchant as uuid) is null or merchant_id = :merchant)
                   and (cast(:after as uuid) is null or id > :after)
                 order by id limit :limit
                """)
                .param("merchant", merchantId).param("after", after).param("limit", limit)
                .query(CardRepository::card).list();
    }

    /**
     * Serialises purchases of one consumer at one merchant until the transaction ends, so two orders placed at once
     * cannot both squeeze under the per-consumer cap.
     */
    public void lockHolderAtMerchant(UUID holderId, UUID merchantId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('card-purchase:' || :holder || ':' || :merchant, 0))")
                .param("holder", holderId.toString()).param("merchant", merchantId.toString()).query().singleRow();
    }

    /**
     * {@link #heldAtMerchant} plus the amounts of the consumer's purchases at the merchant still waiting for payment,
     * created after {@code since}, in one statement (after {@link #lockHolderAtMerchant}, in a statement of its own so
     * that this one sees what the lock's previous holder committed).
     */
    public long heldAndPendingAtMerchant(UUID holderId, UUID merchantId, Instant since) {
        return jdbc.sql("""
                select (select coalesce(sum(amount_minor), 0) from card.purchase
                         where consumer_id = :holder and merchant_id = :merchant and status = 'PENDING_PAYMENT'
                           and created_at > :since)
                     + (select coalesce(sum(paid_minor - earned_minor - refunded_minor - transferred_out_minor), 0)
                          from card.card where holder_id = :holder and merchant_id = :merchant and status in ('ACTIVE', 'FROZEN'))
                """)
                .param("holder", holderId).param("merchant", merchantId).param("since", Timestamp.from(since))
                .query(Long.class).single();
    }

    /** Σ over the merchant's holders of min(limit, the advance outstanding on their live cards in that currency). */
    public long advanceCappedPerHolder(UUID merchantId, String currency, long perHolderLimitMinor) {
        return jdbc.sql("""
                select coalesce(sum(least(advance, :limit)), 0) from (
                    select sum(advance_outstanding_minor) as advance from card.card
                     where merchant_id = :merchant and currency = :currency and status in ('ACTIVE', 'FROZEN')
                     group by holder_id) per_holder
                """)
                .param("merchant", merchantId).param("currency", currency).param("limit", perHolderLimitMinor)
                .query(Long.class).single();
    }

    public long heldAtMerchant(UUID holderId, UUID merchantId) {
        return jdbc.sql("""
                select coalesce(sum(paid_minor - earned_minor - refunded_minor - transferred_out_minor), 0)
                  from card.card where holder_id = :holder and merchant_id = :merchant and status in ('ACTIVE', 'FROZEN')
                """)
                .param("holder", holderId).param("merchant", merchantId).query(Long.class).single();
    }

    public boolean holdsLiveCardAt(UUID holderId, UUID merchantId) {
        return jdbc.sql("""
                select exists (select 1 from card.card
                                where holder_id = :holder and merchant_id = :merchant and status in ('ACTIVE', 'FROZEN'))
                """)
                .param("holder", holderId).param("merchant", merchantId).query(Boolean.class).single();
    }

    /** Live cards of a merchant in CNY: count and unredeemed value (paid − earned − refunded − transferred out). */
    public org.fangxin.card.LiveCardTotals liveCardsAt(UUID merchantId) {
        return jdbc.sql("""
                select count(*) as n,
                       coalesce(sum(paid_minor - earned_minor - refunded_minor - transferred_out_minor), 0) as unredeemed
                  from card.card where merchant_id = :merchant and status in ('ACTIVE', 'FROZEN') and currency = 'CNY'
                """)
                .param("merchant", merchantId)
                .query((rs, n) -> new org.fangxin.card.LiveCardTotals(rs.getLong("n"), Money.fen(rs.getLong("unredeemed"))))
                .single();
    }

    public List<CardRow> expiringBefore(LocalDate date, int limit) {
        return jdbc.sql("select " + CARD_COLUMNS + """
                  from card.card where status = 'ACTIVE' and valid_until < :date
                 order by valid_until, id limit :limit
                """)
                .param("date", Date.valueOf(date)).param("limit", limit).query(CardRepository::card).list();
    }

    public List<CardRow> endingBetween(LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("select " + CARD_COLUMNS + """
                  from card.card where status = 'ACTIVE' and valid_until >= :from and valid_until < :to
                 order by valid_until, id limit :limit
                """)
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).param("limit", limit)
                .query(CardRepository::card).list();
    }

    /**
     * Locks up to {@code limit} active period passes with days due for release as of {@code now} (in each card's zone,
     * through yesterday; not inside their cooling-off hold), of {@code onlyMerchant} when given, else of every merchant
     * but {@code exceptMerchants}, skipping cards another instance holds: concurrent runs share the work.
     */
    public List<CardRow> lockPassesDue(Instant now, int limit, UUID onlyMerchant, Collection<UUID> exceptMerchants) {
        return jdbc.sql("select " + CARD_COLUMNS + """
                  from card.card
                 where kind = 'PERIOD_PASS' and status = 'ACTIVE'
                   and coalesce(released_through, valid_from - 1) < least(valid_until, cast((:now at time zone zone) as date) - 1)
                   and (release_held_until is null or release_held_until < cast((:now at time zone zone) as date))
                   and (cast(:only as uuid) is null or merchant_id = :only)
                   and merchant_id not in (:except)
                 order by id limit :limit
                 for update skip locked
                """)
                .param("now", Timestamp.from(now)).param("limit", limit).param("only", onlyMerchant)
                .param("except", exceptMerchants.isEmpty() ? List.of(new UUID(0, 0)) : exceptMerchants)
                .query(CardRepository::card).list();
    }

    public List<UUID> merchantsWithCards() {
        return jdbc.sql("select distinct merchant_id from card.card order by merchant_id").query(UUID.class).list();
    }

    /** The daily release skips the pass through {@code until} (its cooling-off window, issue 13 item 1). */
    public void holdRelease(UUID cardId, LocalDate until) {
        jdbc.sql("update card.card set release_held_until = :until where id = :id")
                .param("until", Date.valueOf(until)).param("id", cardId).update();
    }

    // ---- history

    public void addEvent(UUID id, UUID cardId, Instant at, String kind, String detail, Long amountMinor, Integer sessions,
                         UUID referenceId) {
        jdbc.sql("""
                insert into card.card_event (id, card_id, occurred_at, kind, detail, amount_minor, sessions, reference_id)
                values (:id, :card, :at, :kind, :detail, :amount, :sessions, :ref)
                """)
                .param("id", id).param("card", cardId).param("at", Timestamp.from(at)).param("kind", kind)
                .param("detail", detail).param("amount", amountMinor).param("sessions", sessions).param("ref", referenceId)
                .update();
    }

    /**
     * As {@link #addEvent}, a line of history that answers nothing: inside {@link DeferredStatements#sendTogether} (the
     * card issued in the payment callback's command) it goes with the command's last statements (issue 15).
     */
    public void addEventDeferred(UUID id, UUID cardId, Instant at, String kind, String detail, Long amountMinor,
                                 Integer sessions, UUID referenceId) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("card", cardId);
        params.put("at", Timestamp.from(at));
        params.put("kind", kind);
        params.put("detail", detail);
        params.put("amount", amountMinor);
        params.put("sessions", sessions);
        params.put("ref", referenceId);
        deferred.defer("""
                insert into card.card_event (id, card_id, occurred_at, kind, detail, amount_minor, sessions, reference_id)
                values (:id, :card, :at, :kind, :detail, :amount, :sessions, :ref)
                """, params, 1, () -> new IllegalStateException("history of card " + cardId + " not written"));
    }

    public List<CardEventView> history(UUID cardId, Currency currency, int limit) {
        return jdbc.sql("""
                select id, card_id, occurred_at, kind, detail, amount_minor, sessions, reference_id
                  from card.card_event where card_id = :card order by occurred_at desc, id desc limit :limit
                """)
                .param("card", cardId).param("limit", limit)
                .query((rs, n) -> new CardEventView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                        rs.getObject(6) == null ? null : new Money(rs.getLong(6), currency),
                        (Integer) rs.getObject(7), rs.getObject(8, UUID.class)))
                .list();
    }

    static CardRow card(ResultSet rs, int n) throws SQLException {
        Date releasedThrough = rs.getDate("released_through");
        Timestamp first = rs.getTimestamp("first_redeemed_at");
        return new CardRow(rs.getObject("id", UUID.class), rs.getObject("purchase_id", UUID.class),
                rs.getObject("transferred_from", UUID.class), rs.getObject("holder_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), rs.getObject("store_id", UUID.class),
                rs.getObject("product_id", UUID.class), rs.getString("product_name"),
                Entitlement.Kind.valueOf(rs.getString("kind")), rs.getObject("contract_version_id", UUID.class),
                rs.getString("contract_sha256"), rs.getObject("payment_order_id", UUID.class),
                CardStatus.valueOf(rs.getString("status")), Currency.getInstance(rs.getString("currency")),
                rs.getLong("paid_minor"), rs.getLong("list_price_minor"), rs.getLong("earned_minor"),
                rs.getLong("refunded_minor"), rs.getLong("transferred_out_minor"), rs.getLong("advance_minor"),
                rs.getLong("advance_outstanding_minor"), (Integer) rs.getObject("sessions_total"),
                (Integer) rs.getObject("sessions_remaining"), (Long) rs.getObject("face_value_minor"),
                (Long) rs.getObject("face_remaining_minor"), rs.getDate("valid_from").toLocalDate(),
                rs.getDate("valid_until").toLocalDate(), ZoneId.of(rs.getString("zone")),
                releasedThrough == null ? null : releasedThrough.toLocalDate(),
                rs.getTimestamp("purchased_at").toInstant(), first == null ? null : first.toInstant());
    }

}
