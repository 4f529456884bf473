package org.fangxin.card.lifecycle;

import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.Subrogation;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AdvanceClawback;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Subrogation (issue 10): the insurer paid a held card's holder {@code p}, so the card's value up to p passes to the
 * insurer. a = min(p, L) leaves the card's liability and the merchant's escrow to the insurer ({@code subrogation:}).
 * The card keeps L − a, and its advance outstanding may not exceed that: the excess s = A − (L − a) is clawed back as a
 * refund's shortfall is — from the payable, then the deposit, whose cash moves into escrow
 * ({@code subrogation-clawback:}); what neither covers stays owed in MERCHANT_ADVANCE (the card's unrecovered advance).
 * The card counts a as refunded (its holder received it, from the insurer); a card left with nothing ends REFUNDED, one
 * with a rest stays held (FROZEN) for its holder. Once per claim and card. Runs in the claim payment's transaction.
 */
@Component
class InsurerSubrogation {

    private final JdbcClient jdbc;
    private final CardRepository cards;
    private final InsurerHolds holds;
    private final CardPostings postings;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final java.time.Clock clock;

    InsurerSubrogation(JdbcClient jdbc, CardRepository cards, InsurerHolds holds, CardPostings postings, Ledger ledger,
                       AuditTrail audit, IdGenerator ids, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.holds = holds;
        this.postings = postings;
        this.ledger = ledger;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    Subrogation subrogate(UUID cardId, UUID claimId, Money paid) {
        holds.hold(cardId, claimId, paid); // locks the card; held at approval already, so normally a no-op
        Optional<Subrogation> done = find(cardId, claimId);
        if (done.isPresent()) {
            return done.get();
        }
        CardRow card = cards.lock(cardId).orElseThrow(() -> Rejection.notFound("card " + cardId));
        Currency currency = card.currency();
        Money liability = postings.unredeemed(cardId, currency);
        Money subrogated = paid.min(liability);
        boolean live = card.status() == CardStatus.ACTIVE || card.status() == CardStatus.FROZEN;
        long excess = live ? Math.max(0, card.advanceOutstandingMinor() - liability.minus(subrogated).amountMinor()) : 0;
        long clawed = clawBack(card, claimId, excess);
        if (subrogated.isPositive()) {
            ledger.post(NewTransfer.of(key("subrogation:", claimId, cardId), "card " + cardId + " value passed to the insurer"
                    + " of claim " + claimId, EntryLine.debit(postings.account(AccountType.CARD_LIABILITY, cardId, currency), subrogated),
                    EntryLine.credit(postings.account(AccountType.ESCROW, card.merchantId(), currency), subrogated)));
        }
        Money remaining = liability.minus(subrogated);
        Subrogation result = new Subrogation(cardId, claimId, subrogated, new Money(clawed, currency),
                new Money(excess - clawed, currency), remaining);
        record(card, result, live && !remaining.isPositive());
        return result;
    }

    /** Claws {@code excess} of the card's advance back in the refund's order ({@link AdvanceClawback}); answers how much. */
    private long clawBack(CardRow card, UUID claimId, long excess) {
        if (excess == 0) {
            return 0;
        }
        Currency c = card.currency();
        UUID merchant = card.merchantId();
        Money deposit = ledger.open(AccountType.RISK_DEPOSIT, merchant, c).normalBalance()
                .min(ledger.open(AccountType.RISK_DEPOSIT_HELD, merchant, c).normalBalance());
        AdvanceClawback clawback = AdvanceClawback.split(merchant, new Money(excess, c),
                ledger.open(AccountType.MERCHANT_PAYABLE, merchant, c).normalBalance(), deposit);
        if (clawback.total().isPositive()) {
            ledger.post(clawback.transfer(ledger, key("subrogation-clawback:", claimId, card.id()), "advance of card "
                    + card.id() + " clawed back: its value passed to the insurer"));
        }
        return clawback.total().amountMinor();
    }

    private void record(CardRow card, Subrogation s, boolean ends) {
        var at = clock.instant();
        long excess = s.clawed().plus(s.unrecovered()).amountMinor();
        jdbc.sql("""
                update card.card set refunded_minor = refunded_minor + :subrogated,
                       advance_outstanding_minor = advance_outstanding_minor - :excess,
                       advance_unrecovered_minor = advance_unrecovered_minor + :unrecovered,
                       status = case when :ends then 'REFUNDED' else status end,
                       ended_at = case when :ends then :at else ended_at end,
                       end_reason = case when :ends then 'subrogated to the insurer' else end_reason end
                 where id = :card
                """)
                .param("card", card.id()).param("subrogated", s.subrogated().amountMinor()).param("excess", excess)
                .param("unrecovered", s.unrecovered().amountMinor()).param("ends", ends)
                .param("at", Timestamp.from(at)).update();
        jdbc.sql("""
                insert into card.insurer_subrogation (card_id, claim_id, currency, subrogated_minor, clawed_minor,
                       unrecovered_minor, remaining_minor, subrogated_at)
                values (:card, :claim, :currency, :subrogated, :clawed, :unrecovered, :remaining, :at)
                """)
                .param("card", card.id()).param("claim", s.claimId()).param("currency", card.currency().getCurrencyCode())
                .param("subrogated", s.subrogated().amountMinor()).param("clawed", s.clawed().amountMinor())
                .param("unrecovered", s.unrecovered().amountMinor()).param("remaining", s.remaining().amountMinor())
                .param("at", Timestamp.from(at)).update();
        cards.addEvent(ids.next(), card.id(), at, "SUBROGATED", "claim " + s.claimId(), s.subrogated().amountMinor(),
                null, null);
        audit.record("card.subrogated", "card", card.id(), Map.of("status", card.status()),
                Map.of("claimId", s.claimId(), "subrogated", s.subrogated(), "remaining", s.remaining(), "ended", ends));
    }

    Optional<Subrogation> find(UUID cardId, UUID claimId) {
        return jdbc.sql("""
                select currency, subrogated_minor, clawed_minor, unrecovered_minor, remaining_minor
                  from card.insurer_subrogation where card_id = :card and claim_id = :claim
                """)
                .param("card", cardId).param("claim", claimId)
                .query((rs, n) -> {
                    Currency c = Currency.getInstance(rs.getString(1));
                    return new Subrogation(cardId, claimId, new Money(rs.getLong(2), c), new Money(rs.getLong(3), c),
                            new Money(rs.getLong(4), c), new Money(rs.getLong(5), c));
                }).optional();
    }

    /**
     * Held for an insurer but not yet subrogated (approved, payment not recorded): per card, in minor units. The ids go
     * as one array: a closure's planner asks for every live card of a merchant, beyond the 65,535 bind parameters a
     * list would need.
     */
    Map<UUID, Long> pending(List<UUID> cardIds) {
        if (cardIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> pending = new java.util.HashMap<>();
        jdbc.sql("""
                select h.card_id, sum(h.paid_minor) from card.insurer_hold h
                 where h.card_id = any(cast(:cards as uuid[])) and not exists (select 1 from card.insurer_subrogation s
                       where s.card_id = h.card_id and s.claim_id = h.claim_id)
                 group by h.card_id
                """)
                .param("cards", cardIds.toArray(UUID[]::new)).query((rs, n) -> pending.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        return pending;
    }

    private static String key(String prefix, UUID claimId, UUID cardId) {
        return prefix + claimId + ":" + cardId;
    }
}
