package org.fangxin.card.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cards of a closed merchant as compensation changes them (schema {@code card}): held (locked, frozen), their
 * advance set off, ended as compensated in bulk.
 */
@Repository
public class ClosureCardRepository {

    private static final String CARD_COLUMNS = CardRepository.CARD_COLUMNS;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ClosureCardRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A live card as the closure's hold needs it: locked, without its whole row read. */
    public record HeldCard(UUID id, UUID holderId, boolean active, boolean pass) { }

    /**
     * Locks the merchant's live (ACTIVE or FROZEN) cards in id order, reading only what the hold needs (at 100,000 cards
     * the whole rows took seconds of the closure's plan); the passes' whole rows are read by {@link #lockAll}.
     */
    public List<HeldCard> lockLiveForHold(UUID merchantId) {
        return jdbc.sql("""
                select id, holder_id, status = 'ACTIVE', kind = 'PERIOD_PASS'
                  from card.card where merchant_id = :merchant and status in ('ACTIVE', 'FROZEN')
                 order by id for update
                """).param("merchant", merchantId)
                .query((rs, n) -> new HeldCard(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3),
                        rs.getBoolean(4)))
                .list();
    }

    /** The merchant's live cards in id order (no lock). */
    public List<CardRow> live(UUID merchantId) {
        return jdbc.sql("select " + CARD_COLUMNS + """
                  from card.card where merchant_id = :merchant and status in ('ACTIVE', 'FROZEN') order by id
                """).param("merchant", merchantId).query(CardRepository::card).list();
    }

    /** Freezes the merchant's ACTIVE cards (no redemption, release, refund or expiry); answers how many. */
    public int freezeLive(UUID merchantId) {
        return jdbc.sql("update card.card set status = 'FROZEN' where merchant_id = :merchant and status = 'ACTIVE'")
                .param("merchant", merchantId).update();
    }

    /**
     * Lowers, in id order, the advance outstanding of the merchant's live cards by {@code amountMinor} in total (each
     * card at most to zero); answers how much was taken. The rows must be locked by the caller.
     */
    public long reduceLiveAdvance(UUID merchantId, long amountMinor) {
        return reduce("advance_outstanding_minor", "status in ('ACTIVE', 'FROZEN')", merchantId, amountMinor);
    }

    /** As {@link #reduceLiveAdvance}, for the advance ended cards left unrecovered. */
    public long reduceUnrecoveredAdvance(UUID merchantId, long amountMinor) {
        return reduce("advance_unrecovered_minor", "status not in ('ACTIVE', 'FROZEN')", merchantId, amountMinor);
    }

    private long reduce(String column, String which, UUID merchantId, long amountMinor) {
        if (amountMinor <= 0) {
            return 0;
        }
        List<Long> taken = jdbc.sql("""
                with ordered as (
                    select id, %1$s as has, sum(%1$s) over (order by id) - %1$s as before
                      from card.card where merchant_id = :merchant and %2$s and %1$s > 0)
                update card.card c set %1$s = c.%1$s - least(o.has, :amount - o.before)
                  from ordered o where c.id = o.id and o.before < :amount
                returning least(o.has, :amount - o.before)
                """.formatted(column, which))
                .param("merchant", merchantId).param("amount", amountMinor).query(Long.class).list();
        return taken.stream().mapToLong(Long::longValue).sum();
    }

    /** Locks these cards, in id order (bulk compensation). */
    public List<CardRow> lockAll(Collection<UUID> ids) {
        return jdbc.sql("select " + CARD_COLUMNS + " from card.card where id = any(:ids) order by id for update")
                .param("ids", ids.toArray(UUID[]::new)).query(CardRepository::card).list();
    }

    /** One compensated card: its unredeemed value refunded in full and the advance left unrecovered on it. */
    public record Compensated(UUID id, long refundedMinor, long unrecoveredMinor) { }

    /**
     * Ends live cards as REFUNDED and settles them at once, as {@link CardRepository#end} then {@link CardRepository#settleEnded} with the whole
     * value refunded: one statement. Refunded adds the value to what the card counted as refunded before (a live card's
     * value an insurer was subrogated to), so earned stays what the merchant earned. The rows must be locked by the caller.
     */
    public void endCompensated(List<Compensated> cards, Instant at, String reason) {
        int rows = jdbc.sql("""
                update card.card c set status = 'REFUNDED', refunded_minor = c.refunded_minor + x.refunded,
                       advance_outstanding_minor = 0, advance_unrecovered_minor = c.advance_unrecovered_minor + x.unrecovered,
                       ended_at = :at, end_reason = :reason
                  from unnest(:ids, :refunded, :unrecovered) as x(id, refunded, unrecovered)
                 where c.id = x.id and c.status in ('ACTIVE', 'FROZEN')
                """)
                .param("ids", cards.stream().map(Compensated::id).toArray(UUID[]::new))
                .param("refunded", cards.stream().mapToLong(Compensated::refundedMinor).toArray())
                .param("unrecovered", cards.stream().mapToLong(Compensated::unrecoveredMinor).toArray())
                .param("at", Timestamp.from(at)).param("reason", reason).update();
        if (rows != cards.size()) {
            throw new IllegalStateException("ended " + rows + " of " + cards.size() + " cards: some were not live under their lock");
        }
    }

    /** One history row per card (bulk, one statement): ids, cards and amounts in step; kind and detail shared. */
    public void addEvents(UUID[] ids, UUID[] cardIds, long[] amounts, Instant at, String kind, String detail) {
        jdbc.sql("""
                insert into card.card_event (id, card_id, occurred_at, kind, detail, amount_minor, sessions, reference_id)
                select e.id, e.card_id, :at, :kind, :detail, e.amount, null, null
                  from unnest(:ids, :cards, :amounts) with ordinality as e(id, card_id, amount, n)
                 order by e.n
                """)
                .param("ids", ids).param("cards", cardIds).param("amounts", amounts)
                .param("at", Timestamp.from(at)).param("kind", kind).param("detail", detail).update();
    }

    /** An ended card's advance the merchant still owes (compensation paid less than it). */
    public void addUnrecovered(UUID id, long minor) {
        jdbc.sql("update card.card set advance_unrecovered_minor = advance_unrecovered_minor + :m where id = :id")
                .param("id", id).param("m", minor).update();
    }
}
