package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardTransferView;
import org.fangxin.card.domain.Card;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Card transfer: the holder hands the rest of a card to another consumer (a contract's transfer ban is void). The old
 * card ends TRANSFERRED, a successor card carries the unredeemed value, sessions or face value, validity and advance,
 * and {@code card-transfer:<id>} moves the CARD_LIABILITY balance; after commit the merchant and the recipient are told
 * ({@link CardNotices}).
 */
@Service
public class CardTransfers {

    public static final ProblemType RECIPIENT_UNKNOWN = new ProblemType("transfer-recipient-unknown", 422);
    public static final ProblemType NOTHING_TO_TRANSFER = Card.NOTHING_TO_TRANSFER;

    private final CardRepository cards;
    private final CardPostings postings;
    private final PeriodRelease release;
    private final Users users;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    CardTransfers(CardRepository cards, CardPostings postings, PeriodRelease release, Users users,
                  AuditTrail audit, IdGenerator ids, Clock clock, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.cards = cards;
        this.postings = postings;
        this.release = release;
        this.users = users;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public CardTransferView transfer(Actor actor, UUID cardId, String toMobile) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the card holder transfers a card");
        }
        CardRow row = cards.lock(cardId).filter(c -> c.holderId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("card " + cardId));
        UserAccount recipient = users.findByMobile(toMobile)
                .filter(u -> u.is(Role.CONSUMER) && u.enabled() && !u.id().equals(actor.userId()))
                .orElseThrow(() -> new Rejection(RECIPIENT_UNKNOWN, "no other consumer is registered with this mobile number",
                        Map.of("field", "toMobile")));
        Instant now = clock.instant();
        row.card().requireTransferable(now);
        // A pass earns its elapsed days before it changes hands, so the new holder gets only the days to come.
        Card current = release.releaseLocked(row.card(), now);
        UUID newCardId = ids.next();
        UUID transferId = ids.next();
        Card.Transfer transfer = current.transfer(transferId, newCardId, recipient.id(), now);
        Money amount = transfer.event().amount();
        cards.insertCard(successorRow(row, transfer.successor(), now));
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
                current.entitlement().sessionsRemaining(), transferId);
        cards.addEvent(ids.next(), newCardId, now, "TRANSFERRED_IN", "from card " + cardId, amount.amountMinor(),
                transfer.successor().entitlement().sessionsRemaining(), transferId);
        audit.record("card.transferred", "card", cardId, Map.of("holder", actor.userId()),
                Map.of("holder", recipient.id(), "newCardId", newCardId, "amount", amount));
        events.publishEvent(transfer.event());
        return new CardTransferView(transferId, cardId, newCardId, recipient.id(), amount, now);
    }

    /** The successor's row: the old card's purchase, product and contract; its list price pro rata to the value moved. */
    private static CardRow successorRow(CardRow old, Card successor, Instant now) {
        Entitlement e = successor.entitlement();
        long listPrice = old.money(old.listPriceMinor())
                .fraction(e.paid().amountMinor(), old.paidMinor(), RoundingMode.FLOOR).amountMinor();
        return new CardRow(successor.id(), old.purchaseId(), old.id(), successor.holderId(), old.merchantId(),
                old.storeId(), old.productId(), old.productName(), old.kind(), old.contractVersionId(),
                old.contractSha256(), old.paymentOrderId(), CardStatus.ACTIVE, old.currency(),
                e.paid().amountMinor(), Math.max(listPrice, e.paid().amountMinor()), 0, 0, 0,
                e.advanceOutstanding().amountMinor(), e.advanceOutstanding().amountMinor(), e.sessionsTotal(),
                e.sessionsRemaining(), e.faceValue() == null ? null : e.faceValue().amountMinor(),
                e.faceRemaining() == null ? null : e.faceRemaining().amountMinor(), e.validity().from(),
                e.validity().until(), old.zone(), null, old.purchasedAt(), old.firstRedeemedAt());
    }
}
