package org.fangxin.card.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.LiveCardTotals;
import org.fangxin.card.MerchantDayActivity;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Grouped reads over paid purchases, live cards and redemptions for {@code CardStatistics}. */
@Repository
public class StatisticsRepository {

    private final JdbcClient jdbc;

    public StatisticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MerchantDayActivity> activityBetween(Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                with sales as (
                    select merchant_id, (paid_at at time zone :zone)::date as day, count(*) as n, sum(amount_minor) as minor
                      from card.purchase
                     where status = 'PAID' and paid_at >= :from and paid_at < :to and currency = 'CNY'
                     group by 1, 2),
                redeemed as (
                    select merchant_id, (redeemed_at at time zone :zone)::date as day, count(*) as n, sum(value_minor) as minor
                      from card.redemption
                     where redeemed_at >= :from and redeemed_at < :to and status <> 'REVERSED'
                     group by 1, 2)
                select coalesce(s.merchant_id, r.merchant_id) as merchant_id, coalesce(s.day, r.day) as day,
                       coalesce(s.n, 0) as sales, coalesce(s.minor, 0) as sales_minor,
                       coalesce(r.n, 0) as redemptions, coalesce(r.minor, 0) as redemption_minor
                  from sales s full join redeemed r on r.merchant_id = s.merchant_id and r.day = s.day
                """)
                .param("zone", zone.getId()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new MerchantDayActivity(rs.getObject("merchant_id", UUID.class),
                        rs.getObject("day", LocalDate.class), rs.getLong("sales"), rs.getLong("sales_minor"),
                        rs.getLong("redemptions"), rs.getLong("redemption_minor")))
                .list();
    }

    /**
     * Live card totals of a chunk of merchants. The ids go as one array parameter, not an in-list of one parameter
     * each: once the driver's statement takes a generic plan, an in-list of 1,000 is a filter on every row, the array
     * keeps the merchant index (the same fix as the risk rating's, docs/performance.md).
     */
    public Map<UUID, LiveCardTotals> liveCardTotals(Collection<UUID> merchantIds) {
        Map<UUID, LiveCardTotals> totals = new HashMap<>();
        jdbc.sql("""
                select merchant_id, count(*) as n,
                       coalesce(sum(paid_minor - earned_minor - refunded_minor - transferred_out_minor), 0) as unredeemed
                  from card.card where merchant_id = any(cast(:ids as uuid[])) and status in ('ACTIVE', 'FROZEN')
                   and currency = 'CNY'
                 group by merchant_id
                """)
                .param("ids", merchantIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    totals.put(rs.getObject("merchant_id", UUID.class),
                            new LiveCardTotals(rs.getLong("n"), Money.fen(rs.getLong("unredeemed"))));
                });
        return totals;
    }
}
