package org.fangxin.refund;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Refund requests counted per merchant and day, for other modules' batch jobs (risk); no access check, no personal data. */
@Service
@Transactional(readOnly = true)
public class RefundStatistics {

    /** Refund requests a merchant received on one day. */
    public record MerchantDayRequests(UUID merchantId, LocalDate day, long requests) { }

    private final JdbcClient jdbc;

    RefundStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Requests per merchant and day (days of {@code zone}) from {@code from} (inclusive) to {@code to} (exclusive);
     * days without any are omitted.
     */
    public List<MerchantDayRequests> requestsBetween(Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                select merchant_id, (requested_at at time zone :zone)::date as day, count(*) as n
                  from refund.refund_request where requested_at >= :from and requested_at < :to group by 1, 2
                """)
                .param("zone", zone.getId()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new MerchantDayRequests(rs.getObject("merchant_id", UUID.class),
                        rs.getObject("day", LocalDate.class), rs.getLong("n")))
                .list();
    }
}
