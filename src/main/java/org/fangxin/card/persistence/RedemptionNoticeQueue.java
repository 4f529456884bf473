package org.fangxin.card.persistence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.database.CommitHorizon;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The redemptions whose holders have not been told yet, read in the order of the transactions that wrote them (ADR 14).
 * A row is handed out only once every transaction of this database with a smaller id has ended ({@link #horizon()}),
 * so a transaction that commits after rows with greater ids were noticed is not skipped: the cursor never passes a
 * transaction that is still running. Call the methods in this order, in one read-committed transaction. A redemption
 * whose notice fails on its own is parked (ADR 14 §6) and retried from there, so it never holds the queue up.
 */
@Repository
public class RedemptionNoticeQueue {

    /** "FXNOTRD" in ASCII: the advisory-lock key of the redemption notice pass (one pass per shard database at a time). */
    private static final long PASS_LOCK = 0x46584E4F545244L;

    private final JdbcClient jdbc;
    private final CommitHorizon horizon;

    public RedemptionNoticeQueue(JdbcClient jdbc, CommitHorizon horizon) {
        this.jdbc = jdbc;
        this.horizon = horizon;
    }

    /** A redemption to notify its holder of; {@code sessions} or {@code faceAmountMinor} is null, as on the row. */
    public record Redeemed(String writtenByXid, UUID redemptionId, UUID holderId, String productName, Integer sessions,
                           Long faceAmountMinor, long valueMinor, String currency, Instant redeemedAt) { }

    /**
     * Takes this database's pass lock until the transaction ends; false when another instance's pass holds it (it
     * will notice the same rows). An advisory lock writes nothing, so an idle pass commits without a WAL flush.
     */
    public boolean tryLock() {
        return jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", PASS_LOCK).query(Boolean.class).single();
    }

    /** The smallest transaction id that may still write redemptions here ({@link CommitHorizon}). */
    public String horizon() {
        return horizon.horizon();
    }

    /** Where the last pass stopped: (after_xid as text, after_id). */
    public Cursor cursor() {
        return jdbc.sql("select cast(after_xid as text), after_id from card.redemption_notice_cursor")
                .query((rs, n) -> new Cursor(rs.getString(1), rs.getObject(2, UUID.class))).single();
    }

    /** A position in {@code (written_by_xid, id)} order. */
    public record Cursor(String xid, UUID id) { }

    /**
     * The next redemptions after {@code cursor} written by transactions below {@code horizon}, oldest transaction
     * first. The cursor comes as parameters, not from a join: only then does the row comparison become the index
     * scan's start (a join made it read every redemption since the first, each pass).
     */
    public List<Redeemed> next(Cursor cursor, String horizon, int limit) {
        return jdbc.sql("""
                select cast(r.written_by_xid as text) as xid, r.id, c.holder_id, c.product_name, r.sessions,
                       r.face_amount_minor, r.value_minor, r.currency, r.redeemed_at
                  from card.redemption r
                  join card.card c on c.id = r.card_id
                 where (r.written_by_xid, r.id) > (cast(:afterXid as xid8), cast(:afterId as uuid))
                   and r.written_by_xid < cast(:horizon as xid8)
                 order by r.written_by_xid, r.id
                 limit :limit
                """)
                .param("afterXid", cursor.xid()).param("afterId", cursor.id())
                .param("horizon", horizon).param("limit", limit)
                .query(RedemptionNoticeQueue::redeemed)
                .list();
    }

    private static Redeemed redeemed(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Redeemed(rs.getString("xid"), rs.getObject("id", UUID.class),
                rs.getObject("holder_id", UUID.class), rs.getString("product_name"),
                (Integer) rs.getObject("sessions"), (Long) rs.getObject("face_amount_minor"),
                rs.getLong("value_minor"), rs.getString("currency"), rs.getTimestamp("redeemed_at").toInstant());
    }

    /**
     * Parked redemptions whose next attempt is due at {@code now}, soonest first (ADR 14 §6); the cursor is past them.
     */
    public List<Redeemed> parkedDue(Instant now, int limit) {
        return jdbc.sql("""
                select cast(r.written_by_xid as text) as xid, r.id, c.holder_id, c.product_name, r.sessions,
                       r.face_amount_minor, r.value_minor, r.currency, r.redeemed_at
                  from card.redemption_notice_parked p
                  join card.redemption r on r.id = p.redemption_id
                  join card.card c on c.id = r.card_id
                 where p.next_attempt_at <= :now
                 order by p.next_attempt_at, p.redemption_id
                 limit :limit
                """)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query(RedemptionNoticeQueue::redeemed)
                .list();
    }

    /**
     * Records that {@code redemption}'s notice failed once more (parks it the first time); the next attempt is due
     * after {@code backoff} times two per earlier failure, at most {@code backoffMax} after {@code now}. Answers how
     * often it has failed.
     */
    public int parkOrCount(UUID redemption, String error, Instant now, Duration backoff, Duration backoffMax) {
        return jdbc.sql("""
                insert into card.redemption_notice_parked as p (redemption_id, failures, last_error, parked_at, next_attempt_at)
                values (:id, 1, :error, :now, cast(:now as timestamptz) + cast(:backoff as interval))
                on conflict (redemption_id) do update
                   set failures = p.failures + 1, last_error = excluded.last_error,
                       next_attempt_at = excluded.parked_at
                                         + least(cast(:backoff as interval) * power(2, least(p.failures, 30)),
                                                 cast(:backoffMax as interval))
                returning failures
                """)
                .param("id", redemption).param("error", error).param("now", Timestamp.from(now))
                .param("backoff", backoff.toMillis() + " milliseconds")
                .param("backoffMax", backoffMax.toMillis() + " milliseconds")
                .query(Integer.class).single();
    }

    /** Its notice is written: the redemption leaves the parked ones. */
    public void unpark(UUID redemption) {
        jdbc.sql("delete from card.redemption_notice_parked where redemption_id = :id").param("id", redemption).update();
    }

    /** Moves the cursor past {@code last}: every redemption up to it in {@link #next} order has its notice. */
    public void advancePast(Redeemed last) {
        jdbc.sql("update card.redemption_notice_cursor set after_xid = cast(:xid as xid8), after_id = :id")
                .param("xid", last.writtenByXid()).param("id", last.redemptionId()).update();
    }
}
