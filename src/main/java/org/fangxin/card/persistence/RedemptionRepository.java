package org.fangxin.card.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.RedemptionRequestView;
import org.fangxin.card.RedemptionView;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Redemption codes, redemptions (with their disputes) and redemption requests in schema {@code card}. */
@Repository
public class RedemptionRepository {

    private static final String REDEMPTION_COLUMNS = """
            id, card_id, merchant_id, store_id, staff_user_id, via, sessions, face_amount_minor, value_minor,
            advance_netted_minor, currency, status, redeemed_at, disputed_at, dispute_reason, decided_at, decision,
            decision_reason, transfer_id
            """;
    private static final String REQUEST_COLUMNS = """
            r.id, r.card_id, r.merchant_id, r.store_id, r.sessions, r.face_amount_minor, c.currency, r.status,
            r.created_at, r.expires_at, r.redemption_id
            """;

    private final JdbcClient jdbc;

    public RedemptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A redemption with the ledger transfer that posted it. */
    public record Stored(RedemptionView view, UUID transferId) { }

    // ---- codes

    /**
     * Inserts the code unless the same 6 digits are live at this merchant (no ambiguous codes) (checked and inserted in one
     * statement, one round trip per attempt); true if inserted.
     */
    public boolean insertCodeIfFree(UUID id, UUID cardId, UUID merchantId, String code, Instant issuedAt, Instant expiresAt) {
        return jdbc.sql("""
                insert into card.redemption_code (id, card_id, short_code, issued_at, expires_at)
                select cast(:id as uuid), cast(:card as uuid), cast(:code as text), cast(:issued as timestamptz),
                       cast(:expires as timestamptz)
                 where not exists (select 1 from card.redemption_code k join card.card c on c.id = k.card_id
                                    where k.short_code = :code and k.used_at is null and k.expires_at > :issued
                                      and c.merchant_id = :merchant)
                """)
                .param("id", id).param("card", cardId).param("code", code).param("merchant", merchantId)
                .param("issued", Timestamp.from(issuedAt)).param("expires", Timestamp.from(expiresAt)).update() == 1;
    }

    /** The card of an unused, unexpired code of the merchant (short code or code id), without using it. */
    public Optional<UUID> peekCode(String shortCode, UUID codeId, UUID merchantId, Instant now) {
        return jdbc.sql("""
                select k.card_id from card.redemption_code k join card.card c on c.id = k.card_id
                 where c.merchant_id = :merchant and k.used_at is null and k.expires_at > :now
                   and (k.short_code = :code or k.id = :codeId)
                 order by k.issued_at desc limit 1
                """)
                .param("now", Timestamp.from(now)).param("merchant", merchantId).param("code", shortCode)
                .param("codeId", codeId).query(UUID.class).optional();
    }

    // ---- redemptions

    public Optional<Stored> find(UUID id) {
        return jdbc.sql("select " + REDEMPTION_COLUMNS + " from card.redemption where id = :id")
                .param("id", id).query(RedemptionRepository::stored).optional();
    }

    public Optional<Stored> lock(UUID id) {
        return jdbc.sql("select " + REDEMPTION_COLUMNS + " from card.redemption where id = :id for update")
                .param("id", id).query(RedemptionRepository::stored).optional();
    }

    public void dispute(UUID id, Instant at, String reason) {
        jdbc.sql("update card.redemption set status = 'DISPUTED', disputed_at = :at, dispute_reason = :reason where id = :id")
                .param("id", id).param("at", Timestamp.from(at)).param("reason", reason).update();
    }

    public void decide(UUID id, String status, String decision, Instant at, String reason) {
        jdbc.sql("""
                update card.redemption set status = :status, decision = :decision, decided_at = :at, decision_reason = :reason
                 where id = :id and status = 'DISPUTED'
                """)
                .param("id", id).param("status", status).param("decision", decision)
                .param("at", Timestamp.from(at)).param("reason", reason).update();
    }

    public List<RedemptionView> ofMerchant(UUID merchantId, Instant from, Instant until, int limit) {
        return jdbc.sql("select " + REDEMPTION_COLUMNS + """
                  from card.redemption
                 where merchant_id = :merchant and redeemed_at >= :from and redeemed_at < :until
                 order by redeemed_at desc, id desc limit :limit
                """)
                .param("merchant", merchantId).param("from", Timestamp.from(from)).param("until", Timestamp.from(until))
                .param("limit", limit).query(RedemptionRepository::stored).list().stream().map(Stored::view).toList();
    }

    public List<RedemptionView> ofCard(UUID cardId, int limit) {
        return jdbc.sql("select " + REDEMPTION_COLUMNS + " from card.redemption where card_id = :card order by redeemed_at desc, id desc limit :limit")
                .param("card", cardId).param("limit", limit)
                .query(RedemptionRepository::stored).list().stream().map(Stored::view).toList();
    }

    public List<RedemptionView> disputed(int limit) {
        return jdbc.sql("select " + REDEMPTION_COLUMNS + " from card.redemption where status = 'DISPUTED' order by disputed_at, id limit :limit")
                .param("limit", limit).query(RedemptionRepository::stored).list().stream().map(Stored::view).toList();
    }

    /** Net payable of the merchant's disputed redemptions (value less the advance it settled): held from payout. */
    public long heldMinor(UUID merchantId, Currency currency) {
        return jdbc.sql("""
                select coalesce(sum(value_minor - advance_netted_minor), 0) from card.redemption
                 where merchant_id = :merchant and currency = :currency and status = 'DISPUTED'
                """)
                .param("merchant", merchantId).param("currency", currency.getCurrencyCode()).query(Long.class).single();
    }

    // ---- requests

    public void insertRequest(UUID id, UUID cardId, UUID merchantId, UUID storeId, UUID staffUserId, Integer sessions,
                              Long faceMinor, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                insert into card.redemption_request (id, card_id, merchant_id, store_id, staff_user_id, sessions,
                    face_amount_minor, status, created_at, expires_at)
                values (:id, :card, :merchant, :store, :staff, :sessions, :face, 'PENDING', :created, :expires)
                """)
                .param("id", id).param("card", cardId).param("merchant", merchantId).param("store", storeId)
                .param("staff", staffUserId).param("sessions", sessions).param("face", faceMinor)
                .param("created", Timestamp.from(createdAt)).param("expires", Timestamp.from(expiresAt)).update();
    }

    public record Request(RedemptionRequestView view, UUID staffUserId) { }

    public Optional<Request> lockRequest(UUID id) {
        return jdbc.sql("select " + REQUEST_COLUMNS + ", r.staff_user_id from card.redemption_request r join card.card c on c.id = r.card_id where r.id = :id for update of r")
                .param("id", id)
                .query((rs, n) -> new Request(request(rs, n), rs.getObject("staff_user_id", UUID.class))).optional();
    }

    public Optional<RedemptionRequestView> findRequest(UUID id) {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from card.redemption_request r join card.card c on c.id = r.card_id where r.id = :id")
                .param("id", id).query(RedemptionRepository::request).optional();
    }

    public List<RedemptionRequestView> pendingRequestsOfHolder(UUID holderId, Instant now, int limit) {
        return jdbc.sql("select " + REQUEST_COLUMNS + """
                  from card.redemption_request r join card.card c on c.id = r.card_id
                 where c.holder_id = :holder and r.status = 'PENDING' and r.expires_at > :now
                 order by r.created_at desc limit :limit
                """)
                .param("holder", holderId).param("now", Timestamp.from(now)).param("limit", limit)
                .query(RedemptionRepository::request).list();
    }

    public void closeRequest(UUID id, String status, Instant at, UUID redemptionId) {
        jdbc.sql("update card.redemption_request set status = :status, decided_at = :at, redemption_id = :redemption where id = :id")
                .param("id", id).param("status", status).param("at", Timestamp.from(at)).param("redemption", redemptionId)
                .update();
    }

    /** Expires pending requests past their time, at most {@code limit}; returns how many. */
    public int expireRequests(Instant now, int limit) {
        return jdbc.sql("""
                update card.redemption_request set status = 'EXPIRED', decided_at = :now
                 where id in (select id from card.redemption_request where status = 'PENDING' and expires_at <= :now
                               order by expires_at limit :limit for update skip locked)
                """)
                .param("now", Timestamp.from(now)).param("limit", limit).update();
    }

    static Stored stored(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        Timestamp disputed = rs.getTimestamp("disputed_at");
        Timestamp decided = rs.getTimestamp("decided_at");
        Long face = (Long) rs.getObject("face_amount_minor");
        RedemptionView view = new RedemptionView(rs.getObject("id", UUID.class), rs.getObject("card_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), rs.getObject("store_id", UUID.class),
                rs.getObject("staff_user_id", UUID.class), rs.getString("via"), (Integer) rs.getObject("sessions"),
                face == null ? null : new Money(face, currency), new Money(rs.getLong("value_minor"), currency),
                new Money(rs.getLong("advance_netted_minor"), currency), rs.getString("status"),
                rs.getTimestamp("redeemed_at").toInstant(), disputed == null ? null : disputed.toInstant(),
                rs.getString("dispute_reason"), decided == null ? null : decided.toInstant(), rs.getString("decision"),
                rs.getString("decision_reason"));
        return new Stored(view, rs.getObject("transfer_id", UUID.class));
    }

    static RedemptionRequestView request(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        Long face = (Long) rs.getObject("face_amount_minor");
        return new RedemptionRequestView(rs.getObject("id", UUID.class), rs.getObject("card_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), rs.getObject("store_id", UUID.class),
                (Integer) rs.getObject("sessions"), face == null ? null : new Money(face, currency), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                rs.getObject("redemption_id", UUID.class));
    }
}
