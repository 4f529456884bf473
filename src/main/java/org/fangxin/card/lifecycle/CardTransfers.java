package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardTransferView;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Card transfer: the holder hands the rest of a card to another consumer (a contract's transfer ban is void). The old
 * card ends TRANSFERRED, a successor card carries the unredeemed value, sessions or face value, validity and advance,
 * and {@code card-transfer:<id>} moves the CARD_LIABILITY balance; the merchant is told.
 */
@Service
public class CardTransfers {

    public static final ProblemType RECIPIENT_UNKNOWN = new ProblemType("transfer-recipient-unknown", 422);
    public static final ProblemType NOTHING_TO_TRANSFER = new ProblemType("card-nothing-to-transfer", 409);

    private final CardRepository cards;
    private final CardPostings postings;
    private final PeriodRelease release;
    private final Users users;
    private final CardNotices notices;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final JdbcClient jdbc;

    CardTransfers(CardRepository cards, CardPostings postings, PeriodRelease release, Users users, CardNotices notices,
                  AuditTrail audit, IdGenerator ids, Clock clock, JdbcClient jdbc) {
        this.cards = cards;
        this.postings = postings;
        this.release = release;
        this.users = users;
        this.notices = notices;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Transactional
    public CardTransferView transfer(Actor actor, UUID cardId, String toMobile) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the card holder transfers a card");
        }
        CardRow card = cards.lock(cardId).filter(c -> c.holderId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("card " + cardId));
        UserAccount recipient = users.findByMobile(toMobile)
                .filter(u -> u.is(Role.CONSUMER) && u.enabled() && !u.id().equals(actor.userId()))
                .orElseThrow(() -> new Rejection(RECIPIENT_UNKNOWN, "no other consumer is registered with this mobile number",
                        Map.of("field", "toMobile")));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, card.zone());
        if (card.status() != CardStatus.ACTIVE) {
            throw new Rejection(CardRegistry.CARD_NOT_ACTIVE, "card " + cardId + " is " + card.status());
        }
        if (today.isAfter(card.validUntil())) {
            throw new Rejection(RedemptionDesk.CARD_NOT_VALID_TODAY, "card " + cardId + " expired on " + card.validUntil());
        }
        // A pass earns its elapsed days before it changes hands, so the new holder gets only the days to come.
        release.releaseLocked(card, now);
        CardRow current = cards.lock(cardId).orElseThrow();
        Entitlement rest = current.entitlement();
        if (rest.unredeemedMinor() <= 0) {
            throw new Rejection(NOTHING_TO_TRANSFER, "card " + cardId + " has nothing left to transfer");
        }
        Entitlement successor = rest.successor(today);
        UUID newCardId = ids.next();
        UUID transferId = ids.next();
        long listPrice = new Money(current.listPriceMinor(), current.currency())
                .fraction(rest.unredeemedMinor(), current.paidMinor(), RoundingMode.FLOOR).amountMinor();
        cards.insertCard(new CardRow(newCardId, current.purchaseId(), current.id(), recipient.id(), current.merchantId(),
                current.storeId(), current.productId(), current.productName(), current.kind(), current.contractVersionId(),
                current.contractSha256(), current.paymentOrderId(), CardStatus.ACTIVE, current.currency(),
                successor.paidMinor(), Math.max(listPrice, successor.paidMinor()), 0, 0, 0,
                successor.advanceOutstandingMinor(), successor.advanceOutstandingMinor(), successor.sessionsTotal(),
                successor.sessionsRemaining(), successor.faceValueMinor(), successor.faceRemainingMinor(),
                successor.validFrom(), successor.validUntil(), current.zone(), null, current.purchasedAt(),
                current.firstRedeemedAt()));
        Money amount = new Money(rest.unredeemedMinor(), current.currency());
        cards.end(cardId, CardStatus.TRANSFERRED, 0, amount.amountMinor(), now, "transferred to card " + newCardId);
        jdbc.sql("""
                insert into card.card_transfer (id, from_card_id, to_card_id, from_user_id, to_user_id, amount_minor, currency, transferred_at)
                values (:id, :from, :to, :fromUser, :toUser, :amount, :currency, :at)
                """)
                .param("id", transferId).param("from", cardId).param("to", newCardId).param("fromUser", actor.userId())
                .param("toUser", recipient.id()).param("amount", amount.amountMinor())
                .param("currency", amount.currency().getCurrencyCode()).param("at", java.sql.Timestamp.from(now)).update();
        postings.transferred(transferId, cardId, newCardId, amount);
        cards.addEvent(ids.next(), cardId, now, "TRANSFERRED_OUT", "to card " + newCardId, amount.amountMinor(),
                current.sessionsRemaining(), transferId);
        cards.addEvent(ids.next(), newCardId, now, "TRANSFERRED_IN", "from card " + cardId, amount.amountMinor(),
                successor.sessionsRemaining(), transferId);
        audit.record("card.transferred", "card", cardId, Map.of("holder", actor.userId()),
                Map.of("holder", recipient.id(), "newCardId", newCardId, "amount", amount));
        for (UserAccount person : users.ofMerchant(current.merchantId())) {
            notices.send(person.id(), "transferred", current.productName(), amount.format());
        }
        notices.send(recipient.id(), "received", current.productName(), amount.format());
        return new CardTransferView(transferId, cardId, newCardId, recipient.id(), amount, now);
    }
}
