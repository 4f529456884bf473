package org.fangxin.protection;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Consumers' "store closed" reports counted per merchant and day, for other modules' batch jobs (risk); no personal data. */
@Service
@Transactional(readOnly = true)
public class ClosureReportStatistics {

    /** Reports a merchant received on one day. */
    public record MerchantDayReports(UUID merchantId, LocalDate day, long reports) { }

    private final JdbcClient jdbc;

    ClosureReportStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reports per merchant and day (days of {@code zone}) from {@code from} (inclusive) to {@code to} (exclusive);
     * days without any are omitted.
     */
    public List<MerchantDayReports> reportsBetween(Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                select merchant_id, (reported_at at time zone :zone)::date as day, count(*) as n
                  from protection.closure_report where reported_at >= :from and reported_at < :to group by 1, 2
                """)
                .param("zone", zone.getId()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new MerchantDayReports(rs.getObject("merchant_id", UUID.class),
                        rs.getObject("day", LocalDate.class), rs.getLong("n")))
                .list();
    }
}
