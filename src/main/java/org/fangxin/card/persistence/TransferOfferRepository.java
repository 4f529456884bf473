package org.fangxin.card.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardTransferOfferView;
import org.fangxin.identity.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of card transfer offers ({@code card.transfer_offer}); the rules are in {@code lifecycle.CardTransferOffers}. */
@Repository
public class TransferOfferRepository {

    /** One offer as stored, with the offered card's product name; open while neither closed nor expired. */
    public record Offer(UUID id, UUID cardId, UUID fromUserId, String toMobile, String productName, Instant offeredAt,
                        Instant expiresAt, Instant closedAt, String outcome) {

        public CardTransferOfferView view(Instant now) {
            String status = outcome != null ? outcome : now.isBefore(expiresAt) ? "OFFERED" : "EXPIRED";
            return new CardTransferOfferView(id, cardId, productName, PersonalData.maskMobile(toMobile), offeredAt, expiresAt, status);
        }

        public Offer closed(Instant at, String closingOutcome) {
            return new Offer(id, cardId, fromUserId, toMobile, productName, offeredAt, expiresAt, at, closingOutcome);
        }
    }

    private final JdbcClient jdbc;

    TransferOfferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Closes the card's open offer, if any, as replaced by a new one. */
    public void replaceOpen(UUID cardId, Instant now) {
        jdbc.sql("update card.transfer_offer set closed_at = :now, outcome = 'REPLACED' where card_id = :card and closed_at is null")
                .param("now", Timestamp.from(now)).param("card", cardId).update();
    }

    public void insert(Offer offer) {
        jdbc.sql("""
                insert into card.transfer_offer (id, card_id, from_user_id, to_mobile, offered_at, expires_at)
                values (:id, :card, :from, :mobile, :at, :expires)
                """)
                .param("id", offer.id()).param("card", offer.cardId()).param("from", offer.fromUserId())
                .param("mobile", offer.toMobile()).param("at", Timestamp.from(offer.offeredAt()))
                .param("expires", Timestamp.from(offer.expiresAt())).update();
    }

    public void close(UUID offerId, Instant now, String outcome, UUID transferId) {
        jdbc.sql("update card.transfer_offer set closed_at = :now, outcome = :outcome, transfer_id = :transfer where id = :id")
                .param("now", Timestamp.from(now)).param("outcome", outcome).param("transfer", transferId)
                .param("id", offerId).update();
    }

    /** The first {@code limit} open offers to a mobile number, oldest first. */
    public List<Offer> openTo(String mobile, Instant now, int limit) {
        return select("where o.to_mobile = :key and o.closed_at is null and o.expires_at > :now order by o.offered_at, o.id"
                + " limit " + limit, mobile, now);
    }

    /** The offer, locked for the rest of the transaction. */
    public Optional<Offer> lock(UUID offerId, Instant now) {
        return select("where o.id = :key for update of o", offerId, now).stream().findFirst();
    }

    private List<Offer> select(String where, Object key, Instant now) {
        return jdbc.sql("""
                select o.id, o.card_id, o.from_user_id, o.to_mobile, c.product_name, o.offered_at, o.expires_at,
                       o.closed_at, o.outcome
                  from card.transfer_offer o join card.card c on c.id = o.card_id
                """ + where)
                .param("key", key).param("now", Timestamp.from(now))
                .query((rs, n) -> new Offer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getString(9)))
                .list();
    }
}
