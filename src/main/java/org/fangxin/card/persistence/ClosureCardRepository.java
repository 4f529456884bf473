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

    /** Locks the merchant's live (ACTIVE or FROZEN) cards, in id order. */
    public List<CardRow> lockLive(UUID merchantId) {
        return jdbc.sql("select " + CARD_COLUMNS + """
                  from card.card where merchant_id = :merchant and status in ('ACTIVE', 'FROZEN')
                 order by id for update
                """).param("merchant", merchantId).query(CardRepository::card).list();
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
     * value refunded: one JDBC batch. Refunded adds the value to what the card counted as refunded before (a live card's
     * value an insurer was subrogated to), so earned stays what the merchant earned. The rows must be locked by the caller.
     */
    public void endCompensated(List<Compensated> cards, Instant at, String reason) {
        Timestamp ts = Timestamp.from(at);
        int[] rows = template.batchUpdate("""
                update card.card set status = 'REFUNDED', refunded_minor = refunded_minor + ?,
                       advance_outstanding_minor = 0, advance_unrecovered_minor = advance_unrecovered_minor + ?,
                       ended_at = ?, end_reason = ?
                 where id = ? and status in ('ACTIVE', 'FROZEN')
                """, cards.stream().map(c -> new Object[] {c.refundedMinor(), c.unrecoveredMinor(), ts, reason, c.id()}).toList());
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == 0) {
                throw new IllegalStateException("card " + cards.get(i).id() + " is not live under its lock");
            }
        }
    }

    /** One history row per card (bulk): kind, detail and amount per card. */
    public void addEvents(List<Object[]> idCardAmount, Instant at, String kind, String detail) {
        Timestamp ts = Timestamp.from(at);
        template.batchUpdate("""
                insert into card.card_event (id, card_id, occurred_at, kind, detail, amount_minor, sessions, reference_id)
                values (?, ?, ?, ?, ?, ?, null, null)
                """, idCardAmount.stream().map(r -> new Object[] {r[0], r[1], ts, kind, detail, r[2]}).toList());
    }

    /** An ended card's advance the merchant still owes (compensation paid less than it). */
    public void addUnrecovered(UUID id, long minor) {
        jdbc.sql("update card.card set advance_unrecovered_minor = advance_unrecovered_minor + :m where id = :id")
                .param("id", id).param("m", minor).update();
    }
}
