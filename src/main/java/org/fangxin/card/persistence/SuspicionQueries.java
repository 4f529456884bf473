package org.fangxin.card.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads for protection's suspicion watch: signs that a merchant stopped serving its card holders (this schema only). */
@Repository
public class SuspicionQueries {

    private final JdbcClient jdbc;

    public SuspicionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<org.fangxin.card.QuietMerchant> redemptionsStopped(Instant activeSince, Instant quietSince, LocalDate today,
                                                                   int liveCardsAtLeast, int earlierAtLeast, int limit) {
        return jdbc.sql("""
                select l.merchant_id, l.cards, e.earlier, e.last_at
                  from (select merchant_id, count(*) as cards from card.card
                         where status = 'ACTIVE' and kind = 'SESSION_PACK' and sessions_remaining > 0
                           and purchased_at < :quietSince and valid_until >= :today
                         group by merchant_id having count(*) >= :liveAtLeast) l
                  cross join lateral (
                        select count(*) filter (where r.redeemed_at >= :activeSince and r.redeemed_at < :quietSince
                                                  and r.status <> 'REVERSED') as earlier,
                               count(*) filter (where r.redeemed_at >= :quietSince) as since,
                               max(r.redeemed_at) as last_at
                          from card.redemption r where r.merchant_id = l.merchant_id) e
                 where e.since = 0 and e.earlier >= :earlierAtLeast
                 order by e.last_at, l.merchant_id
                 limit :limit
                """)
                .param("activeSince", Timestamp.from(activeSince)).param("quietSince", Timestamp.from(quietSince))
                .param("today", Date.valueOf(today)).param("liveAtLeast", liveCardsAtLeast)
                .param("earlierAtLeast", earlierAtLeast).param("limit", limit)
                .query((rs, n) -> new org.fangxin.card.QuietMerchant(rs.getObject("merchant_id", UUID.class),
                        rs.getLong("cards"), rs.getLong("earlier"), rs.getTimestamp("last_at").toInstant()))
                .list();
    }

    public List<org.fangxin.card.ConfirmationFailures> confirmationFailures(UUID merchantId, Instant from, Instant to,
                                                                            int consumersAtLeast, int limit) {
        return jdbc.sql("""
                select f.merchant_id, count(distinct f.holder_id) as consumers, count(*) as failures
                  from (select q.merchant_id, c.holder_id from card.redemption_request q join card.card c on c.id = q.card_id
                         where (q.status in ('DECLINED', 'EXPIRED') and q.decided_at >= :from and q.decided_at <= :to
                                or q.status = 'PENDING' and q.expires_at >= :from and q.expires_at <= :to)
                           and (cast(:merchant as uuid) is null or q.merchant_id = :merchant)
                        union all
                        select r.merchant_id, c.holder_id from card.redemption r join card.card c on c.id = r.card_id
                         where r.decision = 'UPHELD' and r.decided_at >= :from and r.decided_at <= :to
                           and (cast(:merchant as uuid) is null or r.merchant_id = :merchant)) f
                 group by f.merchant_id
                having count(distinct f.holder_id) >= :consumersAtLeast
                 order by consumers desc, f.merchant_id
                 limit :limit
                """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("merchant", merchantId)
                .param("consumersAtLeast", consumersAtLeast).param("limit", limit)
                .query((rs, n) -> new org.fangxin.card.ConfirmationFailures(rs.getObject("merchant_id", UUID.class),
                        rs.getLong("consumers"), rs.getLong("failures")))
                .list();
    }
}
