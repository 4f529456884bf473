package org.fangxin.card.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardTransferOfferView;
import org.fangxin.card.CardTransferOffered;
import org.fangxin.card.CardTransferView;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.identity.Actor;
import org.fangxin.identity.PersonalData;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A card transfer in two steps, so that it never reveals whether a mobile number is registered (PIPL, issue #14): the
 * holder offers the card to a number and gets the same answer for any number; the consumer holding that number (now
 * or after signing up) sees the offer and accepts it, which carries out the transfer ({@link CardTransfers}). An offer
 * lapses after {@code fangxin.card.transfer-offer-ttl}; a new offer of the same card replaces the open one; the holder
 * may cancel it and keeps using the card meanwhile (the rest at acceptance is what moves).
 */
@Service
public class CardTransferOffers {

    public static final ProblemType OFFER_CLOSED = new ProblemType("transfer-offer-closed", 409);
    public static final ProblemType TO_SELF = new ProblemType("transfer-to-self", 422);

    private record Offer(UUID id, UUID cardId, UUID fromUserId, String toMobile, String productName, Instant offeredAt,
                         Instant expiresAt, Instant closedAt, String outcome) {
        CardTransferOfferView view(Instant now) {
            String status = outcome != null ? outcome : now.isBefore(expiresAt) ? "OFFERED" : "EXPIRED";
            return new CardTransferOfferView(id, cardId, productName, PersonalData.maskMobile(toMobile), offeredAt, expiresAt, status);
        }
    }

    private final CardRepository cards;
    private final CardTransfers transfers;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final Duration ttl;

    CardTransferOffers(CardRepository cards, CardTransfers transfers, Users users, ApplicationEventPublisher events, AuditTrail audit,
                       IdGenerator ids, Clock clock, JdbcClient jdbc,
                       @Value("${fangxin.card.transfer-offer-ttl:P7D}") Duration ttl) {
        this.cards = cards;
        this.transfers = transfers;
        this.users = users;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.jdbc = jdbc;
        this.ttl = ttl;
    }

    /** The holder offers the rest of a card to whoever holds {@code toMobile}; the answer does not depend on who that is. */
    @Transactional
    public CardTransferOfferView offer(Actor actor, UUID cardId, String toMobile) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the card holder transfers a card");
        }
        CardRow row = cards.lock(cardId).filter(c -> c.holderId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("card " + cardId));
        String number = toMobile == null ? "" : toMobile.trim();
        if (!number.matches("1[3-9][0-9]{9}")) {
            throw Rejection.invalid("toMobile", "a mainland mobile number: 11 digits starting 13 to 19");
        }
        if (number.equals(users.find(actor.userId()).map(UserAccount::mobile).orElse(null))) {
            throw new Rejection(TO_SELF, "this is your own mobile number", Map.of("field", "toMobile"));
        }
        Instant now = clock.instant();
        row.card().requireTransferable(now);
        jdbc.sql("update card.transfer_offer set closed_at = :now, outcome = 'REPLACED' where card_id = :card and closed_at is null")
                .param("now", Timestamp.from(now)).param("card", cardId).update();
        Offer offer = new Offer(ids.next(), cardId, actor.userId(), number, row.productName(), now, now.plus(ttl), null, null);
        jdbc.sql("""
                insert into card.transfer_offer (id, card_id, from_user_id, to_mobile, offered_at, expires_at)
                values (:id, :card, :from, :mobile, :at, :expires)
                """)
                .param("id", offer.id()).param("card", cardId).param("from", actor.userId()).param("mobile", number)
                .param("at", Timestamp.from(now)).param("expires", Timestamp.from(offer.expiresAt())).update();
        audit.record("card.transfer-offered", "card", cardId, null,
                Map.of("offerId", offer.id(), "toMobile", PersonalData.maskMobile(number), "expiresAt", offer.expiresAt()));
        users.findByMobile(number).filter(u -> u.is(Role.CONSUMER) && u.enabled()).ifPresent(recipient ->
                events.publishEvent(new CardTransferOffered(offer.id(), cardId, recipient.id(), row.productName(), now)));
        return offer.view(now);
    }

    /** The open offers to the calling consumer's mobile number. */
    @Transactional(readOnly = true)
    public List<CardTransferOfferView> incoming(Actor actor) {
        Instant now = clock.instant();
        return mobileOf(actor).map(mobile -> select("where o.to_mobile = :key and o.closed_at is null and o.expires_at > :now order by o.offered_at",
                mobile, now).stream().map(o -> o.view(now)).toList()).orElse(List.of());
    }

    /** The consumer holding the offered number accepts: the transfer happens now, with what is left on the card. */
    @Transactional
    public CardTransferView accept(Actor actor, UUID offerId) {
        String mobile = mobileOf(actor).orElseThrow(() -> Rejection.notFound("transfer offer " + offerId));
        Offer offer = lock(offerId).filter(o -> o.toMobile().equals(mobile))
                .orElseThrow(() -> Rejection.notFound("transfer offer " + offerId));
        Instant now = clock.instant();
        requireOpen(offer, now);
        UserAccount recipient = users.find(actor.userId()).orElseThrow();
        CardTransferView transfer = transfers.complete(offer.fromUserId(), offer.cardId(), recipient);
        close(offer, now, "ACCEPTED", transfer.id());
        return transfer;
    }

    /** The holder withdraws an open offer. */
    @Transactional
    public CardTransferOfferView cancel(Actor actor, UUID offerId) {
        Offer offer = lock(offerId).filter(o -> o.fromUserId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("transfer offer " + offerId));
        Instant now = clock.instant();
        requireOpen(offer, now);
        close(offer, now, "CANCELLED", null);
        return new Offer(offer.id(), offer.cardId(), offer.fromUserId(), offer.toMobile(), offer.productName(),
                offer.offeredAt(), offer.expiresAt(), now, "CANCELLED").view(now);
    }

    private Optional<String> mobileOf(Actor actor) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers receive cards");
        }
        return users.find(actor.userId()).map(UserAccount::mobile);
    }

    private static void requireOpen(Offer offer, Instant now) {
        if (offer.closedAt() != null || !now.isBefore(offer.expiresAt())) {
            throw new Rejection(OFFER_CLOSED, "the offer is " + offer.view(now).status().toLowerCase());
        }
    }

    private void close(Offer offer, Instant now, String outcome, UUID transferId) {
        jdbc.sql("update card.transfer_offer set closed_at = :now, outcome = :outcome, transfer_id = :transfer where id = :id")
                .param("now", Timestamp.from(now)).param("outcome", outcome).param("transfer", transferId)
                .param("id", offer.id()).update();
        audit.record("card.transfer-offer-closed", "card", offer.cardId(), null, Map.of("offerId", offer.id(), "outcome", outcome));
    }

    private Optional<Offer> lock(UUID offerId) {
        return select("where o.id = :key for update of o", offerId, clock.instant()).stream().findFirst();
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
