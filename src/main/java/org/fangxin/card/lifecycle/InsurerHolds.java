package org.fangxin.card.lifecycle;

import java.sql.Timestamp;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cards an insurer paid for (issue 10 item 4, the conservative fix): the insurer paid the holder directly in place of
 * the card's value, so the card is held (FROZEN) and every way that would pay that value again (refund, agreed refund,
 * expiry refund, redemption) is refused with {@link Cards#HELD_FOR_INSURER}. Nothing moves in the ledger: the card's
 * liability stays in escrow, so the escrow identity is untouched. Runs in the caller's transaction.
 */
@Component
class InsurerHolds {

    private final JdbcClient jdbc;
    private final CardRepository cards;
    private final AuditTrail audit;
    private final java.time.Clock clock;

    InsurerHolds(JdbcClient jdbc, CardRepository cards, AuditTrail audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records the claim's payment for the card once (a retry changes nothing) and holds a live card. */
    void hold(UUID cardId, UUID claimId, Money paid) {
        if (paid == null || !paid.isPositive()) {
            throw new IllegalArgumentException("an insurer hold is for a positive amount paid");
        }
        cards.lock(cardId).orElseThrow(() -> Rejection.notFound("card " + cardId));
        int inserted = jdbc.sql("""
                insert into card.insurer_hold (card_id, claim_id, currency, paid_minor, held_at)
                values (:card, :claim, :currency, :paid, :at) on conflict do nothing
                """)
                .param("card", cardId).param("claim", claimId).param("currency", paid.currency().getCurrencyCode())
                .param("paid", paid.amountMinor()).param("at", Timestamp.from(clock.instant())).update();
        if (inserted == 0) {
            return;
        }
        int frozen = jdbc.sql("update card.card set status = 'FROZEN' where id = :card and status = 'ACTIVE'")
                .param("card", cardId).update();
        audit.record("card.held-for-insurer", "card", cardId, null,
                Map.of("claimId", claimId, "paid", paid, "frozen", frozen == 1));
    }

    /** What insurers paid the holder in place of the card's value; zero in the card's currency when nothing. */
    Money paid(UUID cardId) {
        return jdbc.sql("""
                select c.currency, coalesce(sum(h.paid_minor), 0) from card.card c
                  left join card.insurer_hold h on h.card_id = c.id where c.id = :card group by c.currency
                """)
                .param("card", cardId)
                .query((rs, n) -> new Money(rs.getLong(2), Currency.getInstance(rs.getString(1))))
                .optional().orElseThrow(() -> Rejection.notFound("card " + cardId));
    }

    /** Refuses when an insurer paid for the card. */
    void requireNone(UUID cardId) {
        Money paid = paid(cardId);
        if (paid.isPositive()) {
            throw new Rejection(Cards.HELD_FOR_INSURER, "an insurer approved paying " + paid.format() + " in place of this"
                    + " card's value; the card is held for the insurer and cannot be refunded or redeemed",
                    Map.of("insurerPaid", paid.format()));
        }
    }
}
