package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardTransferOfferView;
import org.fangxin.card.CardTransferOffered;
import org.fangxin.card.CardTransferView;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.card.persistence.TransferOfferRepository;
import org.fangxin.card.persistence.TransferOfferRepository.Offer;
import org.fangxin.identity.Actor;
import org.fangxin.identity.PersonalData;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
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

    private final CardRepository cards;
    private final CardTransfers transfers;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransferOfferRepository offers;
    private final Duration ttl;
    private final Shards shards;

    CardTransferOffers(CardRepository cards, CardTransfers transfers, Users users, ApplicationEventPublisher events, AuditTrail audit,
                       IdGenerator ids, Clock clock, TransferOfferRepository offers,
                       @Value("${fangxin.card.transfer-offer-ttl:P7D}") Duration ttl, Shards shards) {
        this.shards = shards;
        this.cards = cards;
        this.transfers = transfers;
        this.users = users;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.offers = offers;
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
        offers.replaceOpen(cardId, now);
        Offer offer = new Offer(ids.next(), cardId, actor.userId(), number, row.productName(), now, now.plus(ttl), null, null);
        offers.insert(offer);
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
        // offers of cards at every merchant: each shard answers its open offers to the number (ADR 12 §8f)
        return mobileOf(actor).map(mobile -> shards.page((offset, rows) -> offers.openTo(mobile, now, rows).stream()
                        .map(o -> o.view(now)).toList(), OLDEST_FIRST, 0, INCOMING_MAX)).orElse(List.of());
    }

    /** Open offers to one number: a few at most, one per card offered; the bound only guards the query. */
    private static final int INCOMING_MAX = 100;
    private static final Comparator<CardTransferOfferView> OLDEST_FIRST = Comparator
            .comparing(CardTransferOfferView::offeredAt).thenComparing(offer -> offer.id().toString());

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
        return offer.closed(now, "CANCELLED").view(now);
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
        offers.close(offer.id(), now, outcome, transferId);
        audit.record("card.transfer-offer-closed", "card", offer.cardId(), null, Map.of("offerId", offer.id(), "outcome", outcome));
    }

    private Optional<Offer> lock(UUID offerId) {
        return offers.lock(offerId, clock.instant());
    }
}
